"""Meetings as an iCalendar file (``icalendar``): stable UIDs, DTSTAMP, Europe/London times, the agenda inside.

A meeting's UID depends only on its id and its forum's, so importing a newer export updates the calendar
entries instead of duplicating them; SEQUENCE and LAST-MODIFIED tell clients which copy is newer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from forumdesk.domain.enums import Marking, MeetingStatus
from forumdesk.domain.model import AgendaItem, Meeting
from forumdesk.export.files import atomic_output
from forumdesk.export.text import xml_safe

LONDON = ZoneInfo("Europe/London")
DEFAULT_LENGTH = timedelta(hours=2)


def published_calendar(name: str) -> Calendar:
    """An empty calendar as ForumDesk publishes one (METHOD:PUBLISH: a subscriber's copy is replaced, entries
    matched by UID), named ``name`` in the reader's calendar list."""
    cal = Calendar()
    cal.add("prodid", "-//ForumDesk//Partnership forums//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def meeting_uid(meeting: Meeting) -> str:
    return f"forumdesk-meeting-{meeting.forum_id}-{meeting.id}@forumdesk.local"


def agenda_text(items: Sequence[AgendaItem]) -> str:
    top = [i for i in items if i.parent_id is None]
    lines = []
    for number, item in enumerate(top, start=1):
        lead = f" ({item.presenter})" if item.presenter else ""
        lines.append(f"{number}. {item.title}{lead}")
        lines += [f"   - {c.title}" for c in items if c.parent_id == item.id]
    return "\n".join(lines)


def meeting_event(meeting: Meeting, agenda: Sequence[AgendaItem], stamp: datetime, marking: Marking) -> Event:
    event = Event()
    start = meeting.starts_at.replace(tzinfo=LONDON)
    end = (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).replace(tzinfo=LONDON)
    summary = meeting.forum_name + (f": {meeting.title}" if meeting.title else "")
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", int(stamp.timestamp()) // 60 % 2_000_000_000)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", xml_safe(summary))
    if meeting.venue or meeting.link:
        event.add("location", xml_safe(meeting.venue or meeting.link))
    parts = [f"Marking: {marking.value}"]
    if meeting.link:
        parts.append(f"Join: {meeting.link}")
    if agenda:
        parts += ["", "Agenda", agenda_text(agenda)]
    event.add("description", xml_safe("\n".join(parts)))
    event.add("class", "CONFIDENTIAL" if marking is Marking.OFFICIAL_SENSITIVE else "PRIVATE")
    event.add("status", "CANCELLED" if meeting.status is MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def export_calendar_ics(
    target: str | Path,
    meetings: Sequence[Meeting],
    agendas: Mapping[int, Sequence[AgendaItem]],
    markings: Mapping[int, Marking],
    name: str = "ForumDesk meetings",
    stamp: datetime | None = None,
) -> None:
    """One VEVENT per meeting; ``agendas`` and ``markings`` are keyed by meeting id."""
    now = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = published_calendar(xml_safe(name))
    cal.add("x-wr-timezone", "Europe/London")
    for meeting in meetings:
        marking = markings.get(meeting.id, meeting.marking)
        cal.add_component(meeting_event(meeting, agendas.get(meeting.id, ()), now, marking))
    cal.add_missing_timezones()
    with atomic_output(target) as temp:
        temp.write_bytes(cal.to_ical())
