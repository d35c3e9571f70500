"""The closed vocabularies of the domain. Values are what the database and ``--json`` store."""

from __future__ import annotations

from enum import StrEnum


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES

    @classmethod
    def parse(cls, text: str) -> ActionStatus:
        """Accepts a value or a label, any case: ``in_progress``, ``In progress``, ``done``."""
        key = text.strip().lower().replace("-", " ").replace("_", " ")
        for status in cls:
            if key in (status.value.replace("_", " "), status.label.lower()):
                return status
        if key in _STATUS_SYNONYMS:
            return _STATUS_SYNONYMS[key]
        raise ValueError(f"unknown status {text!r} (use one of: {', '.join(s.value for s in cls)})")


_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.ON_HOLD: "On hold",
    ActionStatus.COMPLETE: "Complete",
    ActionStatus.WITHDRAWN: "Withdrawn",
}
_STATUS_SYNONYMS = {
    "done": ActionStatus.COMPLETE,
    "completed": ActionStatus.COMPLETE,
    "closed": ActionStatus.COMPLETE,
    "not started": ActionStatus.OPEN,
    "new": ActionStatus.OPEN,
    "ongoing": ActionStatus.IN_PROGRESS,
    "underway": ActionStatus.IN_PROGRESS,
    "in hand": ActionStatus.IN_PROGRESS,
    "paused": ActionStatus.ON_HOLD,
    "cancelled": ActionStatus.WITHDRAWN,
    "superseded": ActionStatus.WITHDRAWN,
    "dropped": ActionStatus.WITHDRAWN,
}
OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD})


class Rag(StrEnum):
    """BRAG: Blue complete, Red overdue, Amber at risk or due soon, Green on track (see ``rag.py``)."""

    BLUE = "blue"
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> Rag:
        key = text.strip().lower()
        for rag in cls:
            if key in (rag.value, rag.value[0]):
                return rag
        raise ValueError(f"unknown RAG {text!r} (use red, amber, green or blue)")


class Marking(StrEnum):
    """Government Security Classifications used by partnership forums, lowest first."""

    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"

    @property
    def rank(self) -> int:
        return list(Marking).index(self)

    @classmethod
    def parse(cls, text: str) -> Marking:
        key = text.strip().upper().replace("_", "-").replace(" ", "-")
        for marking in cls:
            if key == marking.value:
                return marking
        raise ValueError(f"unknown marking {text!r} (use OFFICIAL or OFFICIAL-SENSITIVE)")


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    DEPUTY = "deputy"  # attending for a member (``deputy_for``)
    GUEST = "guest"
    ITEM_ONLY = "item_only"  # attending for one agenda item

    @property
    def label(self) -> str:
        return {
            "present": "Present",
            "apologies": "Apologies",
            "absent": "Absent",
            "deputy": "Deputy",
            "guest": "Guest",
            "item_only": "For one item",
        }[self.value]


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class MinutesStatus(StrEnum):
    NONE = "none"  # the meeting has not been held yet
    DRAFT = "draft"
    CIRCULATED = "circulated"
    AGREED = "agreed"  # agreed as a correct record: locked

    @property
    def label(self) -> str:
        return {"none": "Not yet taken", "draft": "Draft", "circulated": "Circulated", "agreed": "Agreed"}[
            self.value
        ]


class AgendaPurpose(StrEnum):
    INFORMATION = "information"
    DISCUSSION = "discussion"
    DECISION = "decision"


class QuorumKind(StrEnum):
    AGENCIES = "agencies"  # number of agencies represented by members present
    HEADS = "heads"  # head count of members present
    NONE = "none"
