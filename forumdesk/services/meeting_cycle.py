"""The meeting cycle before and after the meeting: planning (one or a series), the forum's agenda template,
agenda editing, and the minutes' life: close (draft), circulate, agree as a correct record (locked).

What happens in the room (attendance, notes, decisions, actions, matters arising) is ``meeting_room.py``;
the minutes' content is ``minutes_content.py``. Every write is one transaction (one operation) and returns
an ``Outcome``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from forumdesk.db.repositories import Repositories
from forumdesk.domain import agenda
from forumdesk.domain.agenda import STANDING_ITEMS, TemplateItem
from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.enums import AgendaPurpose, Marking, MeetingStatus, MinutesStatus
from forumdesk.domain.errors import LockedMinutesError, ValidationError
from forumdesk.domain.model import AgendaItem, Forum, Meeting
from forumdesk.domain.patches import AgendaItemPatch, MeetingPatch
from forumdesk.domain.recurrence import SeriesRule, occurrences
from forumdesk.domain.validation import optional_text, required_text
from forumdesk.services.base import Service, found
from forumdesk.services.minutes_content import MinutesContentService

AGENDA_CHANGED = Changes(agenda=True)
NO_ITEM_CHANGE = AgendaItemPatch()
MEETINGS_CHANGED = Changes(meetings=True, agenda=True)


class MeetingCycleService(Service):
    def __init__(self, repos: Repositories, today: Callable[[], date], minutes: MinutesContentService) -> None:
        super().__init__(repos, today)
        self.minutes = minutes

    # -- reading ------------------------------------------------------------------------------------------
    def meeting(self, meeting_id: int) -> Meeting:
        return found(self.repos.meetings.meeting(meeting_id), "meeting", meeting_id)

    def forum(self, forum_id: int) -> Forum:
        return found(self.repos.forums.forum(forum_id), "forum", forum_id)

    def items(self, meeting_id: int) -> list[AgendaItem]:
        """The agenda in order with minute references (3, 3.1) filled in."""
        return agenda.numbered(self.repos.meetings.items(meeting_id))

    def item(self, item_id: int) -> AgendaItem:
        meeting_id = found(self.repos.cycle.meeting_of_item(item_id), "agenda item", item_id)
        return next(i for i in self.items(meeting_id) if i.id == item_id)

    def end_times(self, meeting_id: int) -> dict[int, datetime]:
        return agenda.running_end_times(self.repos.meetings.items(meeting_id), self.meeting(meeting_id).starts_at)

    def template(self, forum_id: int) -> list[TemplateItem]:
        """The forum's standing items: its own template if saved, else the standard one."""
        return self.repos.cycle.template(forum_id) or list(STANDING_ITEMS)

    # -- planning -----------------------------------------------------------------------------------------
    def plan_meeting(
        self,
        forum_id: int,
        starts_at: datetime,
        *,
        minutes: int = 120,
        venue: str = "",
        link: str = "",
        marking: Marking | None = None,
        title: str = "",
        apply_template: bool = True,
        series_id: str = "",
    ) -> Outcome[int]:
        forum = self.forum(forum_id)
        if minutes <= 0:
            raise ValidationError("a meeting must last some time", "minutes")
        if marking is not None and marking.rank < forum.marking.rank:
            raise ValidationError(
                f"the forum's marking is {forum.marking.value}: a meeting cannot be marked lower", "marking"
            )
        with self.store.transaction("New meeting"):
            meeting_id = self.repos.meetings.add(
                forum_id,
                starts_at.isoformat(timespec="minutes"),
                ends_at=starts_at + timedelta(minutes=minutes),
                venue=optional_text(venue),
                link=optional_text(link),
                marking=marking or forum.marking,
                title=optional_text(title),
                series_id=series_id,
            )
            if apply_template:
                self._apply_template(meeting_id, self.template(forum_id))
        return self.store.outcome(meeting_id, MEETINGS_CHANGED)

    def plan_series(
        self,
        forum_id: int,
        rule: SeriesRule,
        first: date,
        count: int,
        *,
        venue: str = "",
        link: str = "",
        marking: Marking | None = None,
    ) -> Outcome[list[int]]:
        """``count`` meetings on the rule's dates, all or none, sharing one series id."""
        series = uuid.uuid4().hex[:12]
        ids: list[int] = []
        with self.store.transaction("Plan a series of meetings"):
            for start in occurrences(rule, first, count):
                meeting_id = self.plan_meeting(
                    forum_id,
                    start,
                    minutes=rule.minutes,
                    venue=venue,
                    link=link,
                    marking=marking,
                    series_id=series,
                ).value
                ids.append(meeting_id)
        return self.store.outcome(ids, MEETINGS_CHANGED)

    def cancel(self, meeting_id: int) -> Outcome[None]:
        """Cancel one meeting (one occurrence of a series); the others are untouched."""
        meeting = self.meeting(meeting_id)
        if meeting.status is not MeetingStatus.PLANNED:
            raise ValidationError("only a planned meeting can be cancelled", "status")
        with self.store.transaction("Cancel meeting"):
            self.repos.meetings.update(meeting_id, status=MeetingStatus.CANCELLED)
        return self.store.outcome(None, MEETINGS_CHANGED)

    def move(self, meeting_id: int, starts_at: datetime, *, venue: str | None = None) -> Outcome[None]:
        """Move one meeting to another time, keeping its length; the rest of its series stays put.

        A held meeting whose minutes are not yet agreed can be moved too (to correct a wrong date, issue 15
        item 7), but not into the future."""
        meeting = self.meeting(meeting_id)
        if meeting.status is MeetingStatus.CANCELLED:
            raise ValidationError("a cancelled meeting cannot be moved", "status")
        if meeting.status is MeetingStatus.HELD:
            self._unlocked(meeting_id)
            if starts_at.date() > self.today():
                raise ValidationError("a meeting that has been held cannot be dated in the future", "starts_at")
        length = (meeting.ends_at - meeting.starts_at) if meeting.ends_at else timedelta(hours=2)
        fields: dict[str, object] = {
            "starts_at": starts_at.isoformat(timespec="minutes"),
            "ends_at": starts_at + length,
        }
        if venue is not None:
            fields["venue"] = optional_text(venue)
        with self.store.transaction("Move meeting"):
            self.repos.meetings.update(meeting_id, **fields)
        return self.store.outcome(None, MEETINGS_CHANGED)

    def edit_meeting(self, meeting_id: int, patch: MeetingPatch) -> Outcome[None]:
        """Change venue, link, title or marking of a meeting whose minutes are not locked."""
        meeting = self._unlocked(meeting_id)
        fields = patch.given()
        if isinstance(patch.marking, str):
            marking = Marking(patch.marking)
            if marking.rank < self.forum(meeting.forum_id).marking.rank:
                raise ValidationError("a meeting cannot be marked lower than its forum", "marking")
            fields["marking"] = marking
        with self.store.transaction("Edit meeting"):
            clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
            self.repos.meetings.update(meeting_id, **clean)
        return self.store.outcome(None, MEETINGS_CHANGED)

    # -- the template ------------------------------------------------------------------------------------
    def set_template(self, forum_id: int, items: Sequence[TemplateItem]) -> Outcome[None]:
        self.forum(forum_id)
        for item in items:
            required_text(item.title, "A standing item's title", "title")
        with self.store.transaction("Change the agenda template"):
            self.repos.cycle.set_template(forum_id, items)
        return self.store.outcome(None, Changes(forums=True))

    def apply_template(self, meeting_id: int) -> Outcome[None]:
        """Add the forum's standing items to a meeting that has no agenda yet."""
        meeting = self._unlocked(meeting_id)
        if self.repos.meetings.items(meeting_id):
            raise ValidationError("this meeting already has an agenda", "agenda")
        with self.store.transaction("Apply the agenda template"):
            self._apply_template(meeting_id, self.template(meeting.forum_id))
        return self.store.outcome(None, AGENDA_CHANGED)

    def _apply_template(self, meeting_id: int, template: Sequence[TemplateItem]) -> None:
        for position, item in enumerate(agenda.items_to_apply(template)):
            self.repos.meetings.add_item(
                meeting_id,
                item.title,
                position,
                kind=item.kind,
                purpose=item.purpose,
                minutes_allowed=item.minutes_allowed,
                presenter=item.presenter,
            )

    # -- agenda editing -----------------------------------------------------------------------------------
    def add_item(
        self,
        meeting_id: int,
        title: str,
        *,
        parent_id: int | None = None,
        purpose: AgendaPurpose = AgendaPurpose.DISCUSSION,
        presenter: str = "",
        minutes_allowed: int = 10,
        aim_codes: Sequence[str] = (),
    ) -> Outcome[int]:
        """New business goes before AOB and the next meeting's date; a sub-item goes last under its parent."""
        self._unlocked(meeting_id)
        clean = required_text(title, "The item's title", "title")
        _check_minutes(minutes_allowed)
        aim_ids = self._aim_ids(aim_codes)
        items = self.repos.meetings.items(meeting_id)
        with self.store.transaction("Add an agenda item"):
            if parent_id is not None:
                if not any(i.id == parent_id and i.parent_id is None for i in items):
                    raise ValidationError("a sub-item's parent must be a top-level item of this meeting", "parent")
                siblings = [i for i in items if i.parent_id == parent_id]
                position = max((i.position for i in siblings), default=-1) + 1
            else:
                position = agenda.insert_position(items)
                self.repos.cycle.set_positions(meeting_id, _insert(_top_ids(items), position, None))
            item_id = self.repos.meetings.add_item(
                meeting_id,
                clean,
                position,
                parent_id=parent_id,
                purpose=purpose,
                presenter=optional_text(presenter),
                minutes_allowed=minutes_allowed,
            )
            self.repos.meetings.set_item_aims(item_id, aim_ids)
            self.store.audit("agenda_item", item_id, "create", "title", None, clean)
        return self.store.outcome(item_id, AGENDA_CHANGED)

    def edit_item(
        self, item_id: int, patch: AgendaItemPatch = NO_ITEM_CHANGE, *, aim_codes: Sequence[str] | None = None
    ) -> Outcome[None]:
        item = self.item(item_id)
        self._unlocked(item.meeting_id)
        values: dict[str, object] = {}
        if isinstance(patch.title, str):
            values["title"] = required_text(patch.title, "The item's title", "title")
        if isinstance(patch.presenter, str):
            values["presenter"] = optional_text(patch.presenter)
        if isinstance(patch.purpose, str):
            values["purpose"] = AgendaPurpose(patch.purpose)
        if isinstance(patch.minutes_allowed, int):
            _check_minutes(patch.minutes_allowed)
            values["minutes_allowed"] = patch.minutes_allowed
        aim_ids = None if aim_codes is None else self._aim_ids(aim_codes)
        with self.store.transaction("Edit agenda item"):
            self.repos.meetings.update_item(item_id, **values)
            if aim_ids is not None:
                self.repos.meetings.set_item_aims(item_id, aim_ids)
                self.store.audit("agenda_item", item_id, "update", "aims", None, " ".join(aim_codes or ()))
        return self.store.outcome(None, AGENDA_CHANGED)

    def remove_item(self, item_id: int) -> Outcome[None]:
        item = self.item(item_id)
        self._unlocked(item.meeting_id)
        if self.repos.cycle.item_has_records(item_id):
            raise ValidationError("this item has decisions or actions recorded under it: move them first", "item")
        with self.store.transaction("Remove agenda item"):
            self.repos.meetings.delete_item(item_id)
        return self.store.outcome(None, AGENDA_CHANGED)

    def move_item(self, item_id: int, delta: int) -> Outcome[None]:
        """Move an item up (negative) or down among its siblings: the keyboard's Ctrl+Up / Ctrl+Down."""
        item = self.item(item_id)
        siblings = [i.id for i in self.items(item.meeting_id) if i.parent_id == item.parent_id]
        return self.reorder(item.meeting_id, agenda.moved(siblings, item_id, delta), parent_id=item.parent_id)

    def reorder(
        self, meeting_id: int, item_ids: Sequence[int], *, parent_id: int | None = None
    ) -> Outcome[None]:
        """Put the top-level items (or one item's sub-items) in this order: the drag and drop."""
        self._unlocked(meeting_id)
        siblings = {i.id for i in self.repos.meetings.items(meeting_id) if i.parent_id == parent_id}
        if set(item_ids) != siblings or len(item_ids) != len(siblings):
            raise ValidationError("the new order must name each item once", "order")
        with self.store.transaction("Reorder the agenda"):
            self.repos.cycle.set_positions(meeting_id, list(item_ids))
            self.store.audit("meeting", meeting_id, "update", "agenda_order", None, " ".join(map(str, item_ids)))
        return self.store.outcome(None, AGENDA_CHANGED)

    # -- after the meeting --------------------------------------------------------------------------------
    def close(self, meeting_id: int, ended_at: datetime | None = None) -> Outcome[None]:
        """The meeting has been held: its minutes become a draft and the matters arising are frozen."""
        meeting = self.meeting(meeting_id)
        if meeting.status is MeetingStatus.CANCELLED:
            raise ValidationError("a cancelled meeting cannot be closed", "status")
        if meeting.minutes_status is not MinutesStatus.NONE:
            raise ValidationError("this meeting has already been closed", "status")
        arising = self.minutes.compute_matters_arising(meeting)
        fields: dict[str, object] = {"status": MeetingStatus.HELD, "minutes_status": MinutesStatus.DRAFT}
        if ended_at is not None:
            fields["ends_at"] = ended_at
        with self.store.transaction("Close meeting"):
            self.repos.meetings.update(meeting_id, **fields)
            self.repos.cycle.save_snapshot(meeting_id, arising)
            self.store.audit("meeting", meeting_id, "close", "minutes_status", "none", "draft")
        return self.store.outcome(None, MEETINGS_CHANGED | Changes(minutes=True))

    def mark_circulated(self, meeting_id: int) -> Outcome[None]:
        meeting = self.meeting(meeting_id)
        if meeting.minutes_status is not MinutesStatus.DRAFT:
            raise ValidationError(f"only draft minutes can be circulated (these are {meeting.minutes_status.label})")
        with self.store.transaction("Circulate the minutes"):
            self.repos.meetings.update(meeting_id, minutes_status=MinutesStatus.CIRCULATED)
        return self.store.outcome(None, Changes(meetings=True, minutes=True))

    def agree(self, meeting_id: int, amendments: str = "", on: date | None = None) -> Outcome[None]:
        """Agreed as a correct record (with any amendments noted): the minutes are locked from now on."""
        meeting = self.meeting(meeting_id)
        if meeting.minutes_status not in (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED):
            raise ValidationError(f"these minutes cannot be agreed (they are {meeting.minutes_status.label})")
        agreed_on = on or self.today()
        if agreed_on < meeting.starts_at.date():
            raise ValidationError("minutes cannot be agreed before the meeting was held", "on")
        with self.store.transaction("Agree the minutes"):
            self.repos.meetings.update(
                meeting_id,
                minutes_status=MinutesStatus.AGREED,
                agreed_on=agreed_on,
                amendments=optional_text(amendments),
            )
        return self.store.outcome(None, Changes(meetings=True, minutes=True))

    def _unlocked(self, meeting_id: int) -> Meeting:
        meeting = self.meeting(meeting_id)
        if meeting.minutes_status is MinutesStatus.AGREED:
            raise LockedMinutesError(
                f"the minutes of {meeting.starts_at:%d/%m/%Y} were agreed as a correct record on "
                f"{meeting.agreed_on:%d/%m/%Y}: record an amendment instead"
                if meeting.agreed_on
                else "these minutes are agreed and locked: record an amendment instead"
            )
        return meeting

    def _aim_ids(self, codes: Sequence[str]) -> list[int]:
        ids = []
        for code in codes:
            aim = self.repos.strategy.aim_by_code(code.strip())
            if aim is None:
                raise ValidationError(f"there is no aim {code.strip()!r} in the strategy", "aims")
            ids.append(aim.id)
        return ids


def _check_minutes(minutes: int) -> None:
    if not 0 <= minutes <= 600:
        raise ValidationError("the minutes allowed must be between 0 and 600", "minutes_allowed")


def _top_ids(items: Sequence[AgendaItem]) -> list[int | None]:
    return [i.id for i in agenda.display_order(items) if i.parent_id is None]


def _insert(ids: list[int | None], position: int, item_id: int | None) -> list[int | None]:
    return [*ids[:position], item_id, *ids[position:]]
