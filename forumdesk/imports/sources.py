"""Reading a spreadsheet into plain tables: every sheet of an .xlsx (openpyxl, read-only, cached values
of formulas, never evaluated) or the one table of a CSV file (UTF-8, UTF-8 with BOM, Windows-1252, or a
mix of the two line by line).

A ``Table`` keeps cell values as read (``str``, ``int``, ``float``, ``datetime``, ``bool`` or ``None``) and,
separately, the solid fill colour of any coloured cell, for RAG columns coloured by hand.

Limits that hold on every path: a cell is cut at ``MAX_CELL_CHARS`` (the cut is recorded, for a warning),
NUL bytes are removed, and a CSV file is never held in memory whole: its rows are read from the file as
they are needed (``CsvRows`` keeps only where each row starts).
"""

from __future__ import annotations

import csv
import io
import warnings
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, overload

from forumdesk.domain.errors import ImportFileError
from forumdesk.imports.safety import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, FileKind, check_xlsx, sniff
from forumdesk.imports.xlsx_strings import CUT_END, CUT_MARK

Row = tuple[object, ...]

# WORKAROUND: the csv module refuses a field over 128 KB ("field larger than field limit"); a longer cell
# must be cut with a warning, not refuse the file. https://docs.python.org/3/library/csv.html#csv.field_size_limit
csv.field_size_limit(100 * 1024 * 1024)


@dataclass
class Table:
    name: str
    rows: Sequence[Row]
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based -> "RRGGBB"
    cuts: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) -> characters before the cut
    notes: list[str] = field(default_factory=list)  # about the whole file: "lines 3, 9 were Windows-1252"

    def fill(self, row: int, col: int) -> str | None:
        return self.fills.get((row, col))

    def iter_rows(self, start: int = 0) -> Iterator[Row]:
        """The rows from ``start`` on, in order (a CSV file is read as it goes, not held whole)."""
        if isinstance(self.rows, CsvRows):
            return self.rows.iter_from(start)
        return islice(iter(self.rows), start, None)


def load_tables(path: str | Path) -> list[Table]:
    """Every sheet of the file as a table; raises ``ImportFileError`` (one line) for a file we cannot read."""
    source = Path(path)
    kind = sniff(source)
    if kind is FileKind.CSV:
        return [read_csv(source)]
    check_xlsx(source)
    return read_xlsx(source)


def cut(value: object) -> tuple[object, int]:
    """(the value with NUL removed and cut at ``MAX_CELL_CHARS``, its length before the cut or 0 if whole)."""
    if not isinstance(value, str):
        return value, 0
    length = getattr(value, "original_length", len(value))
    if value.endswith(CUT_END) and (mark := value.rfind(CUT_MARK)) >= 0:  # cut while the sheet streamed
        length = int(value[mark + 1 : -1])
        value = value[:mark]
    if "\x00" in value:
        value = value.replace("\x00", "")
    if length > MAX_CELL_CHARS or len(value) > MAX_CELL_CHARS:
        return str(value[:MAX_CELL_CHARS]), max(length, len(value))
    return value, 0


# -- CSV ----------------------------------------------------------------------------------------------------
def decode_line(raw: bytes, number: int, name: str) -> tuple[str, bool]:
    """One line as text, and whether it was Windows-1252 (else UTF-8); refused if it is neither."""
    if b"\x00" in raw:
        raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), True
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{name}: line {number} is not text in UTF-8 or Windows-1252: save the file as CSV UTF-8"
        ) from None


class CsvRows(Sequence[Row]):
    """The records of a CSV file, read from disk on demand: only the byte offset of each record is kept."""

    def __init__(self, path: Path, dialect: Any, skip: int) -> None:
        self.path, self.dialect, self.skip = path, dialect, skip
        self.offsets = array("q")
        self.line_numbers = array("l")
        self.cuts: dict[tuple[int, int], int] = {}
        self.cp1252_lines: list[int] = []
        self.utf8_text = False
        self._index()

    def _lines(self, handle: BinaryIO, start: int, first_line: int, state: list[int]) -> Iterator[str]:
        handle.seek(start)
        number = first_line
        for raw in handle:
            state[0] += len(raw)
            state[1] = number = number + 1
            text, legacy = decode_line(raw, number, self.path.name)
            if state[2]:
                if legacy:
                    self.cp1252_lines.append(number)
                elif not text.isascii():
                    self.utf8_text = True
            yield text

    def _records(self, start: int, first_line: int, index: bool) -> Iterator[tuple[int, int, list[str]]]:
        with self.path.open("rb") as handle:
            state = [start, first_line, int(index)]
            begin, line = start, first_line
            try:
                for record in csv.reader(self._lines(handle, start, first_line, state), self.dialect):
                    yield begin, line + 1, record
                    begin, line = state[0], state[1]
            except csv.Error as error:
                raise ImportFileError(f"{self.path.name} is not a readable CSV file ({error})") from None

    def _index(self) -> None:
        for number, (offset, line, record) in enumerate(self._records(self.skip, 0, True)):
            if number >= MAX_ROWS:
                raise ImportFileError(f"{self.path.name} has more than {MAX_ROWS:,} rows: split it before importing")
            self.offsets.append(offset)
            self.line_numbers.append(line)
            for col, cell in enumerate(record[:MAX_COLUMNS]):
                if len(cell) > MAX_CELL_CHARS:
                    self.cuts[(number, col)] = len(cell)

    def iter_from(self, start: int) -> Iterator[Row]:
        if start >= len(self.offsets):
            return
        for _offset, _line, record in self._records(self.offsets[start], self.line_numbers[start] - 1, False):
            yield tuple(cut(cell or None)[0] for cell in record[:MAX_COLUMNS])

    def __len__(self) -> int:
        return len(self.offsets)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1 or stop <= start:
                return [self[i] for i in range(start, stop, step)]
            return list(islice(self.iter_from(start), stop - start))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return next(self.iter_from(index))


def read_csv(path: Path) -> Table:
    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _read_utf16(path)
    controls = sum(head.count(bytes([c])) for c in (*range(1, 9), *range(14, 26), *range(27, 32)))
    if head.count(b"\x00") > len(head) // 10 or controls > len(head) // 100:  # a stray NUL is removed
        raise ImportFileError(f"{path.name} is not a spreadsheet: it is not a CSV text file")
    skip = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    head_lines = head[skip:8192].split(b"\n")[:-1]
    sample = "\n".join(decode_line(raw, n, path.name)[0] for n, raw in enumerate(head_lines, start=1))
    try:
        dialect: Any = csv.Sniffer().sniff(sample or "x", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = CsvRows(path, dialect, skip)
    table = Table(path.stem, rows, cuts=rows.cuts)
    if rows.cp1252_lines and rows.utf8_text:
        shown = ", ".join(str(n) for n in rows.cp1252_lines[:10]) + (" …" if len(rows.cp1252_lines) > 10 else "")
        lines = "line" if len(rows.cp1252_lines) == 1 else "lines"
        table.notes.append(f"{lines} {shown} in Windows-1252, the rest in UTF-8: each line was read in its own")
    return table


def _read_utf16(path: Path) -> Table:
    """Excel's "Unicode Text": rare and small; read whole."""
    try:
        text = path.read_bytes().decode("utf-16").replace("\x00", "")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path.name} is damaged UTF-16 text: save it as CSV UTF-8") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _table_from_records(path, csv.reader(io.StringIO(text, newline=""), dialect))


def _table_from_records(path: Path, records: Iterable[list[str]]) -> Table:
    table = Table(path.stem, [])
    rows: list[Row] = []
    try:
        for r, record in enumerate(records):
            if r >= MAX_ROWS:
                raise ImportFileError(f"{path.name} has more than {MAX_ROWS:,} rows: split it before importing")
            values = []
            for c, cell in enumerate(record[:MAX_COLUMNS]):
                value, length = cut(cell or None)
                if length:
                    table.cuts[(r, c)] = length
                values.append(value)
            rows.append(tuple(values))
    except csv.Error as error:
        raise ImportFileError(f"{path.name} is not a readable CSV file ({error})") from None
    table.rows = rows
    return table


# -- XLSX ---------------------------------------------------------------------------------------------------
def read_xlsx(path: Path) -> list[Table]:
    from forumdesk.imports.xlsx_strings import open_workbook  # openpyxl loads only when a workbook comes

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, headers it cannot read
            workbook = open_workbook(path)
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
    rows: list[Row] = []
    table = Table(ws.title, rows)
    for r, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS)):  # missing rows come as empty ones
        if r >= MAX_ROWS:
            raise ImportFileError(f"sheet {ws.title!r} has more than {MAX_ROWS:,} rows: split it before importing")
        values = []
        for c, cell in enumerate(cells):
            value, length = cut(cell.value)
            if length:
                table.cuts[(r, c)] = length
            values.append(value)
            colour = _fill_colour(cell)
            if colour is not None:
                table.fills[(r, c)] = colour
        while values and values[-1] is None:
            values.pop()
        rows.append(tuple(values))
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
