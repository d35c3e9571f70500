"""The content of a set of minutes, as plain values: what the minutes exporter prints.

The meeting-cycle services build a ``MinutesDocument`` from a held meeting; the PDF exporter only reads it.
Everything here is already decided (quorum worked out, actions resolved to their latest update), so the
exporter does no domain reasoning of its own. Stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from forumdesk.domain.enums import Marking, MinutesStatus, Rag
from forumdesk.domain.model import Forum, Meeting


@dataclass(frozen=True, slots=True)
class AttendeeLine:
    """One person in the attendance list. ``attending_for`` names the member a deputy stands in for."""

    name: str
    role: str = ""
    attending_for: str = ""
    item: str = ""  # the agenda item a person attended for, when they came for one item only

    def label(self, deputies: bool = False) -> str:
        """As the minutes list them: ``Jo Bloggs, Chair (for Ravi Patel) (item: Budget)``; a plain member's
        role is left out, and ``attending_for`` is shown only in the deputies' list."""
        text = self.name + (f", {self.role}" if self.role and self.role != "Member" else "")
        if deputies and self.attending_for:
            text += f" (for {self.attending_for})"
        if self.item:
            text += f" (item: {self.item})"
        return text


@dataclass(frozen=True, slots=True)
class AgencyAttendance:
    """The people of one agency (organisation) at the meeting, grouped as minutes list them."""

    agency: str
    present: tuple[AttendeeLine, ...] = ()
    deputies: tuple[AttendeeLine, ...] = ()
    apologies: tuple[AttendeeLine, ...] = ()
    guests: tuple[AttendeeLine, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionRaised:
    """An action agreed under an item: printed in the item and in the action log."""

    ref: str
    description: str
    owner: str = ""  # "Name (Agency)"
    due: date | None = None


@dataclass(frozen=True, slots=True)
class MinutesItem:
    """One numbered item of the minutes."""

    number: str  # the minute reference printed in the margin, e.g. "24/03" or "3"
    title: str
    presenter: str = ""
    notes: str = ""
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionRaised, ...] = ()
    sub_items: tuple[MinutesItem, ...] = ()
    kind: str = ""  # the standing item it came from ("actions", "matters_arising", ...): matters arising print there


@dataclass(frozen=True, slots=True)
class MatterArising:
    """An action still open from an earlier meeting, reviewed with its latest update."""

    ref: str
    action: str
    owner: str = ""
    latest_update: str = ""
    update_on: date | None = None
    rag: Rag = Rag.GREEN
    status: str = ""  # the status label, e.g. "In progress"
    rag_overridden: bool = False


@dataclass(frozen=True, slots=True)
class MinutesDocument:
    """Everything printed in one meeting's minutes."""

    forum: Forum
    meeting: Meeting
    marking: Marking
    attendance: tuple[AgencyAttendance, ...] = ()
    quorum_statement: str = ""  # "The meeting was quorate (3 agencies represented; the rule is 3 agencies)"
    quorate: bool | None = None  # None when the forum has no quorum rule
    items: tuple[MinutesItem, ...] = ()
    matters_arising: tuple[MatterArising, ...] = ()
    status: MinutesStatus = MinutesStatus.DRAFT
    amendments: str = ""
    agreed_on: date | None = None
    chair: str = ""
    secretary: str = ""
    next_meeting: str = ""  # already formatted, e.g. "Tuesday 14/04/2026 10:00, Civic Centre"
    extra: dict[str, str] = field(default_factory=dict)  # room for the meeting cycle to add without a schema change

    @property
    def is_draft(self) -> bool:
        """Minutes carry a DRAFT watermark until agreed as a correct record."""
        return self.status is not MinutesStatus.AGREED
