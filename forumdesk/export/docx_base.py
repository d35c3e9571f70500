"""What every ForumDesk Word document shares: the A4 page, the house styles, the marked header and footer.

Members amend draft minutes in Word with track changes, so the document is built from named styles, not
direct formatting: Title, Subtitle, Heading 1 to 3, Normal, a shaded and ruled "Decision" paragraph style,
"Quorum" and "Note" paragraph styles, and the "ForumDesk Table" table style (ruled grid, shaded header row).
The document language is British English (``w:lang`` en-GB on the document defaults and every style), the
font is Arial throughout (no theme fonts), and the core properties carry the title, author and subject.

Every section's header (default, first-page and even-page) carries the protective marking, and "DRAFT" under
it while a document is a draft; every footer carries the marking, the title and "Page x of y" (Word fields).
User text goes through ``clean``: characters XML 1.0 cannot hold are dropped so they can never break the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from forumdesk.domain.dates import format_uk_date
from forumdesk.export.info import DocumentInfo
from forumdesk.export.palette import NAVY_HEX
from forumdesk.export.text import xml_safe

__all__ = [
    "CONTENT_WIDTH", "DECISION_STYLE", "TABLE_STYLE", "TABLE_TEXT", "clean", "new_document", "paragraph", "save",
    "styled", "table",
]

LANGUAGE = "en-GB"
FONT = "Arial"
TABLE_STYLE = "ForumDesk Table"
DECISION_STYLE = "Decision"
TABLE_TEXT = "Table Text"
CONTENT_WIDTH = Mm(170)  # A4 less two 20 mm margins
_RULE_HEX, _SHADE_HEX, _DECISION_HEX, _RED_HEX = "9AA5B8", "E8ECF3", "EEF3FA", "C00000"
_NAVY = RGBColor.from_string(NAVY_HEX)
# the pPr children that come after w:pBdr and w:shd in the schema's order (Word rejects them out of order)
_AFTER_SHADING = ("w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc",
                  "w:outlineLvl", "w:rPr")


def clean(text: str) -> str:
    """User text as a Word run can hold it: XML-illegal characters (most C0 controls) dropped."""
    return xml_safe(text)


def new_document(info: DocumentInfo, draft: bool = False) -> Any:
    """An empty A4 document with the house styles, en-GB, the marked header and footer and the properties."""
    doc = Document()
    _page(doc)
    _styles(doc)
    _language(doc)
    _properties(doc, info)
    _header_footer(doc, info, draft)
    if draft:  # members' amendments to draft minutes are tracked from the first keystroke
        _track_changes(doc)
    return doc


def save(doc: Any, target: str | Path) -> None:
    doc.save(str(target))


def paragraph(container: Any, text: str = "", style: str | None = None, *, bold_lead: str = "") -> Any:
    """A paragraph in a named style; ``bold_lead`` is a bold run before the text (``Decision:``)."""
    para = styled(container.add_paragraph(), style)
    if bold_lead:
        para.add_run(bold_lead).bold = True
    if text:
        para.add_run(clean(text))
    return para


def table(
    container: Any, head: Sequence[str] | None, rows: Sequence[Sequence[str | Sequence[str]]], widths: Sequence[float],
) -> Any:
    """A table in ``TABLE_STYLE``: a repeated, shaded header row (when ``head``), widths in millimetres.

    A cell given a sequence of strings gets one paragraph each (names in an attendance cell).
    """
    all_rows: list[Sequence[str | Sequence[str]]] = [*([head] if head else []), *rows]
    grid = container.add_table(rows=len(all_rows), cols=len(widths))
    grid.style = TABLE_STYLE
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    for r, values in enumerate(all_rows):
        cells = grid.rows[r].cells
        for c, value in enumerate(values):
            cell = cells[c]
            cell.width = Mm(widths[c])
            lines = [value] if isinstance(value, str) else list(value) or [""]
            styled(cell.paragraphs[0], TABLE_TEXT).add_run(clean(lines[0])).bold = True if head and r == 0 else None
            for line in lines[1:]:
                styled(cell.add_paragraph(), TABLE_TEXT).add_run(clean(line))
    if head:
        _repeat_header(grid.rows[0])
    else:  # no header row: the style's first-row shading must not fall on the first line of data
        look = grid._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:
            look.set(qn("w:firstRow"), "0")
            look.set(qn("w:val"), "0480")  # the same flags as a bitmask, for Word 2007
    return grid


def styled(para: Any, style: str | None) -> Any:
    """``para`` in the style named ``style`` (None: Normal), by the style's id.

    Every style used here has its name without spaces as its id ("Heading 1" is ``Heading1``); setting the id
    directly spares python-docx's look-up by name, which reads every style in the file for each paragraph
    (30 s of the 45 s forty meetings' minutes took).
    """
    if style is not None:
        para._p.get_or_add_pPr().style = style.replace(" ", "")
    return para


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    for cell in row.cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_SHADE_HEX}"/>'))


# -- the page ---------------------------------------------------------------------------------------------
def _page(doc: Any) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)


# -- styles -----------------------------------------------------------------------------------------------
def _styles(doc: Any) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    _arial(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, before, after, colour in (
        ("Title", 20, 0, 4, _NAVY), ("Subtitle", 13, 0, 10, RGBColor(0x40, 0x40, 0x40)),
        ("Heading 1", 14, 16, 6, _NAVY), ("Heading 2", 12, 12, 4, _NAVY), ("Heading 3", 11, 8, 3, _NAVY),
    ):
        style = styles[name]
        _arial(style.element.get_or_add_rPr())
        _plain(style.element)
        style.font.size = Pt(size)
        style.font.color.rgb = colour
        style.font.italic = False
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8.5)
        styles[name].paragraph_format.space_after = Pt(0)
    decision = _paragraph_style(doc, DECISION_STYLE, left=Mm(6), fill=_DECISION_HEX, rule=NAVY_HEX)
    decision.paragraph_format.keep_together = True
    _paragraph_style(doc, "Quorum", left=Mm(0), fill=_SHADE_HEX, rule=_RULE_HEX).font.bold = True
    _paragraph_style(doc, "Note", left=Mm(0)).font.italic = True
    cell_text = _paragraph_style(doc, TABLE_TEXT, left=Mm(0))
    cell_text.font.size = Pt(9)
    cell_text.paragraph_format.space_before = cell_text.paragraph_format.space_after = Pt(1)
    cell_text.paragraph_format.line_spacing = 1.0
    styles.element.append(parse_xml(_TABLE_STYLE_XML))


def _paragraph_style(doc: Any, name: str, *, left: Any, fill: str = "", rule: str = "") -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.paragraph_format.left_indent = left
    style.paragraph_format.space_before = Pt(3)
    style.paragraph_format.space_after = Pt(3)
    p_pr = style.element.get_or_add_pPr()
    if rule:
        border = (f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="18" w:space="6" w:color="{rule}"/>'
                  "</w:pBdr>")
        _insert_before(p_pr, parse_xml(border), ("w:shd", *_AFTER_SHADING))
    if fill:
        shade = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
        _insert_before(p_pr, shade, _AFTER_SHADING)
    return style


def _plain(style: Any) -> None:
    """No letter-spacing, theme colours or stray list numbering in a template style (the Subtitle has all three)."""
    for tag in ("w:rPr/w:spacing", "w:pPr/w:numPr"):
        for found in style.findall(qn(tag.split("/")[0]) + "/" + qn(tag.split("/")[1])):
            found.getparent().remove(found)
    for element in style.iter():
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            element.attrib.pop(qn(attribute), None)
        if element.tag == qn("w:bottom") and element.get(qn("w:color")):
            element.set(qn("w:color"), NAVY_HEX)


def _insert_before(parent: Any, child: Any, successors: Sequence[str]) -> None:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _arial(r_pr: Any) -> None:
    """Arial for every script (no theme fonts, which differ between Word and LibreOffice)."""
    old = r_pr.find(qn("w:rFonts"))
    if old is not None:
        r_pr.remove(old)
    r_pr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"'
                             f' w:eastAsia="{FONT}"/>'))


_TABLE_STYLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="ForumDeskTable">
  <w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
  <w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="{_RULE_HEX}"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="{_RULE_HEX}"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{_RULE_HEX}"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="{_RULE_HEX}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{_RULE_HEX}"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="{_RULE_HEX}"/>
    </w:tblBorders>
    <w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{NAVY_HEX}"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="{_SHADE_HEX}"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def _language(doc: Any) -> None:
    """British English as the language of the defaults and of every style (spelling is checked en-GB)."""
    styles = doc.styles.element
    r_prs = [styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))]
    r_prs += [style.element.get_or_add_rPr() for style in doc.styles if style.type in (1, 2)]
    for r_pr in r_prs:
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _track_changes(doc: Any) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        _insert_before(settings, OxmlElement("w:trackRevisions"), ("w:defaultTabStop", "w:characterSpacingControl"))


def _properties(doc: Any, info: DocumentInfo) -> None:
    props = doc.core_properties
    props.title = clean(info.title)
    props.subject = clean(info.subject)
    props.author = props.last_modified_by = clean(info.author) or "ForumDesk"
    props.category = info.marking.value
    props.keywords = info.marking.value + (f", {info.watermark}" if info.watermark else "")
    props.comments = clean(info.version)
    props.language = LANGUAGE
    props.created = props.modified = info.produced_at
    props.revision = 1


# -- header and footer ------------------------------------------------------------------------------------
def _header_footer(doc: Any, info: DocumentInfo, draft: bool) -> None:
    for section in doc.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            header.is_linked_to_previous = False
            _marking_line(header.paragraphs[0], info)
            if draft:
                line = styled(header.add_paragraph(), "Header")
                line.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = line.add_run(info.watermark or "DRAFT")
                run.bold = True
                run.font.color.rgb = RGBColor.from_string(_RED_HEX)
        for footer in (section.footer, section.first_page_footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            first = footer.paragraphs[0]
            first.alignment = WD_ALIGN_PARAGRAPH.CENTER
            first.add_run(f"{clean(info.title)} · produced {format_uk_date(info.produced_at.date())} · Page ")
            _field(first, "PAGE")
            first.add_run(" of ")
            _field(first, "NUMPAGES")
            _marking_line(styled(footer.add_paragraph(), "Footer"), info)


def _marking_line(para: Any, info: DocumentInfo) -> None:
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(info.marking.value)
    run.bold = True
    run.font.size = Pt(10)


def _field(para: Any, instruction: str) -> None:
    """A simple Word field (``PAGE``, ``NUMPAGES``) showing 1 until Word or LibreOffice updates it."""
    field = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>1</w:t></w:r>'
                      "</w:fldSimple>")
    para._p.append(field)
