"""Checks made on a file *before* any parser touches it: what kind of file it is, and whether it is safe.

An .xlsx file is a zip of XML parts. Three attacks and one accident are stopped here, cheaply:

- a **zip bomb**: the uncompressed sizes in the zip's central directory are added up and compared with
  ``MAX_UNCOMPRESSED`` and ``MAX_RATIO`` before anything is inflated (Python's ``zipfile`` never inflates a
  member past its declared size, so the directory cannot lie to us);
- an **XML entity attack** (billion laughs, external entities): every XML part is streamed once and refused
  if it declares a DOCTYPE or an ENTITY. openpyxl also parses through defusedxml when it is installed
  (``openpyxl.DEFUSEDXML``), which a test holds true: this scan is the first of two locks;
- **far too many rows**: the ``<row`` tags of each sheet are counted in the same stream, so a sheet of a
  million rows is refused in a second instead of being parsed for minutes;
- an **encrypted (password-protected) workbook** is an OLE compound file, not a zip: its magic bytes say so.
"""

from __future__ import annotations

import zipfile
from enum import Enum
from pathlib import Path

from forumdesk.domain.errors import ImportFileError

MAX_FILE_BYTES = 100 * 1024 * 1024  # the file as stored on disk
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all the parts of an .xlsx, inflated
MAX_RATIO = 100  # inflated / compressed, over the whole archive (real workbooks are well under 30) ...
RATIO_FROM = 20 * 1024 * 1024  # ... checked once the inflated size passes this
MAX_ROWS = 200_000  # rows in one sheet or CSV file
MAX_COLUMNS = 60  # columns read from each row; trackers have a dozen or so
MAX_MEMBERS = 10_000  # parts in an .xlsx zip; a workbook of many sheets has a few hundred
MAX_CELL_CHARS = 20_000  # characters kept of one cell; the rest is cut with a warning

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_CHUNK = 1024 * 1024


class FileKind(Enum):
    XLSX = "xlsx"
    CSV = "csv"


def sniff(path: Path) -> FileKind:
    """Which reader a file needs; ``ImportFileError`` for anything that is not a spreadsheet we read."""
    name = path.name
    if path.is_dir():
        raise ImportFileError(f"{name} is a folder, not a spreadsheet")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}") from None
    except OSError as error:
        raise ImportFileError(f"Cannot read {name}: {error.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise ImportFileError(f"{name} is too large to import ({size / 1e6:.0f} MB; the limit is 100 MB)")
    if head.startswith(CFB_MAGIC):
        raise ImportFileError(
            f"{name} is password protected or an old Excel 97-2003 file: remove the password or save it"
            " as .xlsx, then import it again"
        )
    if head.startswith(ZIP_MAGIC):
        return FileKind.XLSX
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return FileKind.CSV
    raise ImportFileError(f"{name} is not a spreadsheet: ForumDesk imports .xlsx and .csv files")


def check_xlsx(path: Path) -> None:
    """Refuse a zip that is not a workbook, would inflate too far, declares XML entities, or is too long."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ImportFileError(f"{name} holds {len(members):,} parts, far more than a workbook: refused")
            names = {m.filename for m in members}
            if "xl/workbook.xml" not in names:
                kind = "an OpenDocument file" if "content.xml" in names else "a zip file but not a workbook"
                raise ImportFileError(f"{name} is {kind}: save it as an Excel workbook (.xlsx) and try again")
            _check_sizes(name, path.stat().st_size, members)
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    _scan_part(name, archive, member)
    except zipfile.BadZipFile:
        raise ImportFileError(f"{name} is damaged: it is not a readable Excel workbook") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as error:
        raise ImportFileError(f"{name} cannot be read as an Excel workbook ({error})") from None


def _check_sizes(name: str, stored: int, members: list[zipfile.ZipInfo]) -> None:
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_UNCOMPRESSED or (inflated > RATIO_FROM and inflated > MAX_RATIO * max(stored, 1)):
        raise ImportFileError(
            f"{name} would inflate to {inflated / 1e6:,.0f} MB when opened (it is {stored / 1e3:,.0f} KB"
            " on disk): refused as a possible zip bomb"
        )


def _scan_part(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    is_sheet = member.filename.startswith("xl/worksheets/")
    rows, tail = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise ImportFileError(
                    f"{name} contains XML entity declarations, which Excel never writes: refused as unsafe"
                )
            if is_sheet:
                rows += _count_rows(window) - _count_rows(tail)
                if rows > MAX_ROWS:
                    raise ImportFileError(
                        f"{name} has more than {MAX_ROWS:,} rows in one sheet: split it before importing"
                    )
            tail = window[-16:]


def _count_rows(data: bytes) -> int:
    """``<row ...>``, ``<row/>`` or ``<x:row ...>``: every tag named row, and not ``<rowBreaks>``."""
    return data.count(b"<row") - data.count(b"<rowBreaks") + data.count(b":row") - data.count(b":rowBreaks")
