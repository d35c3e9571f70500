"""The columns of an action log and of a member list, with the names secretaries give them, and finding
the header row of a table that may sit below title rows, a marking line and blank rows."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

HEADER_SEARCH_ROWS = 20


class Field(StrEnum):
    """One column of an action log. The value is the label shown in the wizard and the dry run."""

    REF = "Ref"
    DESCRIPTION = "Action"
    OWNER = "Owner"
    AGENCY = "Agency"
    RAISED = "Date raised"
    MEETING = "Meeting"
    MINUTE_REF = "Minute ref"
    DUE = "Due date"
    REVISED = "Revised date"
    STATUS = "Status"
    RAG = "RAG"
    UPDATE = "Update"
    CLOSED = "Date closed"


class PersonField(StrEnum):
    """One column of a member list."""

    NAME = "Name"
    ROLE = "Role"
    AGENCY = "Agency"
    EMAIL = "Email"
    PHONE = "Phone"


# fmt: off
ACTION_VARIANTS: dict[Field, tuple[str, ...]] = {
    Field.REF: ("ref", "ref no", "reference", "no", "number", "id", "action no", "action ref",
                "action number", "action id", "item no", "#", "log no", "ref number", "s no", "sno",
                "serial no", "sl no", "sr no", "issue id", "issue ref", "issue no", "risk id", "risk ref",
                "raid id", "raid ref", "task id", "task no", "action item id", "log ref", "ref id",
                "dependency id", "assumption id", "decision id", "item id", "action reference"),
    Field.DESCRIPTION: ("action", "actions", "description", "action description", "action required",
                        "action agreed", "detail", "details", "task", "action details", "agreed action",
                        "task description", "issue title", "title", "issue description", "issue",
                        "risk description", "risk", "action item", "action items", "action decision",
                        "task name", "action point", "action points", "assumption", "dependency",
                        "issue summary", "description of action", "item description", "action to be taken"),
    Field.OWNER: ("owner", "lead", "lead officer", "responsible", "responsible officer", "action owner",
                  "by whom", "who", "assigned to", "owner name", "officer", "responsible person",
                  "lead person", "owned by", "assignee", "issue owner", "risk owner", "task owner",
                  "action lead", "accountable"),
    Field.AGENCY: ("agency", "organisation", "organization", "org", "partner", "partner agency",
                   "lead agency", "owner agency", "owner organisation", "service"),
    Field.RAISED: ("date raised", "raised", "date opened", "date added", "date agreed", "raised on", "date",
                   "date logged", "opened", "date set", "date identified", "identified", "logged",
                   "date created", "created", "raised date", "open date", "logged on", "date open"),
    Field.MEETING: ("meeting", "meeting date", "date of meeting", "meeting raised", "raised at", "source",
                    "meeting raised at"),
    Field.MINUTE_REF: ("minute ref", "minute", "minute no", "minute reference", "min ref", "agenda item",
                       "minute number", "minutes ref"),
    Field.DUE: ("due", "due date", "target date", "deadline", "target", "original due date", "date due",
                "by when", "target completion date", "original target date", "original date", "due by",
                "target completion", "due on", "completion target"),
    Field.REVISED: ("revised", "revised date", "revised due date", "new date", "new due date",
                    "revised target date", "revised deadline", "revised target", "new target date"),
    Field.STATUS: ("status", "current status", "action status", "open closed", "state", "issue status"),
    Field.RAG: ("rag", "rag status", "brag", "rag rating", "rating", "rag rating status", "brag status"),
    Field.UPDATE: ("update", "updates", "progress", "comments", "comment", "latest update", "progress update",
                   "notes", "commentary", "progress notes", "update progress", "progress comments",
                   "remarks", "outcome", "comments resolution", "resolution", "action taken", "actions taken",
                   "response", "latest position", "current position"),
    Field.CLOSED: ("date closed", "completed", "date completed", "closed", "closed date", "completed date",
                   "date complete", "closed on", "completion date", "date of completion", "date resolved",
                   "resolved", "resolved on", "closure date"),
}

PERSON_VARIANTS: dict[PersonField, tuple[str, ...]] = {
    PersonField.NAME: ("name", "full name", "member", "member name", "attendee", "representative", "person"),
    PersonField.ROLE: ("role", "job title", "title", "position", "designation", "post"),
    PersonField.AGENCY: ("agency", "organisation", "organization", "org", "partner", "partner agency",
                         "representing", "service"),
    PersonField.EMAIL: ("email", "e mail", "email address", "e mail address", "mail"),
    PersonField.PHONE: ("phone", "telephone", "tel", "mobile", "phone number", "telephone number",
                        "contact number"),
}
# fmt: on

_PARENS = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[^\w#]+")


def normalise(text: object) -> str:
    """``'Lead Officer:'`` -> ``'lead officer'``; ``'Owner (name and agency)'`` -> ``'owner'``."""
    if not isinstance(text, str):
        return ""
    plain = _PARENS.sub(" ", text.lower().replace("-", " ").replace("_", " ").replace("\n", " "))
    return " ".join(_PUNCT.sub(" ", plain).split())


def _lookup(variants: Mapping[Any, Sequence[str]]) -> dict[str, StrEnum]:
    return {variant: field for field, names in variants.items() for variant in names}


ACTION_LOOKUP = _lookup(ACTION_VARIANTS)
PERSON_LOOKUP = _lookup(PERSON_VARIANTS)


def match_header(text: object, lookup: Mapping[str, StrEnum]) -> StrEnum | None:
    key = normalise(text)
    if not key:
        return None
    if key in lookup:
        return lookup[key]
    for part in re.split(r"\s*/\s*|\s+or\s+", str(text)):  # "Update / Progress", "Lead or Owner"
        if (sub := normalise(part)) in lookup:
            return lookup[sub]
    return None


@dataclass(frozen=True)
class Header:
    """Where a table's header is (0-based row index) and which column (0-based) holds each field.

    ``why`` says, per field, which header it matched and why; ``outside`` lists the columns beside the
    table (a totals or COUNTIF panel past an empty column) that are left out.
    """

    row: int
    mapping: dict[StrEnum, int]
    labels: tuple[str, ...]
    why: dict[StrEnum, str] = field(default_factory=dict)
    outside: tuple[int, ...] = ()


ITEM = "item"  # the action's text when no other column holds it, a ref otherwise


def map_row(row: Sequence[object], lookup: Mapping[str, StrEnum]) -> dict[StrEnum, int]:
    return _map(row, lookup)[0]


def _map(row: Sequence[object], lookup: Mapping[str, StrEnum]) -> tuple[dict[StrEnum, int], dict[StrEnum, str]]:
    mapping: dict[StrEnum, int] = {}
    why: dict[StrEnum, str] = {}
    items: list[int] = []
    for index, value in enumerate(row):
        if lookup is ACTION_LOOKUP and normalise(value) == ITEM:
            items.append(index)
            continue
        field_ = match_header(value, lookup)
        if field_ is not None and field_ not in mapping:
            mapping[field_] = index
            label = " ".join(str(value).split())
            key = normalise(value)
            how = "a name for" if key in lookup else "contains a name for"
            why[field_] = f"{label!r} is {how} {field_.value}"
    for index in items:
        label = " ".join(str(row[index]).split())
        if Field.DESCRIPTION not in mapping:
            mapping[Field.DESCRIPTION] = index
            why[Field.DESCRIPTION] = f"{label!r} holds the action's text: no other column does"
        elif Field.REF not in mapping:
            mapping[Field.REF] = index
            why[Field.REF] = f"{label!r} is the ref: {_label_of(row, mapping[Field.DESCRIPTION])!r} holds the text"
    return mapping, why


def _label_of(row: Sequence[object], index: int) -> str:
    return " ".join(str(row[index]).split()) if index < len(row) and row[index] is not None else ""


def _span(row: Sequence[object], anchor: int) -> tuple[int, int]:
    """The columns of the table around ``anchor``: header cells with no more than one empty cell between."""

    def filled(i: int) -> bool:
        return 0 <= i < len(row) and bool(normalise(row[i]) or str(row[i] or "").strip())

    first = last = anchor
    while filled(first - 1) or filled(first - 2):
        first -= 1 if filled(first - 1) else 2
    while filled(last + 1) or filled(last + 2):
        last += 1 if filled(last + 1) else 2
    return first, last


def _with_row_above(rows: Sequence[Sequence[object]], index: int) -> tuple[tuple[object, ...], set[int]]:
    """A header row with its empty cells filled from the row above (a two-row header, its cells merged down)."""
    row = list(rows[index])
    above = rows[index - 1] if index > 0 else ()
    borrowed: set[int] = set()
    for column, value in enumerate(above):
        if value is None or not str(value).strip():
            continue
        while len(row) <= column:
            row.append(None)
        if row[column] is None or not str(row[column]).strip():
            row[column] = value
            borrowed.add(column)
    return tuple(row), borrowed


def find_header(rows: Sequence[Sequence[object]], *, people: bool = False) -> Header | None:
    """The row among the first 20 that names the most known columns, including the required one.

    A row whose empty cells are filled from the row above counts too (two-row headers: a group label over
    the real names, the other columns merged down both rows).
    """
    lookup = PERSON_LOOKUP if people else ACTION_LOOKUP
    required: StrEnum = PersonField.NAME if people else Field.DESCRIPTION
    best: Header | None = None
    head = list(rows[:HEADER_SEARCH_ROWS])
    for index in range(len(head)):
        candidates: list[tuple[tuple[object, ...], set[int]]] = [(tuple(head[index]), set())]
        if index > 0 and any(v is not None and str(v).strip() for v in head[index]):
            candidates.append(_with_row_above(head, index))
        for row, borrowed in candidates:
            mapping, why = _map(row, lookup)
            if required not in mapping or len(mapping) < 2:
                continue
            first, last = _span(row, mapping[required])
            outside = tuple(i for i, v in enumerate(row) if (i < first or i > last) and _label_of(row, i))
            mapping = {f: c for f, c in mapping.items() if first <= c <= last}
            why = {
                f: w + (" (in the row above: a two-row header)" if mapping[f] in borrowed else "")
                for f, w in why.items()
                if f in mapping
            }
            if len(mapping) < 2:
                continue
            if best is None or len(mapping) > len(best.mapping):
                labels = tuple("" if v is None else " ".join(str(v).split()) for v in row)
                best = Header(index, mapping, labels, why, outside)
    return best
