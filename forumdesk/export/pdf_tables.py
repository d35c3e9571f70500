"""Long tables built page by page: one reportlab ``Table`` per page, never one ``LongTable``.

One LongTable re-measures every remaining row at each page break, which is superlinear (SETUP.md).
Here each cell is wrapped once into plain lines (``wrap_lines``), row heights follow from the line counts,
and rows are packed into pages up front; each page becomes one small Table with fixed row heights and
its own header row. Plain strings (not Paragraphs) also mean user text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from forumdesk.export.info import Progress, no_progress
from forumdesk.export.pdf_base import INK, NAVY, RAG_COLOURS, RULE, SHADE, register_fonts
from forumdesk.export.pdf_base import TABLE_FONT as FONT
from forumdesk.export.pdf_base import TABLE_FONT_BOLD as FONT_BOLD
from forumdesk.export.text import pdf_symbols, xml_safe

FONT_SIZE = 7.2
LEADING = 8.8
PAD = 2.6
SAFETY = 2.0  # points kept free at the foot of each page so a table never has to split


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "LEFT"


@dataclass(frozen=True)
class Row:
    """A data row (``cells``), or a group heading when ``heading`` is set. ``rag`` colours column ``rag_col``."""

    cells: Sequence[str] = ()
    rag: str | None = None
    heading: str = ""


def widen_to_fit(columns: Sequence[Column], index: int, texts: Iterable[str], donor: int) -> list[Column]:
    """Widen column ``index`` so that none of ``texts`` (refs) is ever broken, taking the width from ``donor``."""
    out = list(columns)
    need = max((_width(pdf_plain(t), FONT, FONT_SIZE) for t in texts), default=0.0) + 2 * PAD + 1.5
    extra = min(max(0.0, need - out[index].width), out[donor].width - 60)
    if extra > 0:
        out[index] = replace(out[index], width=out[index].width + extra)
        out[donor] = replace(out[donor], width=out[donor].width - extra)
    return out


def pdf_plain(text: str) -> str:
    """User text for a plain-string cell: legal characters only, tabs as spaces, one kind of line break."""
    return pdf_symbols(xml_safe(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def wrap_lines(text: str, width: float, font: str = FONT, size: float = FONT_SIZE) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` at spaces; a word longer than a line is broken too.

    Word widths are cached: action logs repeat their vocabulary, and measuring is most of the wrapping cost.
    """
    lines: list[str] = []
    space = _width(" ", font, size)
    for paragraph in pdf_plain(text).split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            wide = _width(word, font, size)
            if wide > width:  # a long word (a URL, say) is broken over lines
                if line:
                    lines.append(line)
                pieces = _break_word(word, width, font, size)
                lines += pieces[:-1]
                line, used = pieces[-1], _width(pieces[-1], font, size)
            elif line and used + space + wide > width:
                lines.append(line)
                line, used = word, wide
            else:
                line, used = (f"{line} {word}", used + space + wide) if line else (word, wide)
        lines.append(line)
    return lines or [""]


def _break_word(word: str, width: float, font: str, size: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current]


@lru_cache(maxsize=8192)
def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


class _PageTable(Table):  # type: ignore[misc]
    """A Table that draws all its plain-text cells into ONE PDF text object.

    reportlab's own cell drawing opens a text object, measures the string (for bidi support we do not
    use) and restores the graphics state for every line; for thousands of rows that drawing, not the
    layout, is what costs. Cells here are always top-aligned, already-wrapped lines.
    """

    def draw(self) -> None:
        self._text = self.canv.beginText()
        self._text_state: tuple[object, ...] | None = None
        super().draw()
        self.canv.drawText(self._text)

    def _drawCell(self, cellval: object, cellstyle: Any, pos: tuple[float, float], size: tuple[float, float]) -> None:
        if not isinstance(cellval, str):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if not cellval:
            return
        text, font, fontsize = self._text, cellstyle.fontname, cellstyle.fontsize
        state = (font, fontsize, cellstyle.leading, cellstyle.color)
        if state != self._text_state:
            text.setFont(font, fontsize, cellstyle.leading)
            text.setFillColor(cellstyle.color)
            self._text_state = state
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        y = rowpos + rowheight - cellstyle.topPadding - fontsize
        align, code = cellstyle.alignment, text._code
        for line in cellval.split("\n"):
            if align in ("CENTRE", "CENTER"):
                free = colwidth + cellstyle.leftPadding - cellstyle.rightPadding
                x = colpos + (free - _width(line, font, fontsize)) / 2
            elif align == "RIGHT":
                x = colpos + colwidth - cellstyle.rightPadding - _width(line, font, fontsize)
            else:
                x = colpos + cellstyle.leftPadding
            code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")  # setTextOrigin without its slow number formatting
            code.append(text._formatText(line))
            y -= cellstyle.leading


class PagedTable:
    """Packs rows into pages of a given height and returns the flowables (tables and page breaks)."""

    def __init__(self, columns: Sequence[Column], *, rag_col: int | None = None) -> None:
        register_fonts()
        self.columns = list(columns)
        self.rag_col = rag_col
        self.inner = [c.width - 2 * PAD - 1 for c in self.columns]
        self.header = [wrap_lines(c.title, w, FONT_BOLD) for c, w in zip(self.columns, self.inner, strict=True)]
        self.header_height = max(len(h) for h in self.header) * LEADING + 2 * PAD
        self.base_style = [
            ("FONT", (0, 0), (-1, -1), FONT, FONT_SIZE, LEADING),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, FONT_SIZE, LEADING),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            *[("ALIGN", (i, 0), (i, -1), c.align) for i, c in enumerate(self.columns) if c.align != "LEFT"],
        ]

    def _cells(self, row: Row) -> list[list[str]]:
        return [wrap_lines(text, w) for text, w in zip(row.cells, self.inner, strict=True)]

    def flowables(
        self, rows: Sequence[Row], first_height: float, page_height: float, progress: Progress = no_progress
    ) -> list[Flowable]:
        pages: list[Flowable] = []
        data: list[list[str]] = []
        heights: list[float] = []
        styles: list[tuple[object, ...]] = []
        free = first_height - self.header_height - SAFETY
        group = ""

        def new_page() -> None:
            nonlocal data, heights, styles, free
            if data:
                pages.extend([self._table(data, heights, styles), PageBreak()])
            data, heights, styles = [], [], []
            free = page_height - self.header_height - SAFETY

        def add(cells: list[str], height: float, rag: str | None, heading: bool) -> None:
            nonlocal free
            index = len(data) + 1
            if heading:
                data.append([cells[0]] + [""] * (len(self.columns) - 1))
                styles.extend([
                    ("SPAN", (0, index), (-1, index)),
                    ("BACKGROUND", (0, index), (-1, index), SHADE),
                    ("FONT", (0, index), (-1, index), FONT_BOLD, FONT_SIZE + 0.8, LEADING),
                    ("TEXTCOLOR", (0, index), (-1, index), NAVY),
                ])
            else:
                data.append(cells)
                if rag and self.rag_col is not None and rag in RAG_COLOURS:
                    styles.append(("BACKGROUND", (self.rag_col, index), (self.rag_col, index), RAG_COLOURS[rag]))
            heights.append(height)
            free -= height

        heading_height = LEADING + 2 * PAD + 1
        for n, row in enumerate(rows):
            if n % 500 == 0:
                progress(n, len(rows))
            if row.heading:
                group = row.heading
                if free < heading_height + 2 * LEADING + 2 * PAD:
                    new_page()
                add([pdf_plain(group)], heading_height, None, True)
                continue
            cells = self._cells(row)
            for chunk in self._split_tall(cells, page_height - self.header_height - heading_height - SAFETY):
                height = max(len(c) for c in chunk) * LEADING + 2 * PAD
                if height > free:
                    new_page()
                    if group:
                        add([pdf_plain(group) + " (continued)"], heading_height, None, True)
                add(["\n".join(c) for c in chunk], height, row.rag, False)
        if data:
            pages.append(self._table(data, heights, styles))
        return pages

    @staticmethod
    def _split_tall(cells: list[list[str]], limit: float) -> list[list[list[str]]]:
        """A row taller than a page becomes several rows (its text continues), so nothing is cut off."""
        per_row = max(1, int((limit - 2 * PAD) // LEADING))
        tallest = max(len(c) for c in cells)
        if tallest <= per_row:
            return [cells]
        return [[c[start : start + per_row] for c in cells] for start in range(0, tallest, per_row)]

    def _table(self, data: list[list[str]], heights: list[float], styles: list[tuple[object, ...]]) -> Table:
        header = ["\n".join(h) for h in self.header]
        table = _PageTable(
            [header, *data],
            colWidths=[c.width for c in self.columns],
            rowHeights=[self.header_height, *heights],
            repeatRows=1,
        )
        table.setStyle(TableStyle([*self.base_style, *styles]))
        return table
