"""The content of a meeting's minutes (``MinutesDocument``), built from the meeting cycle's records.

Matters arising are the forum's actions still open at the meeting, raised before it: each with its latest
update *as at the meeting's day* and its RAG on that day. When a meeting is closed here the table is frozen
(``matters_arising`` rows) so agreed minutes never change; a meeting recorded otherwise (imported, demo) is
worked out from the action history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from forumdesk.domain import agenda
from forumdesk.domain import minutes as doc
from forumdesk.domain.enums import ActionStatus, AttendanceStatus, MinutesStatus
from forumdesk.domain.model import Action, ActionUpdate, AgendaItem, Attendance, Meeting
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.domain.quorum import assess_quorum
from forumdesk.domain.rag import derive_rag
from forumdesk.services.base import Service, found

_WEEKDAY = "%A %d/%m/%Y %H:%M"


class MinutesContentService(Service):
    def document(self, meeting_id: int) -> doc.MinutesDocument:
        meeting = found(self.repos.meetings.meeting(meeting_id), "meeting", meeting_id)
        forum = self.repos.forums.forum(meeting.forum_id)
        assert forum is not None
        attendance = self.repos.meetings.attendance(meeting_id)
        quorum = assess_quorum(forum.quorum, attendance)
        items = agenda.numbered(self.repos.meetings.items(meeting_id))
        return doc.MinutesDocument(
            forum=forum,
            meeting=meeting,
            marking=meeting.marking if meeting.marking.rank >= forum.marking.rank else forum.marking,
            attendance=self._attendance(meeting_id, attendance, items),
            quorum_statement=quorum.statement,
            quorate=quorum.quorate,
            items=self._items(meeting_id, items),
            matters_arising=tuple(self.matters_arising(meeting)),
            status=meeting.minutes_status if meeting.minutes_status is not MinutesStatus.NONE else MinutesStatus.DRAFT,
            amendments=meeting.amendments,
            agreed_on=meeting.agreed_on,
            chair=self._name(forum.chair_id),
            secretary=self._name(forum.secretary_id),
            next_meeting=self._next_meeting(meeting),
            extra={"quorum": quorum.word, "quorum_short": quorum.short},
        )

    # -- matters arising ----------------------------------------------------------------------------------
    def matters_arising(self, meeting: Meeting) -> list[doc.MatterArising]:
        frozen = self.repos.cycle.snapshot(meeting.id)
        if frozen is not None:
            return frozen
        return [m for _, m in self.compute_matters_arising(meeting)]

    def compute_matters_arising(self, meeting: Meeting) -> list[tuple[int, doc.MatterArising]]:
        on = meeting.starts_at.date()
        ids = self.repos.cycle.arising_action_ids(
            meeting.forum_id, meeting.id, meeting.starts_at.isoformat(timespec="minutes")
        )
        updates = self.repos.cycle.updates_as_at(ids, on)
        return [(a.id, _arising(a, updates.get(a.id), on)) for a in self.repos.actions.by_ids(ids, on)]

    # -- the parts ----------------------------------------------------------------------------------------
    def _items(self, meeting_id: int, items: Sequence[AgendaItem]) -> tuple[doc.MinutesItem, ...]:
        decisions: dict[int | None, list[str]] = {}
        for decision in self.repos.meetings.decisions(meeting_id):
            decisions.setdefault(decision.agenda_item_id, []).append(decision.text)
        raised: dict[int | None, list[doc.ActionRaised]] = {}
        for chunk in self.repos.actions.iter_matching(_raised_at(meeting_id), self.today()):
            for action in chunk:
                raised.setdefault(action.agenda_item_id, []).append(
                    doc.ActionRaised(action.ref, action.description, _owner(action), action.due_date)
                )
        built: dict[int, doc.MinutesItem] = {}
        tops: list[int] = []
        for item in items:  # display order: each parent comes before its sub-items
            minutes_item = doc.MinutesItem(
                item.minute_ref,
                item.title,
                item.presenter,
                item.notes,
                tuple(decisions.get(item.id, ())),
                tuple(raised.get(item.id, ())),
            )
            if item.parent_id is not None and item.parent_id in built:
                parent = built[item.parent_id]
                built[item.parent_id] = _with_sub(parent, minutes_item)
            else:
                built[item.id] = minutes_item
                tops.append(item.id)
        return tuple(built[i] for i in tops)

    def _attendance(
        self, meeting_id: int, rows: Sequence[Attendance], items: Sequence[AgendaItem]
    ) -> tuple[doc.AgencyAttendance, ...]:
        meeting = self.repos.meetings.meeting(meeting_id)
        assert meeting is not None
        roles = {m.person_id: m.role for m in self.repos.forums.members(meeting.forum_id)}
        titles = {i.id: f"{i.minute_ref} {i.title}" for i in items}
        groups: dict[str, dict[str, list[doc.AttendeeLine]]] = {}
        for row in rows:
            if row.status is AttendanceStatus.ABSENT:
                continue
            line = doc.AttendeeLine(
                row.name,
                roles.get(row.person_id or -1, ""),
                row.deputy_for_name,
                titles.get(row.agenda_item_id or -1, ""),
            )
            key = {
                AttendanceStatus.PRESENT: "present",
                AttendanceStatus.DEPUTY: "deputies",
                AttendanceStatus.APOLOGIES: "apologies",
            }.get(row.status, "guests")
            groups.setdefault(row.organisation or "Other", {}).setdefault(key, []).append(line)
        return tuple(
            doc.AgencyAttendance(
                agency,
                tuple(parts.get("present", ())),
                tuple(parts.get("deputies", ())),
                tuple(parts.get("apologies", ())),
                tuple(parts.get("guests", ())),
            )
            for agency, parts in sorted(groups.items(), key=lambda kv: kv[0].lower())
        )

    def _name(self, person_id: int | None) -> str:
        person = None if person_id is None else self.repos.people.person(person_id)
        return "" if person is None else person.name

    def _next_meeting(self, meeting: Meeting) -> str:
        # the meeting that followed, held since or still planned: older minutes name the one after them
        nxt = self.repos.meetings.next_not_cancelled(meeting.forum_id, meeting.starts_at.isoformat(timespec="minutes"))
        if nxt is None:
            return ""
        place = nxt.venue or nxt.link
        return f"{nxt.starts_at.strftime(_WEEKDAY)}" + (f", {place}" if place else "")


def _arising(action: Action, update: ActionUpdate | None, on: date) -> doc.MatterArising:
    closed_by_then = not action.is_open and action.closed_on is not None and action.closed_on <= on
    if closed_by_then or action.is_open:
        status = action.status
    else:  # closed after the meeting: at the meeting it was still being worked on
        status = ActionStatus.IN_PROGRESS if update is not None else ActionStatus.OPEN
    rag = derive_rag(status, action.due_date, action.revised_due_date, on, action.rag_override)
    return doc.MatterArising(
        ref=action.ref,
        action=action.description,
        owner=_owner(action),
        latest_update=update.text if update else "",
        update_on=update.on if update else None,
        rag=rag,
        status=status.label,
        rag_overridden=action.rag_override is not None and status.is_open,
    )


def _owner(action: Action) -> str:
    if action.owner_name and action.owner_org:
        return f"{action.owner_name} ({action.owner_org})"
    return action.owner_name or action.owner_org


def _raised_at(meeting_id: int) -> ActionQuery:
    return ActionQuery(meeting_id=meeting_id, sort=ActionSort.REF)


def _with_sub(parent: doc.MinutesItem, sub: doc.MinutesItem) -> doc.MinutesItem:
    return replace(parent, sub_items=(*parent.sub_items, sub))
