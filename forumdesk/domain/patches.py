"""Typed patches: which fields of a record an edit changes, and to what.

A patch is a frozen dataclass whose every field defaults to ``UNSET``, so that "not given" differs from
None ("clear it"). ``given()`` returns the fields that were set, by name; the services validate them and the
repositories turn them into column values. ``ActionPatch(status=ActionStatus.COMPLETE)`` closes an action
and leaves its other fields alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date
from typing import TypeAlias

from forumdesk.domain.enums import ActionStatus, AgendaPurpose, Marking, QuorumKind, Rag


class Unset(enum.Enum):
    """The one value meaning "this field is not part of the patch"."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset.UNSET
Opt: TypeAlias = Unset  # for readability in the field annotations below: ``str | Opt``


@dataclass(frozen=True)
class Patch:
    """The base of every patch: ``given()`` names the fields that were set."""

    def given(self) -> dict[str, object]:
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not UNSET}

    def __bool__(self) -> bool:
        return bool(self.given())

    def names(self) -> list[str]:
        return list(self.given())


@dataclass(frozen=True)
class ActionPatch(Patch):
    description: str | Opt = UNSET
    owner_id: int | Opt | None = UNSET
    owner_org_id: int | Opt | None = UNSET
    raised_on: date | Opt = UNSET
    due_date: date | Opt | None = UNSET
    revised_due_date: date | Opt | None = UNSET
    status: ActionStatus | str | Opt = UNSET
    rag_override: Rag | str | Opt | None = UNSET
    closed_on: date | Opt | None = UNSET
    meeting_id: int | Opt | None = UNSET
    agenda_item_id: int | Opt | None = UNSET
    minute_ref: str | Opt = UNSET


@dataclass(frozen=True)
class ForumPatch(Patch):
    name: str | Opt = UNSET
    short_code: str | Opt = UNSET
    kind: str | Opt = UNSET
    purpose: str | Opt = UNSET
    terms_of_reference: str | Opt = UNSET
    frequency: str | Opt = UNSET
    parent_id: int | Opt | None = UNSET
    district: str | Opt = UNSET
    chair_id: int | Opt | None = UNSET
    secretary_id: int | Opt | None = UNSET
    marking: Marking | str | Opt = UNSET
    quorum_kind: QuorumKind | str | Opt = UNSET
    quorum_count: int | Opt = UNSET
    review_date: date | Opt | None = UNSET
    archived: bool | Opt = UNSET


@dataclass(frozen=True)
class MeetingPatch(Patch):
    venue: str | Opt = UNSET
    link: str | Opt = UNSET
    title: str | Opt = UNSET
    marking: Marking | str | Opt = UNSET


@dataclass(frozen=True)
class AgendaItemPatch(Patch):
    title: str | Opt = UNSET
    presenter: str | Opt = UNSET
    purpose: AgendaPurpose | str | Opt = UNSET
    minutes_allowed: int | Opt = UNSET


@dataclass(frozen=True)
class MembershipPatch(Patch):
    role: str | Opt = UNSET
    deputy_id: int | Opt | None = UNSET
    decision_maker: bool | Opt = UNSET
    from_date: date | str | Opt | None = UNSET
    to_date: date | str | Opt | None = UNSET


@dataclass(frozen=True)
class PersonPatch(Patch):
    name: str | Opt = UNSET
    organisation: str | Opt = UNSET
    role: str | Opt = UNSET
    email: str | Opt = UNSET
    phone: str | Opt = UNSET


@dataclass(frozen=True)
class OrganisationPatch(Patch):
    name: str | Opt = UNSET
    short_name: str | Opt = UNSET
    kind: str | Opt = UNSET

