"""Papers: files attached to an agenda item and merged into the board pack (issue 16). Standard library only.

A paper is kept whole in the database file (so one file still holds everything and its backups include the
papers). Only PDF is merged into the pack; Word and Excel papers are kept as attachments and listed on the
pack's papers page as "attached separately". ``MAX_PAPER_BYTES`` bounds one paper; anything bigger, empty,
or of another kind is refused with one line naming the file.

A paper's marking is the one given when it is attached, else the one printed on its first page the
government way (``marking_in_text``), else the forum's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ValidationError

MAX_PAPER_BYTES = 25 * 1024 * 1024  # 25 MB: a long scanned paper fits; a video does not


class PaperKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"

    @property
    def label(self) -> str:
        return {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}[self.value]

    @property
    def merged(self) -> bool:
        """True when the paper's pages go into the board pack (else it is attached separately)."""
        return self is PaperKind.PDF

    @classmethod
    def of_name(cls, name: str) -> PaperKind:
        """The kind from the file's extension; ``ValidationError`` naming the file for any other."""
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        for kind in cls:
            if suffix == kind.value:
                return kind
        raise ValidationError(
            f"{name}: only PDF, Word (.docx) and Excel (.xlsx) papers can be attached; nothing was attached",
            "file",
        )


@dataclass(frozen=True, slots=True)
class PaperFile:
    """What checking a file found: its kind, its pages (PDF only), the marking on its first page if any,
    its size and its SHA-256."""

    kind: PaperKind
    pages: int
    size: int
    sha256: str
    printed_marking: Marking | None = None


@dataclass(frozen=True, slots=True)
class Paper:
    id: int
    agenda_item_id: int
    position: int
    file_name: str
    kind: PaperKind
    marking: Marking
    pages: int
    size: int
    sha256: str
    added_at: datetime
    item_number: str = ""  # the item's number on the agenda ("3", "3.1"), filled in by the service
    item_title: str = ""

    @property
    def title(self) -> str:
        """The file's name without its extension: what the pack's cover sheet and contents show."""
        stem = self.file_name.rsplit(".", 1)[0] if "." in self.file_name else self.file_name
        return stem or self.file_name


def check_size(name: str, size: int) -> None:
    """Refuse an empty file or one over ``MAX_PAPER_BYTES``, in one line naming it."""
    if size == 0:
        raise ValidationError(f"{name} is empty; nothing was attached", "file")
    if size > MAX_PAPER_BYTES:
        raise ValidationError(
            f"{name} is {size / 1_048_576:.1f} MB: a paper can be at most {MAX_PAPER_BYTES // 1_048_576} MB"
            " (split it or compress it); nothing was attached",
            "file",
        )


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1_048_576:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1_048_576:.1f} MB"


# A marking the government way: alone on its line, in capitals, perhaps with a descriptor after it
# ("OFFICIAL-SENSITIVE: PERSONAL", "OFFICIAL - SENSITIVE COMMERCIAL"). Prose that mentions "official"
# or "secret" is not a marking.
_MARKING_LINE = re.compile(
    r"^\s*(?P<mark>TOP[ \t]+SECRET|SECRET|OFFICIAL(?:[ \t]*[-–—:]?[ \t]*SENSITIVE)?)"
    r"(?:[ \t]*[-–—:/][ \t]*[A-Z][A-Z \t]{0,40}|[ \t]+[A-Z][A-Z \t]{0,40})?\s*$"
)
ABOVE_OFFICIAL = ("SECRET", "TOP SECRET")


def marking_in_text(text: str) -> str | None:
    """The highest marking printed on its own line in ``text``: "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET" or
    "TOP SECRET"; None when no line is a marking."""
    order = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"]
    found = -1
    for line in text.splitlines():
        if len(line) > 80:
            continue
        match = _MARKING_LINE.match(line)
        if match is None:
            continue
        mark = " ".join(match["mark"].split())
        mark = "OFFICIAL-SENSITIVE" if "SENSITIVE" in mark else mark
        found = max(found, order.index(mark))
    return None if found < 0 else order[found]


def printed_marking(name: str, text: str) -> Marking | None:
    """The ``Marking`` printed on a paper's first page; a paper marked above OFFICIAL is refused: a forum's
    papers are OFFICIAL material and ForumDesk is not accredited for more."""
    mark = marking_in_text(text)
    if mark in ABOVE_OFFICIAL:
        raise ValidationError(
            f"{name} is marked {mark}: ForumDesk holds OFFICIAL and OFFICIAL-SENSITIVE papers only;"
            " nothing was attached",
            "file",
        )
    return None if mark is None else Marking.parse(mark)


def paper_marking(given: Marking | None, printed: Marking | None, forum: Marking) -> Marking:
    """Given, else printed on the paper, else the forum's."""
    return given or printed or forum
