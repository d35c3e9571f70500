"""The columns of an action log and of a member list, with the names secretaries give them, and finding
the header row of a table that may sit below title rows, a marking line and blank rows."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
                "action number", "action id", "item", "item no", "#", "log no", "ref number"),
    Field.DESCRIPTION: ("action", "actions", "description", "action description", "action required",
                        "action agreed", "detail", "details", "task", "action details", "agreed action"),
    Field.OWNER: ("owner", "lead", "lead officer", "responsible", "responsible officer", "action owner",
                  "by whom", "who", "assigned to", "owner name", "officer", "responsible person",
                  "lead person"),
    Field.AGENCY: ("agency", "organisation", "organization", "org", "partner", "partner agency",
                   "lead agency", "owner agency", "owner organisation", "service"),
    Field.RAISED: ("date raised", "raised", "date opened", "date added", "date agreed", "raised on", "date",
                   "date logged", "opened", "date set"),
    Field.MEETING: ("meeting", "meeting date", "date of meeting", "meeting raised", "raised at", "source",
                    "meeting raised at"),
    Field.MINUTE_REF: ("minute ref", "minute", "minute no", "minute reference", "min ref", "agenda item",
                       "minute number", "minutes ref"),
    Field.DUE: ("due", "due date", "target date", "deadline", "target", "original due date", "date due",
                "by when", "target completion date", "original target date", "original date", "due by"),
    Field.REVISED: ("revised", "revised date", "revised due date", "new date", "new due date",
                    "revised target date", "revised deadline", "revised target", "new target date"),
    Field.STATUS: ("status", "current status", "action status", "open closed", "state"),
    Field.RAG: ("rag", "rag status", "brag", "rag rating", "rating", "rag rating status", "brag status"),
    Field.UPDATE: ("update", "updates", "progress", "comments", "comment", "latest update", "progress update",
                   "notes", "commentary", "progress notes", "update progress", "progress comments"),
    Field.CLOSED: ("date closed", "completed", "date completed", "closed", "closed date", "completed date",
                   "date complete", "closed on", "completion date", "date of completion"),
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
    """Where a table's header is (0-based row index) and which column (0-based) holds each field."""

    row: int
    mapping: dict[StrEnum, int]
    labels: tuple[str, ...]


def map_row(row: Sequence[object], lookup: Mapping[str, StrEnum]) -> dict[StrEnum, int]:
    mapping: dict[StrEnum, int] = {}
    for index, value in enumerate(row):
        field = match_header(value, lookup)
        if field is not None and field not in mapping:
            mapping[field] = index
    return mapping


def find_header(rows: Sequence[Sequence[object]], *, people: bool = False) -> Header | None:
    """The row among the first 20 that names the most known columns, including the required one."""
    lookup = PERSON_LOOKUP if people else ACTION_LOOKUP
    required: StrEnum = PersonField.NAME if people else Field.DESCRIPTION
    best: Header | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping = map_row(row, lookup)
        if required not in mapping or len(mapping) < 2:
            continue
        if best is None or len(mapping) > len(best.mapping):
            labels = tuple("" if v is None else str(v).strip() for v in row)
            best = Header(index, mapping, labels)
    return best
