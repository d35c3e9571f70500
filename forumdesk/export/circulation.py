"""The words of a circulation e-mail (agenda and papers, draft minutes, action log) to a forum's members.

Subjects carry the marking first (``export.mail.subject_line``), then the forum and what is attached:
``OFFICIAL-SENSITIVE: Harlow Community Safety Partnership – draft minutes of 12/11/2026``.
"""

from __future__ import annotations

from datetime import date

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import Marking, MinutesStatus
from forumdesk.domain.model import Forum, Meeting
from forumdesk.export.mail import html_page, paragraph, subject_line, text_page


def _minutes_word(meeting: Meeting) -> str:
    return "minutes" if meeting.minutes_status is MinutesStatus.AGREED else "draft minutes"


def _when(meeting: Meeting) -> str:
    return f"{format_uk_date(meeting.starts_at.date())} at {meeting.starts_at:%H:%M}"


def circulation_subject(what: str, marking: Marking, forum: Forum, meeting: Meeting, today: date) -> str:
    """``what`` is a ``Circulation`` value: agenda, minutes or actions."""
    on = format_uk_date(meeting.starts_at.date())
    if what == "agenda":
        text = f"{forum.name} – agenda and papers for {on}"
    elif what == "minutes":
        text = f"{forum.name} – {_minutes_word(meeting)} of {on}"
    else:
        text = f"{forum.name} – action log at {format_uk_date(today)}"
    return subject_line(marking, text)


def circulation_lines(what: str, forum: Forum, meeting: Meeting, signed: str) -> list[str]:
    """The paragraphs of the message, as plain text."""
    if what == "agenda":
        where = f", {meeting.venue}" if meeting.venue else ""
        lines = [f"Please find attached the agenda and papers for the meeting of {forum.name} on {_when(meeting)}"
                 f"{where}."]
        if meeting.link:
            lines.append(f"To join online: {meeting.link}")
        lines.append("If you cannot attend, please send your apologies and the name of your deputy.")
    elif what == "minutes":
        word = _minutes_word(meeting)
        lines = [f"Please find attached the {word} of the meeting of {forum.name} held on "
                 f"{format_uk_date(meeting.starts_at.date())}."]
        if word == "draft minutes":
            lines.append("Please send any corrections before the next meeting, where they will be agreed.")
    else:
        lines = [f"Please find attached the action log of {forum.name}, as a PDF and as a spreadsheet.",
                 "Please send an update on each action you own."]
    return ["Dear members,", *lines, "Kind regards," + (f"\n{signed}" if signed.strip() else "")]


def circulation_bodies(what: str, marking: Marking, forum: Forum, meeting: Meeting, signed: str) -> tuple[str, str]:
    """The plain-text and HTML bodies (every value escaped in the HTML)."""
    lines = circulation_lines(what, forum, meeting, signed)
    return text_page(marking, lines), html_page(marking, [paragraph(line) for line in lines])
