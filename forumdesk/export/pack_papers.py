"""Papers in the board pack: the papers page, a cover sheet per paper, and the papers' own pages merged in.

The reportlab part of the pack is built with one blank *placeholder* page for each page of each PDF paper
(``papers_story``), so its contents, bookmarks and "Page x of y" already count every page the finished pack
will have. ``merge_papers`` then swaps each placeholder for the paper's page (pypdf; the contents, the
bookmarks and their links are kept, since they point at cover sheets, never at placeholders), turns any
/Rotate into the page's content so the page is the right way up, and stamps each paper page with the pack's
marking top and bottom and its "Page x of y", centred within the visible page (its crop box), on white so
they read over anything the paper printed there. Word and Excel papers are listed as attached separately.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.papers import Paper, human_size
from forumdesk.export import pdf_base as pdf
from forumdesk.export.info import DocumentInfo
from forumdesk.export.text import pdf_markup

_WIDTH = pdf.frame_size("portrait")[0]


@dataclass(frozen=True)
class PackPaper:
    """A paper and its file's bytes, as the pack merges it."""

    paper: Paper
    content: bytes


@dataclass
class Placements:
    """Where each placeholder landed: pack page number (1-based) -> (paper index, page index in the paper).

    Filled in while the story is drawn; each pass of ``multiBuild`` overwrites the last, so after the build
    it holds the final pages."""

    pages: dict[int, tuple[int, int]] = field(default_factory=dict)


class _Placeholder(Flowable):  # type: ignore[misc]
    """Marks the page it lands on as the place of one page of one paper."""

    def __init__(self, places: Placements, paper: int, page: int) -> None:
        super().__init__()
        self.places, self.paper, self.page = places, paper, page

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 1, 1

    def draw(self) -> None:
        self.places.pages[self.canv.getPageNumber()] = (self.paper, self.page)


class _NewPass(Flowable):  # type: ignore[misc]
    """Forgets the placeholders an earlier pass of ``multiBuild`` drew (the contents may have grown since,
    moving every page after them): drawn before the first placeholder in every pass."""

    def __init__(self, places: Placements) -> None:
        super().__init__()
        self.places = places

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.places.pages.clear()


def _where(paper: Paper) -> str:
    if paper.kind.merged:
        return f"In this pack ({paper.pages} page{'s' if paper.pages != 1 else ''})"
    return f"Attached separately ({paper.kind.label})"


def papers_story(papers: Sequence[PackPaper], places: Placements) -> list[Flowable]:
    """The papers page (every paper in agenda order), then each PDF paper's cover sheet and placeholders."""
    s = pdf.styles()
    heading = Paragraph("Papers", s["title"])
    heading.outline = ("papers", "Papers", 0)
    out: list[Flowable] = [PageBreak(), _NewPass(places), heading, Paragraph(
        "The papers for this meeting, in agenda order. Papers in PDF follow, each after its cover sheet; Word and"
        " Excel papers are sent with the pack as separate files.", s["muted"]), Spacer(1, 6)]
    data: list[list[object]] = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in ("Item", "Paper", "Marking", "Where")]]
    for entry in papers:
        paper = entry.paper
        data.append([
            Paragraph(f"<b>{pdf_markup(paper.item_number)}</b> {pdf_markup(paper.item_title)}", s["cell"]),
            Paragraph(pdf_markup(paper.file_name), s["cell"]),
            Paragraph(paper.marking.value, s["cell"]),
            Paragraph(_where(paper), s["cell"]),
        ])
    table = Table(data, colWidths=[150, _WIDTH - 150 - 100 - 130, 100, 130], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), pdf.SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.6, pdf.NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, pdf.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    out.append(table)
    for index, entry in enumerate(papers):
        if entry.paper.kind.merged:
            out += _cover_sheet(entry.paper)
            for page in range(entry.paper.pages):
                out += [PageBreak(), _Placeholder(places, index, page)]
    return out


def _cover_sheet(paper: Paper) -> list[Flowable]:
    s = pdf.styles()
    title = Paragraph(pdf_markup(paper.title), s["title"].clone("paper", fontSize=20, leading=25, spaceAfter=8))
    title.outline = (f"paper-{paper.id}", f"Item {paper.item_number}: {paper.title}", 1)
    rows = [
        ("Agenda item", f"{paper.item_number}  {paper.item_title}"),
        ("File", paper.file_name),
        ("Pages", str(paper.pages)),
        ("Marking", paper.marking.value),
        ("Size", human_size(paper.size)),
        ("Attached", format_uk_date(paper.added_at.date())),
    ]
    details = Table([[Paragraph(f"<b>{k}</b>", s["body"]), Paragraph(pdf_markup(v), s["body"])] for k, v in rows],
                    colWidths=[90, _WIDTH - 90], hAlign="LEFT", splitInRow=1)
    details.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, pdf.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    rule = Table([[""]], colWidths=[_WIDTH], rowHeights=[5], style=[("BACKGROUND", (0, 0), (-1, -1), pdf.NAVY)])
    kicker = s["subtitle"].clone("paper-kicker", fontSize=11, textColor=pdf.NAVY)
    note = ("The paper follows as its author supplied it. ForumDesk has added the pack's marking and page numbers to"
            " each of its pages.")
    return [PageBreak(), Spacer(1, 36), rule, Spacer(1, 18),
            Paragraph(f"PAPER FOR ITEM {pdf_markup(paper.item_number)}", kicker), title, Spacer(1, 6), details,
            Spacer(1, 18), Paragraph(note, s["muted"])]


def merge_papers(plain: bytes, target: Path, papers: Sequence[PackPaper], places: Placements,
                 info: DocumentInfo) -> None:
    """Write to ``target`` the pack ``plain`` with each placeholder replaced by its paper's page, stamped."""
    from pypdf import PdfReader, PdfWriter, Transformation

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        writer = PdfWriter(clone_from=io.BytesIO(plain))
        total = len(writer.pages)
        expected = sum(p.paper.pages for p in papers if p.paper.kind.merged)
        if len(places.pages) != expected or any(n > total for n in places.pages):
            raise RuntimeError(f"the pack placed {len(places.pages)} of its papers' {expected} pages")
        readers = [PdfReader(io.BytesIO(p.content)) if p.paper.kind.merged else None for p in papers]
        for number in sorted(places.pages):
            paper, page = places.pages[number]
            reader = readers[paper]
            assert reader is not None
            writer.insert_page(reader.pages[page], number - 1)
            writer.remove_page(number)  # the placeholder, now one further on
            writer.pages[number - 1].transfer_rotation_to_content()
        if len(writer.pages) != total:
            raise RuntimeError("merging the papers changed the pack's page count")
        boxes = {n: writer.pages[n - 1].cropbox for n in sorted(places.pages)}
        sizes = [(float(b.width), float(b.height)) for b in boxes.values()]
        stamps = PdfReader(io.BytesIO(_stamps(list(boxes), sizes, total, info)))
        for stamp, (number, box) in zip(stamps.pages, boxes.items(), strict=True):
            writer.pages[number - 1].merge_transformed_page(
                stamp, Transformation().translate(float(box.left), float(box.bottom)))
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)  # placeholders go
        with open(target, "wb") as out:
            writer.write(out)
    finally:
        quiet.setLevel(level)


def _stamps(numbers: list[int], sizes: list[tuple[float, float]], total: int, info: DocumentInfo) -> bytes:
    """One overlay page per paper page: the marking top and bottom, centred, and "Page x of y", on white."""
    pdf.register_fonts()
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pageCompression=1)
    marking = info.marking.value.upper()
    for number, (width, height) in zip(numbers, sizes, strict=True):
        canvas.setPageSize((width, height))
        _label(canvas, marking, width / 2, height - 11 * mm, pdf.FONT_BOLD, 10, centred=True)
        _label(canvas, marking, width / 2, 5.5 * mm, pdf.FONT_BOLD, 10, centred=True)
        _label(canvas, f"Page {number} of {total}", min(pdf.MARGIN_X, width / 8), 10 * mm, pdf.FONT, 7.5)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _label(canvas: rl_canvas.Canvas, text: str, x: float, y: float, font: str, size: float, *,
           centred: bool = False) -> None:
    width = pdfmetrics.stringWidth(text, font, size)
    left = x - width / 2 if centred else x
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.roundRect(left - 4, y - size * 0.35, width + 8, size * 1.35, 2, stroke=0, fill=1)
    canvas.setFillColor(pdf.INK if font == pdf.FONT_BOLD else pdf.MUTED)
    canvas.setFont(font, size)
    canvas.drawString(left, y, text)
    canvas.restoreState()
