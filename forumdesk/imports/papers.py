"""Checking a paper before it is attached: is the file what its name says, whole, and readable?

``read_paper(path)`` reads the file once and returns its bytes and what was found (``PaperFile``): a PDF
must open in pypdf without a password and every page's content must decode; a Word or Excel paper must be
a whole zip holding a Word document or a workbook. Anything else raises ``ValidationError`` with one line
naming the file, before the database is touched. The marking printed on a PDF's first page, or in a Word
paper's header, footer or opening lines, is read here too (``forumdesk.domain.papers.printed_marking``).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forumdesk.domain.errors import ValidationError
from forumdesk.domain.papers import PaperFile, PaperKind, check_size, printed_marking

if TYPE_CHECKING:  # pypdf loads only when a paper is checked
    from pypdf import PdfReader

# What a whole Office file holds besides [Content_Types].xml, and what a user would call it.
_OFFICE_PART = {PaperKind.DOCX: ("word/document.xml", "a Word document"),
                PaperKind.XLSX: ("xl/workbook.xml", "an Excel workbook")}
_NOTHING = "nothing was attached"


def read_paper(path: Path) -> tuple[bytes, PaperFile]:
    """The file's bytes and what they are; ``ValidationError`` (one line, naming the file) if unfit."""
    name = path.name
    kind = PaperKind.of_name(name)
    try:
        if not path.is_file():
            raise ValidationError(f"{name} is not a file; {_NOTHING}", "file")
        check_size(name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(f"{name} cannot be read ({error.strerror or error}); {_NOTHING}", "file") from None
    return data, check_paper(name, data, kind)


def check_paper(name: str, data: bytes, kind: PaperKind | None = None) -> PaperFile:
    """What ``data`` (the content of a file called ``name``) is, checked against its extension."""
    kind = kind or PaperKind.of_name(name)
    check_size(name, len(data))
    digest = hashlib.sha256(data).hexdigest()
    if kind is PaperKind.PDF:
        pages, text = _check_pdf(name, data)
        return PaperFile(kind, pages, len(data), digest, printed_marking(name, text))
    text = _check_office(name, data, kind)
    return PaperFile(kind, 0, len(data), digest, printed_marking(name, text))


def _what_it_is(data: bytes, expected: str) -> str:
    if b"%PDF-" in data[:1024]:
        return "a PDF"
    if data.startswith(b"PK"):
        return "a zip file (a Word or Excel file?)"
    if data.lstrip()[:5].lower() in (b"<!doc", b"<html"):
        return "a web page"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "a picture"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style or password-protected Office file"
    return f"not {expected}"


def _check_pdf(name: str, data: bytes) -> tuple[int, str]:
    """The page count and the first page's text; refuses a file that is not a whole, unencrypted PDF."""
    if b"%PDF-" not in data[:1024]:
        raise ValidationError(
            f"{name} is named .pdf but its content is {_what_it_is(data, 'a PDF')}; {_NOTHING}", "file"
        )
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a repaired cross-reference table is not the user's concern
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            why = ("opens without a password but is encrypted against copying or printing"
                   if _opens_without_password(reader) else "is password-protected")
            raise ValidationError(
                f"{name} {why}: save an unprotected copy (print it to PDF) and attach that; {_NOTHING}", "file"
            )
        pages = len(reader.pages)
        if pages == 0:
            raise ValidationError(f"{name} has no pages; {_NOTHING}", "file")
        for page in reader.pages:
            _ = page.mediabox, page.rotation
            page.get_contents()  # a broken content stream fails here, not in the board pack
        text = reader.pages[0].extract_text() or ""
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, OSError, RecursionError,
            AssertionError, ZeroDivisionError) as error:
        raise ValidationError(
            f"{name} is damaged and cannot be read as a PDF ({_short(error)}); {_NOTHING}", "file"
        ) from None
    finally:
        quiet.setLevel(level)
    return pages, text


def _check_office(name: str, data: bytes, kind: PaperKind) -> str:
    """Refuses a file that is not a whole Word document or workbook; returns the text its marking is printed in:
    a Word paper's header, footer and opening paragraphs, a workbook's headers, footers and first cells."""
    part, what = _OFFICE_PART[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or part not in names:
                raise ValidationError(f"{name} is named .{kind.value} but is not {what}; {_NOTHING}", "file")
            broken = archive.testzip()
    except zipfile.BadZipFile:
        raise ValidationError(
            f"{name} is named .{kind.value} but its content is {_what_it_is(data, what)}; {_NOTHING}", "file"
        ) from None
    if broken is not None:
        raise ValidationError(f"{name} is damaged (its part {broken} does not read back); {_NOTHING}", "file")
    return _word_marking_text(data) if kind is PaperKind.DOCX else _excel_marking_text(data)


_WORD_TEXT_PARTS = re.compile(r"word/(header|footer)\d*\.xml|word/document\.xml")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_LARGEST_PART = 4 * 1024 * 1024  # a part bigger than this unpacked is not read for a marking


def _xml_parts(data: bytes, names: re.Pattern[str]) -> Iterator[tuple[str, Any]]:
    """Each part of an Office file whose name matches ``names``, parsed (defusedxml), in the file's order.
    Parts bigger than ``_LARGEST_PART`` unpacked, or not well-formed, are skipped: the caller only looks for
    the marking, and the file is kept whole either way."""
    from defusedxml import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not names.fullmatch(info.filename) or info.file_size > _LARGEST_PART:
                continue
            try:
                yield info.filename, ElementTree.fromstring(archive.read(info))
            except (ValueError, SyntaxError):  # defusedxml's refusals, ParseError: no marking read here
                continue


def _word_marking_text(data: bytes, paragraphs: int = 20) -> str:
    """The text of a Word file's headers and footers and its first ``paragraphs`` paragraphs, one line a
    paragraph."""
    lines: list[str] = []
    for name, root in _xml_parts(data, _WORD_TEXT_PARTS):
        for count, paragraph in enumerate(root.iter(f"{_W}p")):
            if name == "word/document.xml" and count >= paragraphs:
                break
            lines.append("".join(t.text or "" for t in paragraph.iter(f"{_W}t")))
    return "\n".join(lines)


_SHEET_PART = re.compile(r"xl/worksheets/sheet\d+\.xml")
_SHARED_STRINGS = re.compile(r"xl/sharedStrings\.xml")
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_HEADERS = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
_HEADER_SECTION = re.compile(r"&[LCR]")  # left, centre and right: one line each
_HEADER_CODE = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|\d+|.)', re.DOTALL)  # font, colour, size, &P page, &&


def _excel_marking_text(data: bytes, cells: int = 20) -> str:
    """The text of a workbook's page headers and footers (a line for each of left, centre and right, Excel's
    codes for fonts, page numbers and dates left out) and of each sheet's first ``cells`` cells."""
    shared = [  # none in a workbook whose strings are all inline (openpyxl's)
        "".join(t.text or "" for t in item.iter(f"{_S}t"))
        for _name, root in _xml_parts(data, _SHARED_STRINGS) for item in root.iter(f"{_S}si")
    ]
    lines: list[str] = []
    for _name, root in _xml_parts(data, _SHEET_PART):
        for tag in _HEADERS:
            for element in root.iter(f"{_S}{tag}"):
                lines += [_HEADER_CODE.sub("", part) for part in _HEADER_SECTION.split(element.text or "")]
        for count, cell in enumerate(root.iter(f"{_S}c")):
            if count >= cells:
                break
            lines.append(_cell_text(cell, shared))
    return "\n".join(line.strip() for line in lines if line.strip())


def _cell_text(cell: Any, shared: list[str]) -> str:
    """A cell's text: a shared string, an inline string or a formula's text result (numbers are no marking)."""
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_S}t"))
    value = cell.find(f"{_S}v")
    if value is None or value.text is None:
        return ""
    if kind == "s":
        index = int(value.text) if value.text.strip().isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else ""
    return value.text if kind == "str" else ""


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 80 else text[:79] + "…"


def _opens_without_password(reader: PdfReader) -> bool:
    """True for a PDF only its owner's password restricts (it opens for anyone, but copying or printing is
    locked): what a reader calls "not password-protected", so the refusal says which kind it is."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # AES without the cryptography package, or a broken security handler: say the plain case
        return False

