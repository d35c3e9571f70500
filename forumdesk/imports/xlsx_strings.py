"""Opening a workbook read-only with its shared strings read through a capped parser.

openpyxl reads the whole shared-string table into memory before the first cell: a 23 KB workbook can hold
one string of 19 million characters, and a 2 MB one enough to take over a gigabyte. Here each string is
kept to ``MAX_CELL_CHARS`` (plus one character, so the sheet reader knows it was cut, and the length it
had) while the XML streams past, so memory stays bounded whatever the file holds. DOCTYPE and ENTITY
declarations were refused before this runs (``forumdesk.imports.safety``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.parsers import expat

from forumdesk.imports.safety import MAX_CELL_CHARS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CHUNK = 256 * 1024


class CutText(str):
    """A shared string cut short; ``original_length`` is how long it was."""

    original_length: int


def read_capped_strings(stream: Any) -> list[str]:
    strings: list[str] = []
    state = {"depth_si": 0, "in_t": False, "in_phonetic": 0, "parts": [], "kept": 0, "length": 0}

    def start(name: str, _attrs: Any) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "si":
            state.update(depth_si=1, parts=[], kept=0, length=0)
        elif local == "rPh":
            state["in_phonetic"] = 1
        elif local == "t" and state["depth_si"] and not state["in_phonetic"]:
            state["in_t"] = True

    def end(name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "t":
            state["in_t"] = False
        elif local == "rPh":
            state["in_phonetic"] = 0
        elif local == "si":
            text = "".join(state["parts"]).replace("_x005F_", "_")  # type: ignore[arg-type]
            if state["length"] > MAX_CELL_CHARS:  # type: ignore[operator]
                cut = CutText(text)
                cut.original_length = int(state["length"])  # type: ignore[call-overload]
                text = cut
            strings.append(text)
            state.update(depth_si=0, parts=[])

    def data(chunk: str) -> None:
        if not state["in_t"]:
            return
        state["length"] += len(chunk)  # type: ignore[operator]
        room = MAX_CELL_CHARS + 1 - int(state["kept"])  # type: ignore[call-overload]
        if room > 0:
            state["parts"].append(chunk[:room])  # type: ignore[attr-defined]
            state["kept"] += min(room, len(chunk))  # type: ignore[operator]

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return strings


def open_workbook(path: Path) -> Any:
    """``openpyxl.load_workbook(path, read_only=True, data_only=True)`` with capped shared strings."""
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
    return reader.wb
