"""The import plan: what a file says, as plain values, before anything is matched against the database.

The readers (``forumdesk.imports.actions`` and ``.people``) produce these; the import service resolves
them against a forum (add, update or skip; people to create) and writes them in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.imports.columns import Field, PersonField


@dataclass(frozen=True, slots=True)
class Place:
    """Where a row came from, for messages: ``Actions 2025, row 7``."""

    sheet: str
    row: int  # 1-based, as the spreadsheet shows it

    def __str__(self) -> str:
        return f"{self.sheet}, row {self.row}"


@dataclass(frozen=True)
class RowMessage:
    place: Place
    reason: str


@dataclass(frozen=True)
class SheetTable:
    """One table found in a file: its header row and the column chosen for each field (0-based)."""

    name: str
    header_row: int  # 1-based
    labels: tuple[str, ...]
    mapping: Mapping[Any, int]  # Field or PersonField -> column
    data_rows: int
    why: Mapping[Any, str] = field(default_factory=dict)  # field -> which header it matched, and why
    dates: tuple[ColumnDates, ...] = ()  # the date order decided for each date column
    left_out: tuple[str, ...] = ()  # columns and rows of the sheet not imported, and why

    def column_of(self, field_: Field | PersonField) -> str:
        index = self.mapping.get(field_)
        if index is None:
            return ""
        label = self.labels[index] if index < len(self.labels) else ""
        return f"{column_letters(index)} ({label})" if label else column_letters(index)


def in_sheet_order(messages: Iterable[RowMessage], sheets: Sequence[SheetTable]) -> list[RowMessage]:
    """Messages in the order a reader meets them: by sheet as the file has them, then by row."""
    order = {sheet.name: index for index, sheet in enumerate(sheets)}
    return sorted(messages, key=lambda m: (order.get(m.place.sheet, 0), m.place.row))


@dataclass(frozen=True)
class ColumnDates:
    """How one date column's all-number dates are read: day first or month first, why, and an example."""

    field: Field
    column: str  # "D (Target Date)"
    order: str  # "dmy" or "mdy"
    reason: str
    example: str = ""

    @property
    def order_label(self) -> str:
        return "day first (dd/mm/yyyy)" if self.order == "dmy" else "month first (mm/dd/yyyy)"


@dataclass(frozen=True, slots=True)
class ImportedAction:
    """One action row. ``None`` means the file does not say (an update leaves that field alone)."""

    place: Place
    description: str
    ref: str = ""
    owner_name: str = ""
    owner_agency: str = ""
    raised_on: date | None = None
    meeting_date: date | None = None
    minute_ref: str = ""
    due_date: date | None = None
    revised_due_date: date | None = None
    status: ActionStatus | None = None
    rag: Rag | None = None
    closed_on: date | None = None
    updates: tuple[tuple[date | None, str], ...] = ()
    notes: tuple[str, ...] = ()  # what could not go in a field: "Due date: TBC", "Also: Ann Lee"


@dataclass(frozen=True)
class ActionFile:
    source: str
    sheets: tuple[SheetTable, ...]
    rows: tuple[ImportedAction, ...]
    skipped: tuple[RowMessage, ...]  # rows left out, with the reason
    warnings: tuple[RowMessage, ...] = ()  # rows imported, but a cell could not be read (kept in a note)
    ignored_sheets: tuple[tuple[str, str], ...] = ()  # (sheet, why it was left out)
    date_order: str = "dmy"  # the order chosen for columns whose dates read either way
    notes: tuple[str, ...] = ()  # about the whole file: lines in another encoding


@dataclass(frozen=True)
class ImportedPerson:
    place: Place
    name: str
    role: str = ""
    agency: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PeopleFile:
    source: str
    sheets: tuple[SheetTable, ...]
    rows: tuple[ImportedPerson, ...]
    skipped: tuple[RowMessage, ...] = field(default_factory=tuple)
    warnings: tuple[RowMessage, ...] = field(default_factory=tuple)


def column_letters(index: int) -> str:
    """``0`` -> ``A``, ``27`` -> ``AB``: a column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
