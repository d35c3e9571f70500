"""The action log as an Excel workbook in the UK board format, written in openpyxl's write-only mode.

- Real date cells shown dd/mm/yyyy; header frozen; autofilter; sensible widths; wrapped text.
- Each row as tall as its most wrapped cell (``_RowHeights``): spreadsheets keep a row written without a
  height at one line, so wrapped text printed over the next row (LibreOffice does not re-measure on opening).
- RAG and Status coloured by conditional formatting on the cell text, so colours follow edits made in Excel;
  a drop-down (data validation) on Status.
- A second sheet with the dated update history.
- Print set-up: A4 landscape, fit to width, header row repeated, marking in the print header and footer.
- Every user value is a string cell: a value starting with ``=`` never becomes a formula.

Speed: each column has one styled cell that is reused row after row (the write-only writer serialises a
row as soon as it is appended), so no style objects are created per cell.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from reportlab.pdfbase.pdfmetrics import stringWidth

from forumdesk.domain.dates import format_uk_datetime
from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.model import Action, ActionUpdate
from forumdesk.export.columns import DATE_COLUMNS, HEADERS, RAG_COL, STATUS_COL, row_values
from forumdesk.export.files import atomic_output
from forumdesk.export.info import DocumentInfo, Progress, no_progress
from forumdesk.export.palette import NAVY_HEX, RAG_PRINT_HEX
from forumdesk.export.pdf_base import FONT, FONT_BOLD, register_fonts
from forumdesk.export.text import xml_safe

UK_DATE = "dd/mm/yyyy"
_WIDTHS = (14, 11, 11, 10, 50, 30, 12, 12, 13, 8, 50, 11)
_WRAP = {4, 5, 10}
_HISTORY_HEADERS = ("Ref", "Action", "Date", "Update", "By")
_HISTORY_WIDTHS = (14, 50, 11, 70, 20)
_RAG_FILLS = {rag.label: hex_ for rag, hex_ in RAG_PRINT_HEX.items()}
_STATUS_FILLS = {"Complete": "D9EAD3", "Withdrawn": "EEEEEE", "On hold": "FCE5CD"}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor=NAVY_HEX)
_TOP = Alignment(vertical="top")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)


MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
_LINE_HEIGHT = 15.0  # points: a line of Calibri 11 in Excel (LibreOffice's DejaVu Sans stand-in needs 12.8)
_MAX_ROW_HEIGHT = 409.0  # the tallest row Excel allows; a longer text is cut off in print, not overprinted


class _RowHeights:
    """Row heights from wrapped line counts.

    Lines are counted with the bundled DejaVu Sans metrics at 11 points: wider than Calibri (Excel's default)
    and what LibreOffice prints with when Calibri and Carlito are missing, so a row is never too short. A
    column ``w`` characters wide holds ``7w`` pixels (Excel's rule for an 11-point Calibri), less padding.
    Counting is greedy word wrapping with a cache of word widths (reportlab measures a TrueType string in
    Python, a character at a time; an action log repeats its words).
    """

    def __init__(self, widths: Sequence[int], wrap: set[int], font: str = FONT) -> None:
        register_fonts()
        self.columns = [(i, widths[i] * 5.25 - 4) for i in sorted(wrap)]
        self.font = font
        self.words: dict[str, float] = {}
        self.space = stringWidth(" ", font, 11)

    def height(self, values: Sequence[object]) -> float | None:
        """The height for a row of ``values``; None when one line is enough (the default height)."""
        lines = 1
        for i, usable in self.columns:
            value = values[i]
            if isinstance(value, str) and value:
                lines = max(lines, self.lines(value, usable))
        return None if lines == 1 else min(_MAX_ROW_HEIGHT, lines * _LINE_HEIGHT)

    def lines(self, text: str, usable: float) -> int:
        total = 0
        for paragraph in text.split("\n"):
            count, used = 1, 0.0
            for word in paragraph.split():
                wide = self.words.get(word)
                if wide is None:
                    wide = self.words[word] = stringWidth(word, self.font, 11)
                if used and used + self.space + wide > usable:
                    count, used = count + 1, 0.0
                if wide > usable:  # a word longer than the column is broken over lines
                    count += int(wide // usable)
                    wide %= usable
                used += (self.space if used else 0.0) + wide
            total += count
        return total


def _append(ws: Any, row_idx: int, cells: Sequence[Cell | None], height: float | None) -> None:
    """Append a row with its height. The write-only writer writes a row at once, reading the row's attributes
    from ``row_dimensions``; a plain dict of them is put there for that moment (a ``RowDimension`` object per
    row doubled the export's time).

    WORKAROUND: relies on openpyxl's ``WorksheetWriter.write_row`` reading ``row_dimensions.get(row_idx)``
    (pinned in requirements.lock; tests/export/test_xlsx_print.py reads the heights back).
    """
    if height is None:
        ws.append(cells)
        return
    dict.__setitem__(ws.row_dimensions, row_idx, {"ht": f"{height:g}", "customHeight": "1"})
    ws.append(cells)
    dict.__delitem__(ws.row_dimensions, row_idx)


def text_cell(cell: Cell, value: str) -> Cell:
    """Put user text in a cell as text, whatever it starts with (never a formula)."""
    cell._value = xml_safe(value)[:MAX_CELL_TEXT]
    cell.data_type = "s"
    return cell


class _StyledCell(Cell):  # type: ignore[misc]
    """A cell whose style never changes once it is first written, so its style id is looked up once."""

    __slots__ = ("_style_id",)

    def __init__(self, worksheet: object) -> None:
        super().__init__(worksheet)
        self._style_id: int | None = None

    @property
    def style_id(self) -> int:
        if self._style_id is None:
            self._style_id = self.parent.parent._cell_styles.add(self._style)
        return self._style_id

    @property
    def has_style(self) -> bool:
        return True


class _RowWriter:
    """One styled cell per column, reused for every row: the write-only writer serialises a row as soon as
    it is appended. Values are put in the cells directly as text or date (never parsed for formulas);
    ``install`` replaces the worksheet's per-cell conversion, which would otherwise re-parse each value and
    make a new cell object for every styled cell.

    WORKAROUND: relies on openpyxl's write-only internals (``_values_to_row``, ``Cell._value``), pinned in
    requirements.lock; tests/export/test_xlsx.py reads every kind of cell back.
    See https://openpyxl.readthedocs.io/en/stable/optimized.html
    """

    def __init__(self, ws: Any, wrap: set[int], dates: frozenset[int], count: int) -> None:
        self.cells: list[Cell] = []
        for i in range(count):
            cell = _StyledCell(ws)
            cell.alignment = _TOP_WRAP if i in wrap else _TOP
            if i in dates:
                cell.number_format = UK_DATE
            self.cells.append(cell)
        self.dates = dates

    def row(self, values: Sequence[object]) -> list[Cell | None]:
        out: list[Cell | None] = []
        for i, (cell, value) in enumerate(zip(self.cells, values, strict=True)):
            if value is None or value == "":
                out.append(None)
            elif i in self.dates and isinstance(value, date):
                cell._value = value
                cell.data_type = "d"
                out.append(cell)
            else:
                out.append(text_cell(cell, str(value)))
        return out

    @staticmethod
    def install(ws: Any) -> None:
        def values_to_row(cells: Sequence[Cell | None], row_idx: int) -> Iterator[Cell]:
            for col_idx, cell in enumerate(cells, 1):
                if cell is not None:
                    cell.column, cell.row = col_idx, row_idx
                    yield cell

        ws._values_to_row = values_to_row


def _header(ws: object, headers: Sequence[str], widths: Sequence[int]) -> list[WriteOnlyCell]:
    cells = []
    for i, (title, width) in enumerate(zip(headers, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width  # type: ignore[attr-defined]
        cell = WriteOnlyCell(ws, value=title)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _TOP_WRAP
        cells.append(cell)
    return cells


def _print_setup(ws: object, info: DocumentInfo) -> None:
    marking = info.marking.value.upper()
    ws.page_setup.orientation = "landscape"  # type: ignore[attr-defined]
    ws.page_setup.paperSize = 9  # type: ignore[attr-defined]  # A4
    ws.page_setup.fitToWidth = 1  # type: ignore[attr-defined]
    ws.page_setup.fitToHeight = 0  # type: ignore[attr-defined]
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    ws.print_title_rows = "1:1"  # type: ignore[attr-defined]
    ws.print_options.gridLines = True  # type: ignore[attr-defined]
    for header in (ws.oddHeader, ws.evenHeader):  # type: ignore[attr-defined]
        header.center.text, header.center.font = marking, ",Bold"
        header.left.text = xml_safe(info.title).replace("&", "&&")
    for footer in (ws.oddFooter, ws.evenFooter):  # type: ignore[attr-defined]
        footer.center.text, footer.center.font = marking, ",Bold"
        footer.left.text = f"{info.version} {format_uk_datetime(info.produced_at)}".strip().replace("&", "&&")
        footer.right.text = "Page &P of &N"
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]


def _formatting(ws: object, rows: int) -> None:
    """RAG and Status colours that follow the cell text, and the Status drop-down."""
    last = max(rows + 1, 2)
    rag = f"{get_column_letter(RAG_COL + 1)}2:{get_column_letter(RAG_COL + 1)}{last}"
    status_col = get_column_letter(STATUS_COL + 1)
    for label, colour in _RAG_FILLS.items():
        rule = FormulaRule(
            formula=[f'LEFT(${get_column_letter(RAG_COL + 1)}2,{len(label)})="{label}"'],
            fill=PatternFill("solid", fgColor=colour, bgColor=colour), stopIfTrue=True,
        )
        ws.conditional_formatting.add(rag, rule)  # type: ignore[attr-defined]
    for label, colour in _STATUS_FILLS.items():
        rule = FormulaRule(
            formula=[f'${status_col}2="{label}"'], fill=PatternFill("solid", fgColor=colour, bgColor=colour)
        )
        ws.conditional_formatting.add(f"{status_col}2:{status_col}{last}", rule)  # type: ignore[attr-defined]
    labels = ",".join(s.label for s in ActionStatus)
    validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True, showDropDown=False)
    validation.error, validation.errorTitle = f"Choose one of: {labels}", "Status"
    validation.add(f"{status_col}2:{status_col}{last}")
    ws.data_validations.append(validation)  # type: ignore[attr-defined]
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{last}"  # type: ignore[attr-defined]


def write_action_sheet(
    wb: Workbook, actions: Sequence[Action], info: DocumentInfo, today: date, progress: Progress
) -> None:
    ws = wb.create_sheet("Action log")
    _print_setup(ws, info)
    _formatting(ws, len(actions))
    header = _RowHeights(_WIDTHS, _WRAP | set(range(len(HEADERS))), FONT_BOLD)
    _append(ws, 1, _header(ws, HEADERS, _WIDTHS), header.height(HEADERS))
    heights = _RowHeights(_WIDTHS, _WRAP)
    writer = _RowWriter(ws, _WRAP, DATE_COLUMNS, len(HEADERS))
    writer.install(ws)
    total = len(actions)
    for n, action in enumerate(actions, start=1):
        values = row_values(action, today)
        _append(ws, n + 1, writer.row(values), heights.height(values))
        if n % 2000 == 0:
            progress(n, total)


def write_history_sheet(wb: Workbook, history: Iterable[tuple[Action, ActionUpdate]], info: DocumentInfo) -> None:
    ws = wb.create_sheet("Update history")
    _print_setup(ws, info)
    ws.append(_header(ws, _HISTORY_HEADERS, _HISTORY_WIDTHS))
    wrap = {1, 3}
    heights = _RowHeights(_HISTORY_WIDTHS, wrap)
    writer = _RowWriter(ws, wrap, frozenset({2}), len(_HISTORY_HEADERS))
    writer.install(ws)
    for n, (action, update) in enumerate(history, start=2):
        values = (action.ref, action.description, update.on, update.text, update.author)
        _append(ws, n, writer.row(values), heights.height(values))


def export_actions_xlsx(
    target: str | Path,
    actions: Sequence[Action],
    info: DocumentInfo,
    today: date,
    history: Iterable[tuple[Action, ActionUpdate]] = (),
    progress: Progress = no_progress,
) -> None:
    """Write the action log (and its update history) to ``target`` atomically."""
    # Read before the write-only sheets open: an error raised while they are open (a damaged file) leaves
    # their XML writers half-closed, and Python prints their tracebacks as it collects them.
    history = list(history)
    wb = Workbook(write_only=True)
    wb.properties.title = xml_safe(info.title)
    wb.properties.creator = xml_safe(info.author) or "ForumDesk"
    wb.properties.subject = xml_safe(info.subject or info.title)
    wb.properties.keywords = info.marking.value
    write_action_sheet(wb, actions, info, today, progress)
    write_history_sheet(wb, history, info)
    # The workbook is zipped in memory, then written in one go: zipped straight to a full disk, openpyxl's
    # half-closed zip and sheet writers print tracebacks ("Exception ignored in ...") as they are collected.
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomic_output(target) as temp:
        temp.write_bytes(buffer.getbuffer())
