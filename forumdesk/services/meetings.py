"""Meetings: planning and reading. The meeting cycle (agenda, attendance, minutes) builds on this."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.enums import Marking, MeetingStatus
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import AgendaItem, Attendance, Decision, Meeting
from forumdesk.services.base import Service, found


class MeetingService(Service):
    def meetings(
        self, forum_id: int | None = None, since: date | None = None, until: date | None = None
    ) -> list[Meeting]:
        return self.repos.meetings.meetings(
            forum_id, None if since is None else since.isoformat(), None if until is None else until.isoformat()
        )

    def meeting(self, meeting_id: int) -> Meeting:
        return found(self.repos.meetings.meeting(meeting_id), "meeting", meeting_id)

    def upcoming(self, days: int = 60) -> list[Meeting]:
        today = self.today()
        return [
            m for m in self.meetings(since=today, until=today + timedelta(days=days))
            if m.status is MeetingStatus.PLANNED
        ]

    def awaiting_approval(self) -> list[Meeting]:
        return self.repos.meetings.awaiting_approval()

    def items(self, meeting_id: int) -> list[AgendaItem]:
        return self.repos.meetings.items(meeting_id)

    def attendance(self, meeting_id: int) -> list[Attendance]:
        return self.repos.meetings.attendance(meeting_id)

    def decisions(self, meeting_id: int) -> list[Decision]:
        return self.repos.meetings.decisions(meeting_id)

    def next_meeting_date(self, forum_id: int, after: date | None = None) -> date | None:
        start = after or self.today()
        meeting = self.repos.meetings.next_planned(forum_id, datetime.combine(start, datetime.max.time()).isoformat())
        return None if meeting is None else meeting.starts_at.date()

    def schedule(
        self,
        forum_id: int,
        starts_at: datetime,
        *,
        ends_at: datetime | None = None,
        venue: str = "",
        link: str = "",
        marking: Marking | None = None,
        title: str = "",
    ) -> Outcome[int]:
        forum = self.repos.forums.forum(forum_id)
        if forum is None:
            raise ValidationError(f"there is no forum with id {forum_id}", "forum")
        if ends_at is not None and ends_at <= starts_at:
            raise ValidationError("the meeting must end after it starts", "ends_at")
        with self.store.transaction("New meeting"):
            meeting_id = self.repos.meetings.add(
                forum_id,
                starts_at.isoformat(timespec="minutes"),
                ends_at=ends_at,
                venue=venue.strip(),
                link=link.strip(),
                marking=marking or forum.marking,
                title=title.strip(),
            )
        return self.store.outcome(meeting_id, Changes(meetings=True))
