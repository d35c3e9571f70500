"""The records of the domain as plain, immutable dataclasses. Repositories return these; exporters take them.

Dates are ``datetime.date`` and times ``datetime.datetime`` (naive, local wall-clock time of the meeting);
the database stores them as ISO text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from forumdesk.domain.enums import (
    ActionStatus,
    AgendaPurpose,
    AttendanceStatus,
    Marking,
    MeetingStatus,
    MinutesStatus,
    QuorumKind,
    Rag,
)
from forumdesk.domain.rag import derive_rag


@dataclass(frozen=True, slots=True)
class PriorityArea:
    id: int
    code: str
    name: str
    objective: str
    position: int = 0
    heading: str = ""


@dataclass(frozen=True, slots=True)
class Aim:
    id: int
    code: str
    text: str
    area_id: int
    area_name: str = ""


@dataclass(frozen=True, slots=True)
class Theme:
    id: int
    code: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Organisation:
    id: int
    name: str
    short_name: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    role: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    email: str = ""
    phone: str = ""
    anonymised: bool = False


@dataclass(frozen=True, slots=True)
class QuorumRule:
    kind: QuorumKind = QuorumKind.NONE
    count: int = 0

    def describe(self) -> str:
        if self.kind is QuorumKind.AGENCIES:
            return f"{self.count} agencies represented"
        if self.kind is QuorumKind.HEADS:
            return f"{self.count} members present"
        return "No quorum rule"


@dataclass(frozen=True, slots=True)
class Forum:
    id: int
    name: str
    short_code: str = ""
    kind: str = ""
    parent_id: int | None = None
    parent_name: str = ""
    district: str = ""
    purpose: str = ""
    terms_of_reference: str = ""
    chair_id: int | None = None
    secretary_id: int | None = None
    frequency: str = ""
    quorum: QuorumRule = QuorumRule()
    marking: Marking = Marking.OFFICIAL
    review_date: date | None = None
    archived: bool = False
    from_strategy: bool = False
    is_family: bool = False
    priorities: tuple[str, ...] = ()  # names of the priority areas it serves (own or inherited)


@dataclass(frozen=True, slots=True)
class NewMember:
    """A membership to add, as the services checked it."""

    forum_id: int
    person_id: int
    role: str = "Member"
    deputy_id: int | None = None
    decision_maker: bool = True
    from_date: date | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    id: int
    forum_id: int
    person_id: int
    person_name: str = ""
    organisation: str = ""
    role: str = "Member"
    deputy_id: int | None = None
    deputy_name: str = ""
    decision_maker: bool = True
    from_date: date | None = None
    to_date: date | None = None
    forum_name: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    forum_id: int
    starts_at: datetime
    ends_at: datetime | None = None
    forum_name: str = ""
    title: str = ""
    venue: str = ""
    link: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    minutes_status: MinutesStatus = MinutesStatus.NONE
    marking: Marking = Marking.OFFICIAL
    series_id: str = ""
    amendments: str = ""
    agreed_on: date | None = None


@dataclass(frozen=True, slots=True)
class AgendaItem:
    id: int
    meeting_id: int
    position: int
    title: str
    minute_ref: str = ""
    parent_id: int | None = None
    presenter: str = ""
    purpose: AgendaPurpose = AgendaPurpose.INFORMATION
    minutes_allowed: int = 0
    notes: str = ""
    kind: str = ""  # "" for new business, else the standing item it came from ("apologies", "actions", ...)
    aim_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attendance:
    id: int
    meeting_id: int
    status: AttendanceStatus
    person_id: int | None = None
    name: str = ""
    organisation: str = ""
    organisation_id: int | None = None
    deputy_for_id: int | None = None
    deputy_for_name: str = ""
    agenda_item_id: int | None = None
    decision_maker: bool = True


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    meeting_id: int
    text: str
    agenda_item_id: int | None = None
    minute_ref: str = ""


@dataclass(frozen=True, slots=True)
class ActionUpdate:
    id: int
    action_id: int
    on: date
    text: str
    author: str = ""


@dataclass(frozen=True, slots=True)
class Action:
    id: int
    ref: str
    forum_id: int
    description: str
    raised_on: date
    status: ActionStatus = ActionStatus.OPEN
    forum_name: str = ""
    meeting_id: int | None = None
    meeting_date: date | None = None
    agenda_item_id: int | None = None
    minute_ref: str = ""
    owner_id: int | None = None
    owner_name: str = ""
    owner_org_id: int | None = None
    owner_org: str = ""
    due_date: date | None = None
    revised_due_date: date | None = None
    rag_override: Rag | None = None
    closed_on: date | None = None
    latest_update: ActionUpdate | None = None
    aim_codes: tuple[str, ...] = field(default_factory=tuple)
    last_chased: datetime | None = None  # when a chaser e-mail for it was last drafted (services.mail)

    @property
    def effective_due(self) -> date | None:
        return self.revised_due_date or self.due_date

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    def rag(self, today: date) -> Rag:
        return derive_rag(self.status, self.due_date, self.revised_due_date, today, self.rag_override)

    def is_overdue(self, today: date) -> bool:
        due = self.effective_due
        return self.is_open and due is not None and due < today


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    user: str
    entity: str
    entity_id: int | None
    operation: str
    field: str = ""
    old_value: str | None = None
    new_value: str | None = None
