"""Read queries that give a meeting's screens what they show in one call each.

``meeting_view`` is everything the meeting page's header and buttons need (the meeting, its forum and the
live quorum); ``captured`` is what the live minutes window lists under the current agenda item (the
decisions and the actions recorded at it). The services they draw on are wired by ``Services``.
"""

from __future__ import annotations

from dataclasses import dataclass

from forumdesk.domain.model import Action, Decision, Forum, Meeting
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.domain.quorum import QuorumResult, assess_quorum
from forumdesk.services.actions import ActionService
from forumdesk.services.meeting_cycle import MeetingCycleService
from forumdesk.services.meeting_room import MeetingRoomService


@dataclass(frozen=True, slots=True)
class MeetingView:
    """One meeting as its page shows it."""

    meeting: Meeting
    forum: Forum
    quorum: QuorumResult


@dataclass(frozen=True, slots=True)
class Captured:
    """The decisions and actions recorded at one agenda item, actions in reference order."""

    decisions: list[Decision]
    actions: list[Action]


class MeetingViewService:
    def __init__(self, cycle: MeetingCycleService, room: MeetingRoomService, actions: ActionService) -> None:
        self.cycle = cycle
        self.room = room
        self.actions = actions

    def meeting_view(self, meeting_id: int) -> MeetingView:
        """The meeting, its forum and its quorum as recorded so far; ``NotFoundError`` when it is not there."""
        meeting = self.cycle.meeting(meeting_id)
        forum = self.cycle.forum(meeting.forum_id)
        return MeetingView(meeting, forum, assess_quorum(forum.quorum, self.room.attendance(meeting_id)))

    def captured(self, meeting_id: int, item_id: int | None) -> Captured:
        """What was recorded at agenda item ``item_id`` of the meeting: its decisions and the actions raised."""
        decisions = [d for d in self.room.decisions(meeting_id) if d.agenda_item_id == item_id]
        raised = self.actions.list(ActionQuery(meeting_id=meeting_id, sort=ActionSort.REF))
        return Captured(decisions, [a for a in raised if a.agenda_item_id == item_id])
