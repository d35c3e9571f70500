"""What every ForumDesk PDF shares: the bundled font, the house styles, and the marked page.

Every page carries the protective marking in capitals centred at the top and bottom, the document title,
"Page x of y", and the version and date in the footer. ``NumberedCanvas`` fills in the page total at the end
so that "of y" is known; a DRAFT watermark is drawn under the content when ``DocumentInfo.watermark`` is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from forumdesk.domain.dates import format_uk_datetime
from forumdesk.export.files import atomic_output
from forumdesk.export.info import DocumentInfo
from forumdesk.export.palette import NAVY_HEX, RAG_PRINT_HEX
from forumdesk.export.text import pdf_symbols, xml_safe
from forumdesk.resources import resource_path

FONT, FONT_BOLD, FONT_ITALIC = "ForumDeskSans", "ForumDeskSans-Bold", "ForumDeskSans-Oblique"
TABLE_FONT, TABLE_FONT_BOLD = "ForumDeskSansCondensed", "ForumDeskSansCondensed-Bold"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    TABLE_FONT: "DejaVuSansCondensed.ttf",
    TABLE_FONT_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

NAVY = colors.HexColor(f"#{NAVY_HEX}")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#5A5A5A")
RULE = colors.HexColor("#9AA5B8")
SHADE = colors.HexColor("#E8ECF3")
RAG_COLOURS = {rag.value: colors.HexColor(f"#{hex_}") for rag, hex_ in RAG_PRINT_HEX.items()}

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 15 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm


def register_fonts() -> None:
    """Register the bundled DejaVu Sans family once, so any name in any document prints."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)
    pdfmetrics.registerFontFamily(
        TABLE_FONT, normal=TABLE_FONT, bold=TABLE_FONT_BOLD, italic=TABLE_FONT, boldItalic=TABLE_FONT_BOLD
    )


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, spaceAfter=0),
        "muted": ParagraphStyle("muted", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, textColor=NAVY, spaceAfter=2
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14, textColor=MUTED, spaceAfter=8),
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16, textColor=NAVY, spaceBefore=10,
            spaceAfter=5, keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=14, textColor=NAVY, spaceBefore=8,
            spaceAfter=3, keepWithNext=1,
        ),
        "label": ParagraphStyle("label", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        "cellbold": ParagraphStyle("cellbold", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "centre": ParagraphStyle("centre", parent=body, alignment=TA_CENTER),
    }


class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
    """Prints "of y" through one form XObject filled in when the document is saved.

    Pages are written as they are finished (bookmarks and links keep their pages, memory stays flat);
    each footer refers to the form ``_TOTAL_FORM``, which ``save`` defines once the page count is known.
    """

    def save(self) -> None:
        total = self.getPageNumber() - 1  # platypus has already closed the last page
        self.beginForm(_TOTAL_FORM)
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(max(total, 1)))
        self.endForm()
        super().save()


_TOTAL_FORM = "ForumDeskPageTotal"


def _draw_page_number(canvas: rl_canvas.Canvas) -> None:
    """``Page x of `` at the left of the footer, then the total (see ``NumberedCanvas``)."""
    label = f"Page {canvas.getPageNumber()} of "
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_X, 10 * mm, label)
    canvas.saveState()
    canvas.translate(MARGIN_X + pdfmetrics.stringWidth(label, FONT, 7.5), 10 * mm)
    canvas.doForm(_TOTAL_FORM)
    canvas.restoreState()


def draw_page_furniture(canvas: rl_canvas.Canvas, info: DocumentInfo) -> None:
    """Marking top and bottom, title rule, version and date; the watermark beneath the content."""
    width, height = canvas._pagesize
    canvas.saveState()
    if info.watermark:
        canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.28))
        canvas.setFont(FONT_BOLD, 110)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(40)
        canvas.drawCentredString(0, -40, info.watermark)
        canvas.rotate(-40)
        canvas.translate(-width / 2, -height / 2)
    marking = info.marking.value.upper()
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 10)
    canvas.drawCentredString(width / 2, height - 11 * mm, marking)
    canvas.drawCentredString(width / 2, 5.5 * mm, marking)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, height - 15 * mm, width - MARGIN_X, height - 15 * mm)
    canvas.line(MARGIN_X, 13.5 * mm, width - MARGIN_X, 13.5 * mm)
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_X, height - 14 * mm + 1, _fit(pdf_symbols(xml_safe(info.title)), width - 2 * MARGIN_X))
    footer = f"{info.version} · {format_uk_datetime(info.produced_at)}" if info.version else format_uk_datetime(
        info.produced_at
    )
    canvas.drawRightString(width - MARGIN_X, 10 * mm, footer)
    _draw_page_number(canvas)
    canvas.restoreState()


def _fit(text: str, width: float, font: str = FONT, size: float = 7.5) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class MarkedDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A4 pages (portrait "portrait", landscape "landscape") with the furniture, bookmarks and TOC entries.

    A flowable with ``outline = (key, title, level)`` becomes a PDF bookmark and a contents entry.
    """

    def __init__(self, filename: str, info: DocumentInfo, *, orientation: str = "portrait", **kwargs: Any) -> None:
        register_fonts()
        self.info = info
        size = LANDSCAPE if orientation == "landscape" else PORTRAIT
        super().__init__(
            filename,
            pagesize=size,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=xml_safe(info.title),
            author=xml_safe(info.author),
            subject=xml_safe(info.subject or info.title),
            creator="ForumDesk",
            **kwargs,
        )
        templates = [self._template("portrait", PORTRAIT), self._template("landscape", LANDSCAPE)]
        if orientation == "landscape":
            templates.reverse()
        self.addPageTemplates(templates)

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X, size[1] - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{name}-frame",
        )

        def on_page(canvas: rl_canvas.Canvas, _doc: BaseDocTemplate) -> None:
            draw_page_furniture(canvas, self.info)

        return PageTemplate(id=name, frames=[frame], onPage=on_page, pagesize=size)

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's name
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        key, title, level = outline
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)
        self.notify("TOCEntry", (level, title, self.page, key))


def frame_size(orientation: str) -> tuple[float, float]:
    size = LANDSCAPE if orientation == "landscape" else PORTRAIT
    return size[0] - 2 * MARGIN_X, size[1] - MARGIN_TOP - MARGIN_BOTTOM


def build(doc: MarkedDocTemplate, story: list[Flowable], *, multi_pass: bool = False) -> None:
    if multi_pass:
        doc.multiBuild(story, canvasmaker=NumberedCanvas)
    else:
        doc.build(story, canvasmaker=NumberedCanvas)


def write_pdf(
    target: str | Path, info: DocumentInfo, story: list[Flowable], *, orientation: str = "portrait",
    multi_pass: bool = False,
) -> None:
    """Build ``story`` into ``target`` atomically."""
    with atomic_output(target) as temp:
        build(MarkedDocTemplate(str(temp), info, orientation=orientation), story, multi_pass=multi_pass)
