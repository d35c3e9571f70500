"""Opening a workbook read-only with its shared strings read through a capped parser, and its sheets read
through a filter that cuts any long run of text.

openpyxl reads the whole shared-string table into memory before the first cell: a 23 KB workbook can hold
one string of 19 million characters, and a 2 MB one enough to take over a gigabyte. Here each string is
kept to ``MAX_CELL_CHARS`` (plus one character, so the sheet reader knows it was cut, and the length it
had) while the XML streams past, so memory stays bounded whatever the file holds. Text written inline in a
sheet (``<is><t>``, as openpyxl writes it) is cut as the sheet's XML streams past (``CappedSheetStream``):
the run of text is kept to a few times ``MAX_CELL_CHARS`` bytes and ends with a private-use marker that
carries its length in bytes, which ``forumdesk.imports.sources.cut`` reads and removes. DOCTYPE and ENTITY
declarations were refused before this runs (``forumdesk.imports.safety``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.parsers import expat

from forumdesk.imports.safety import MAX_CELL_CHARS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CHUNK = 256 * 1024


class CutText(str):
    """A shared string cut short; ``original_length`` is how long it was."""

    original_length: int


class _StringTable:
    """The expat handlers: the text of each ``<si>`` (its ``<t>`` parts, not the phonetic ``<rPh>`` ones),
    kept to ``MAX_CELL_CHARS`` + 1 characters while counting how long it really is."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.kept = self.length = 0
        self.in_text = self.in_phonetic = False

    def start(self, name: str, _attrs: Any) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "si":
            self.parts, self.kept, self.length = [], 0, 0
        elif local == "rPh":
            self.in_phonetic = True
        elif local == "t" and not self.in_phonetic:
            self.in_text = True

    def end(self, name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "t":
            self.in_text = False
        elif local == "rPh":
            self.in_phonetic = False
        elif local == "si":
            text = "".join(self.parts).replace("_x005F_", "_")
            if self.length > MAX_CELL_CHARS:
                cut = CutText(text)
                cut.original_length = self.length
                text = cut
            self.strings.append(text)
            self.parts = []

    def data(self, chunk: str) -> None:
        if not self.in_text:
            return
        self.length += len(chunk)
        room = MAX_CELL_CHARS + 1 - self.kept
        if room > 0:
            self.parts.append(chunk[:room])
            self.kept += min(room, len(chunk))


def read_capped_strings(stream: Any) -> list[str]:
    table = _StringTable()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = table.start
    parser.EndElementHandler = table.end
    parser.CharacterDataHandler = table.data
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return table.strings


TEXT_RUN_LIMIT = 6 * MAX_CELL_CHARS + 16  # bytes: a cell of MAX_CELL_CHARS characters is never touched
CUT_MARK, CUT_END = "\ue000", "\ue001"


class CappedSheetStream(io.RawIOBase):
    """A sheet part's bytes with every run of text longer than ``TEXT_RUN_LIMIT`` bytes cut short."""

    def __init__(self, raw: Any) -> None:
        super().__init__()
        self.raw = raw
        self.in_tag = False
        self.run = 0
        self.cut = False
        self.pending = bytearray()

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()
        super().close()

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            chunk = self.raw.read(_CHUNK)
            if not chunk:
                if self.cut:
                    self._close_run()
                    continue
                return 0
            self._filter(chunk)
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        del self.pending[:size]
        return size

    def _filter(self, chunk: bytes) -> None:
        if not self.cut and self._passes_whole(chunk):
            return
        i = 0
        while i < len(chunk):
            if self.in_tag:
                j = chunk.find(b">", i)
                if j < 0:
                    self.pending += chunk[i:]
                    return
                self.pending += chunk[i : j + 1]
                i, self.in_tag, self.run, self.cut = j + 1, False, 0, False
                continue
            j = chunk.find(b"<", i)
            end = len(chunk) if j < 0 else j
            piece = chunk[i:end]
            room = TEXT_RUN_LIMIT - self.run
            if len(piece) <= room:
                self.pending += piece
            elif room > 0:
                self.pending += _safe_prefix(piece[:room])
                self.cut = True
            self.run += len(piece)
            if j < 0:
                return
            if self.cut:
                self._close_run()
            i, self.in_tag = j, True

    def _passes_whole(self, chunk: bytes) -> bool:
        """The usual chunk, judged in C rather than tag by tag: when no run of text in it can reach the limit
        it passes unchanged, and the state is left as the loop in ``_filter`` would leave it."""
        first = chunk.find(b"<")
        if not self.in_tag and self.run + (len(chunk) if first < 0 else first) > TEXT_RUN_LIMIT:
            return False
        if max(map(len, chunk.split(b"<"))) >= TEXT_RUN_LIMIT:  # each text run is shorter than its segment
            return False
        last = chunk.rfind(b"<")
        if last < 0 and not self.in_tag:
            self.run += len(chunk)
        else:
            close = chunk.find(b">", max(last, 0))
            if close >= 0:
                self.in_tag, self.run = False, len(chunk) - close - 1
            elif last >= 0:
                self.in_tag, self.run = True, 0
        self.pending += chunk
        return True

    def _close_run(self) -> None:
        """End a cut run of text with the marker that says how long it was."""
        self.pending += f"{CUT_MARK}{self.run}{CUT_END}".encode()
        self.cut = False


def _safe_prefix(data: bytes) -> bytes:
    """Cut where no UTF-8 character and no entity (``&amp;``) is split."""
    end = len(data)
    while end and data[end - 1] >= 0x80:
        end -= 1
    amp = data.rfind(b"&", max(0, end - 12), end)
    if amp >= 0 and data.find(b";", amp, end) < 0:
        end = amp
    return data[:end]


class _CappedArchive:
    """The workbook's zip, handing out its sheets through ``CappedSheetStream``."""

    def __init__(self, archive: Any) -> None:
        self._archive = archive

    def open(self, name: str, *args: Any, **kwargs: Any) -> Any:
        stream = self._archive.open(name, *args, **kwargs)
        return io.BufferedReader(CappedSheetStream(stream)) if name.startswith("xl/worksheets/") else stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._archive, name)


def open_workbook(path: Path) -> Any:
    """``openpyxl.load_workbook(path, read_only=True, data_only=True)`` with capped shared strings."""
    # WORKAROUND: openpyxl's read-only mode still reads every shared string whole before the first cell, and
    # has no hook for it: its reader is subclassed and the archive wrapped, both internal to openpyxl 3.1.
    # https://openpyxl.readthedocs.io/en/stable/optimized.html
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class _CappedReader(ExcelReader):  # type: ignore[misc]
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as src:
                    self.shared_strings = read_capped_strings(src)

    reader = _CappedReader(path, read_only=True, data_only=True, keep_links=False)
    reader.read()
    workbook = reader.wb
    workbook._archive = _CappedArchive(workbook._archive)  # the sheets are read (on demand) through it
    return workbook
