"""The meeting in the room: attendance and live quorum, notes per item, decisions, actions, and the review
of matters arising (each one's update or closure recorded in place).

Notes are saved as typed (the live minutes window calls ``save_notes`` a few hundred milliseconds after a
keystroke), so ``save_notes`` is small: one UPDATE in one transaction. Nothing here may change minutes that
were agreed as a correct record (``LockedMinutesError``), except ``amend_notes``, which records the change
as an amendment in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from forumdesk.db.repositories import Repositories
from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.dates import parse_due_date
from forumdesk.domain.enums import ActionStatus, AttendanceStatus
from forumdesk.domain.errors import NotFoundError, ValidationError
from forumdesk.domain.model import Attendance, Decision, Membership, Person
from forumdesk.domain.patches import ActionPatch
from forumdesk.domain.quorum import QuorumResult, assess_quorum
from forumdesk.domain.validation import required_text
from forumdesk.services.actions import ActionService, NewAction
from forumdesk.services.base import Service
from forumdesk.services.meeting_cycle import MeetingCycleService

ATTENDANCE_CHANGED = Changes(attendance=True, minutes=True)
MINUTES_CHANGED = Changes(minutes=True, agenda=True)


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    """One row of the attendance sheet: a member (with what was recorded, if anything) or a guest."""

    name: str
    organisation: str
    status: AttendanceStatus | None  # None: nothing recorded yet
    person_id: int | None = None
    role: str = ""
    deputy_name: str = ""  # who attended for this member, if a deputy did
    attendance_id: int | None = None
    is_member: bool = True
    item_title: str = ""


@dataclass(frozen=True, slots=True)
class OwnerChoice:
    """A completion offered when typing an action's owner: a person (with agency) or an agency alone."""

    label: str  # "Jane Smith (Essex Police)" or "Essex Police"
    person_id: int | None
    organisation_id: int | None


class MeetingRoomService(Service):
    def __init__(
        self, repos: Repositories, today: Callable[[], date], cycle: MeetingCycleService, actions: ActionService
    ) -> None:
        super().__init__(repos, today)
        self.cycle = cycle
        self.actions = actions

    # -- attendance and quorum ----------------------------------------------------------------------------
    def members(self, meeting_id: int) -> list[Membership]:
        meeting = self.cycle.meeting(meeting_id)
        return self.repos.forums.members(meeting.forum_id, meeting.starts_at.date().isoformat())

    def attendance_sheet(self, meeting_id: int) -> list[AttendanceLine]:
        """Every member of the forum on the meeting's day, then deputies and guests."""
        recorded = self.repos.meetings.attendance(meeting_id)
        by_person = {a.person_id: a for a in recorded if a.person_id is not None}
        deputies = {a.deputy_for_id: a for a in recorded if a.deputy_for_id is not None}
        titles = {i.id: f"{i.minute_ref} {i.title}" for i in self.cycle.items(meeting_id)}
        lines: list[AttendanceLine] = []
        member_ids = set()
        for m in self.members(meeting_id):
            member_ids.add(m.person_id)
            row = by_person.get(m.person_id)
            deputy = deputies.get(m.person_id)
            lines.append(
                AttendanceLine(
                    m.person_name,
                    m.organisation,
                    None if row is None else row.status,
                    m.person_id,
                    m.role,
                    deputy.name if deputy else "",
                    None if row is None else row.id,
                )
            )
        for a in recorded:
            if a.person_id not in member_ids:
                lines.append(
                    AttendanceLine(
                        a.name,
                        a.organisation,
                        a.status,
                        a.person_id,
                        "",
                        "",
                        a.id,
                        False,
                        titles.get(a.agenda_item_id or -1, ""),
                    )
                )
        return lines

    def set_attendance(
        self, meeting_id: int, person_id: int, status: AttendanceStatus, *, item_id: int | None = None
    ) -> Outcome[None]:
        """Present, apologies or absent for a member (or a named person for one item)."""
        self.cycle._unlocked(meeting_id)
        if status in (AttendanceStatus.DEPUTY, AttendanceStatus.GUEST):
            raise ValidationError("record a deputy or a guest with its own command", "status")
        if self.repos.people.person(person_id) is None:
            raise ValidationError(f"there is no person with id {person_id}", "person")
        with self.store.transaction("Record attendance"):
            self.repos.meetings.set_attendance(meeting_id, person_id, status, agenda_item_id=item_id)
        return self.store.outcome(None, ATTENDANCE_CHANGED)

    def set_deputy(self, meeting_id: int, member_id: int, deputy_name: str) -> Outcome[None]:
        """``deputy_name`` attends for the member ``member_id``; the member is recorded as sending apologies."""
        self.cycle._unlocked(meeting_id)
        deputy = self.resolve_person(deputy_name)
        if deputy.id == member_id:
            raise ValidationError("a member cannot deputise for themself", "deputy")
        if not any(m.person_id == member_id for m in self.members(meeting_id)):
            raise ValidationError("a deputy attends for a member of the forum", "member")
        with self.store.transaction("Record a deputy"):
            self.repos.cycle.remove_deputies_for(meeting_id, member_id)
            self.repos.meetings.set_attendance(meeting_id, member_id, AttendanceStatus.APOLOGIES)
            self.repos.meetings.set_attendance(meeting_id, deputy.id, AttendanceStatus.DEPUTY, deputy_for_id=member_id)
        return self.store.outcome(None, ATTENDANCE_CHANGED)

    def add_guest(
        self, meeting_id: int, name: str, organisation: str = "", *, item_id: int | None = None
    ) -> Outcome[None]:
        """A guest, or (with ``item_id``) someone attending for one item only."""
        self.cycle._unlocked(meeting_id)
        clean = required_text(name, "The guest's name", "name")
        status = AttendanceStatus.GUEST if item_id is None else AttendanceStatus.ITEM_ONLY
        with self.store.transaction("Add a guest"):
            org = self.repos.people.organisation_by_name(organisation) if organisation.strip() else None
            org_id = (
                org.id
                if org
                else (self.repos.people.add_organisation(organisation.strip()) if organisation.strip() else None)
            )
            known = self.repos.people.people_named(clean)
            person_id = known[0].id if len(known) == 1 else None
            self.repos.meetings.set_attendance(
                meeting_id,
                person_id,
                status,
                guest_name="" if person_id else clean,
                guest_organisation_id=None if person_id else org_id,
                agenda_item_id=item_id,
            )
        return self.store.outcome(None, ATTENDANCE_CHANGED)

    def remove_attendance(self, meeting_id: int, attendance_id: int) -> Outcome[None]:
        self.cycle._unlocked(meeting_id)
        with self.store.transaction("Remove from attendance"):
            self.repos.meetings.remove_attendance(attendance_id)
        return self.store.outcome(None, ATTENDANCE_CHANGED)

    def quorum(self, meeting_id: int) -> QuorumResult:
        meeting = self.cycle.meeting(meeting_id)
        forum = self.cycle.forum(meeting.forum_id)
        return assess_quorum(forum.quorum, self.repos.meetings.attendance(meeting_id))

    def attendance(self, meeting_id: int) -> list[Attendance]:
        return self.repos.meetings.attendance(meeting_id)

    # -- notes and decisions ------------------------------------------------------------------------------
    def save_notes(self, item_id: int, notes: str) -> Outcome[None]:
        """Save an item's notes as typed; one small transaction."""
        meeting_id = self._meeting_of_item(item_id)
        self.cycle._unlocked(meeting_id)
        with self.store.transaction("Type notes"):
            self.repos.meetings.update_item(item_id, notes=notes)
        return self.store.outcome(None, Changes(minutes=True))

    def amend_notes(self, item_id: int, notes: str, reason: str) -> Outcome[None]:
        """Change the notes of agreed minutes: allowed only as an amendment, recorded in the audit trail."""
        meeting_id = self._meeting_of_item(item_id)
        why = required_text(reason, "The reason for the amendment", "reason")
        old = self.cycle.item(item_id).notes
        with self.store.transaction("Amend the minutes"):
            self.repos.meetings.update_item(item_id, notes=notes)
            self.store.audit("agenda_item", item_id, "amendment", "notes", old, notes)
            self.store.audit("meeting", meeting_id, "amendment", "reason", None, why)
        return self.store.outcome(None, MINUTES_CHANGED)

    def add_decision(self, meeting_id: int, item_id: int | None, text: str) -> Outcome[int]:
        self.cycle._unlocked(meeting_id)
        body = required_text(text, "The decision", "decision")
        ref = self._ref(meeting_id, item_id)
        with self.store.transaction("Record a decision"):
            decision_id = self.repos.meetings.add_decision(meeting_id, body, item_id, ref)
        return self.store.outcome(decision_id, MINUTES_CHANGED)

    def decisions(self, meeting_id: int) -> list[Decision]:
        return self.repos.meetings.decisions(meeting_id)

    def edit_decision(self, meeting_id: int, decision_id: int, text: str) -> Outcome[None]:
        """Correct a decision captured in the room (until the minutes are agreed)."""
        self.cycle._unlocked(meeting_id)
        body = required_text(text, "The decision", "decision")
        if decision_id not in {d.id for d in self.repos.meetings.decisions(meeting_id)}:
            raise NotFoundError(f"there is no decision with id {decision_id} in this meeting")
        with self.store.transaction("Edit a decision"):
            self.repos.meetings.update_decision(decision_id, body)
        return self.store.outcome(None, MINUTES_CHANGED)

    # -- actions ------------------------------------------------------------------------------------------
    def owner_choices(self, meeting_id: int) -> list[OwnerChoice]:
        """Members first, then everyone else, then agencies alone: what the owner field completes over."""
        members = self.members(meeting_id)
        seen = {m.person_id for m in members}
        people = [p for p in self.repos.people.people() if p.id not in seen]
        choices = [OwnerChoice(_label(m.person_name, m.organisation), m.person_id, None) for m in members] + [
            OwnerChoice(_label(p.name, p.organisation), p.id, p.organisation_id) for p in people
        ]
        choices += [OwnerChoice(o.name, None, o.id) for o in self.repos.people.organisations()]
        return choices

    def raise_action(
        self, meeting_id: int, item_id: int | None, text: str, owner: str = "", due: str = ""
    ) -> Outcome[int]:
        """An action agreed in the room: owner by person or agency name, due as typed (``2 weeks`` ...)."""
        meeting = self.cycle._unlocked(meeting_id)
        raised = meeting.starts_at.date()
        person_id, org_id = self.resolve_owner(meeting_id, owner)
        due_date = None
        if due.strip():
            nxt = self.repos.meetings.next_planned(meeting.forum_id, meeting.starts_at.isoformat(timespec="minutes"))
            try:
                due_date = parse_due_date(due, raised, None if nxt is None else nxt.starts_at.date())
            except ValueError as error:
                raise ValidationError(str(error), "due") from None
        new = NewAction(
            forum_id=meeting.forum_id,
            description=text,
            owner_id=person_id,
            owner_org_id=org_id,
            due_date=due_date,
            raised_on=raised,
            meeting_id=meeting_id,
            agenda_item_id=item_id,
            minute_ref=self._ref(meeting_id, item_id),
            aim_codes=self._item_aims(meeting_id, item_id),  # the agenda item's aims (issue 15 item 3)
        )
        return self.actions.record(new).with_changes(MINUTES_CHANGED)

    def resolve_owner(self, meeting_id: int, text: str) -> tuple[int | None, int | None]:
        """``Name (Agency)``, ``Name`` or ``Agency`` -> (person id, agency id); unknown names are refused."""
        typed = " ".join(text.split())
        if not typed:
            return None, None
        for choice in self.owner_choices(meeting_id):
            if choice.label.lower() == typed.lower():
                return choice.person_id, choice.organisation_id
        person = self._person_named(typed)
        if person is not None:
            return person.id, person.organisation_id
        org = self.repos.people.organisation_by_name(typed)
        if org is not None:
            return None, org.id
        raise ValidationError(f"there is no person or agency called {typed!r}", "owner")

    def resolve_person(self, text: str) -> Person:
        person = self._person_named(" ".join(text.split()))
        if person is None:
            raise ValidationError(f"there is no person called {text.strip()!r}: add them first", "person")
        return person

    def _person_named(self, typed: str) -> Person | None:
        name = typed.split(" (")[0] if typed.endswith(")") else typed
        matches = self.repos.people.people_named(name)
        if len(matches) > 1 and typed.endswith(")"):
            agency = typed[len(name) + 2 : -1]
            matches = [p for p in matches if p.organisation.lower() == agency.lower()]
        if len(matches) > 1:
            raise ValidationError(f"{len(matches)} people are called {name!r}: pick one with their agency", "owner")
        return matches[0] if matches else None

    # -- matters arising ----------------------------------------------------------------------------------
    def record_update(self, meeting_id: int, action_id: int, text: str, author: str = "") -> Outcome[int]:
        """The owner's update given at the meeting, dated the meeting's day; signed ``author`` (else the login)."""
        meeting = self.cycle._unlocked(meeting_id)
        when = max(meeting.starts_at.date(), self._raised(action_id))
        return self.actions.add_update(action_id, text, on=when, author=author).with_changes(MINUTES_CHANGED)

    def close_action(
        self, meeting_id: int, action_id: int, status: ActionStatus = ActionStatus.COMPLETE
    ) -> Outcome[None]:
        """Closed at the meeting: complete (or withdrawn), dated the meeting's day."""
        meeting = self.cycle._unlocked(meeting_id)
        if status.is_open:
            raise ValidationError("close an action as complete or withdrawn", "status")
        when = max(meeting.starts_at.date(), self._raised(action_id))
        return self.actions.edit(action_id, ActionPatch(status=status, closed_on=when)).with_changes(MINUTES_CHANGED)

    def _raised(self, action_id: int) -> date:
        return self.actions.get(action_id).raised_on

    def _ref(self, meeting_id: int, item_id: int | None) -> str:
        if item_id is None:
            return ""
        for item in self.cycle.items(meeting_id):
            if item.id == item_id:
                return item.minute_ref
        raise ValidationError("that agenda item is not part of this meeting", "item")

    def _item_aims(self, meeting_id: int, item_id: int | None) -> tuple[str, ...]:
        """The aims an action raised under ``item_id`` serves: the item's own, else its parent item's."""
        if item_id is None:
            return ()
        items = {i.id: i for i in self.repos.meetings.items(meeting_id)}
        item = items.get(item_id)
        while item is not None and not item.aim_codes and item.parent_id is not None:
            item = items.get(item.parent_id)
        return tuple(item.aim_codes) if item is not None else ()

    def _meeting_of_item(self, item_id: int) -> int:
        return self.cycle.item(item_id).meeting_id


def _label(name: str, organisation: str) -> str:
    return f"{name} ({organisation})" if organisation else name
