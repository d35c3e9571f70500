"""Reading a spreadsheet into plain tables: every sheet of an .xlsx (openpyxl, read-only, cached values
of formulas, never evaluated) or the one table of a CSV file (UTF-8, UTF-8 with BOM, or Windows-1252).

A ``Table`` keeps cell values as read (``str``, ``int``, ``float``, ``datetime``, ``bool`` or ``None``) and,
separately, the solid fill colour of any coloured cell, for RAG columns coloured by hand.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forumdesk.domain.errors import ImportFileError
from forumdesk.imports.safety import MAX_COLUMNS, MAX_ROWS, FileKind, check_xlsx, sniff

Row = tuple[object, ...]


@dataclass
class Table:
    name: str
    rows: list[Row]
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based -> "RRGGBB"

    def fill(self, row: int, col: int) -> str | None:
        return self.fills.get((row, col))


def load_tables(path: str | Path) -> list[Table]:
    """Every sheet of the file as a table; raises ``ImportFileError`` (one line) for a file we cannot read."""
    source = Path(path)
    kind = sniff(source)
    if kind is FileKind.CSV:
        return [read_csv(source)]
    check_xlsx(source)
    return read_xlsx(source)


# -- CSV ----------------------------------------------------------------------------------------------------
def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with its mark (Excel's "Unicode Text"), else
    Windows-1252; bytes that are none of these are refused rather than guessed at."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(f"{name} is damaged UTF-16 text: save it as CSV UTF-8") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(f"{name} is not text in UTF-8 or Windows-1252: save it as CSV UTF-8") from None


def read_csv(path: Path) -> Table:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(f"{path.name} is not a spreadsheet: it is not a CSV text file")
    text = decode_text(data, path.name)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[Row] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(f"{path.name} has more than {MAX_ROWS:,} rows: split it before importing")
            rows.append(tuple(cell or None for cell in record[:MAX_COLUMNS]))
    except csv.Error as error:
        raise ImportFileError(f"{path.name} is not a readable CSV file ({error})") from None
    return Table(path.stem, rows)


# -- XLSX ---------------------------------------------------------------------------------------------------
def read_xlsx(path: Path) -> list[Table]:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, headers it cannot read
            workbook = load_workbook(path, read_only=True, data_only=True)
            try:
                return [_read_sheet(ws) for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
            finally:
                workbook.close()
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged or hostile file
        if _is_defused(error):
            raise ImportFileError(f"{path.name} contains XML entity declarations: refused as unsafe") from None
        raise ImportFileError(f"{path.name} cannot be read as an Excel workbook ({type(error).__name__})") from None


def _is_defused(error: BaseException | None) -> bool:
    """Whether defusedxml stopped the parse somewhere down the chain of causes (openpyxl wraps it)."""
    from defusedxml import DefusedXmlException

    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DefusedXmlException):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _read_sheet(ws: Any) -> Table:
    ws.reset_dimensions()  # a stated size of A1:XFD1048576 must not make us walk a million empty rows
    table = Table(ws.title, [])
    for r, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS)):  # missing rows come as empty ones
        if r >= MAX_ROWS:
            raise ImportFileError(f"sheet {ws.title!r} has more than {MAX_ROWS:,} rows: split it before importing")
        values = []
        for c, cell in enumerate(cells):
            values.append(cell.value)
            colour = _fill_colour(cell)
            if colour is not None:
                table.fills[(r, c)] = colour
        while values and values[-1] is None:
            values.pop()
        table.rows.append(tuple(values))
    return table


def _fill_colour(cell: Any) -> str | None:
    if not getattr(cell, "has_style", False):
        return None
    fill = cell.fill
    if getattr(fill, "fill_type", None) != "solid":
        return None
    colour = fill.fgColor
    rgb = getattr(colour, "rgb", None)
    if isinstance(rgb, str) and len(rgb) >= 6:
        return rgb[-6:].upper()
    if getattr(colour, "type", None) == "indexed":
        from openpyxl.styles.colors import COLOR_INDEX

        index = colour.indexed
        if isinstance(index, int) and 0 <= index < len(COLOR_INDEX):
            return str(COLOR_INDEX[index])[-6:].upper()
    return None
