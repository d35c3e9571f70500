"""Acceptance (issue 16): the Word minutes and agenda of EVERY meeting of the demo open in python-docx and say
what the records say.

For each meeting (held or not, cancelled ones left out as the Export dialog leaves them out) the minutes DOCX is
written through ``ExportService`` and read back: the forum, the date (dd/mm/yyyy), every attendee's name, every
item's title, every decision, and every action raised (ref, text, owner, due date); every section's headers and
footers carry the meeting's marking; DRAFT is in the header until the minutes are agreed and not after; only
named styles are used (Heading 1/2, the "ForumDesk Table" table style) and the language is en-GB. The agenda
DOCX of every meeting has each item's title and the marking.

The normal run sweeps the session's demo (``build_demo(actions=600)``: every meeting of it); the demo of
``forumdesk demo`` itself (3,000 actions) is swept too when ``FORUMDESK_TEST_ALL_DEMO=1`` (2 to 3 minutes).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from export.conftest import squash
from export.docx_read import all_paragraphs, body_text, header_text, headers_and_footers, languages, open_docx
from forumdesk.cli import main
from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import AttendanceStatus, MeetingStatus, MinutesStatus
from forumdesk.domain.model import Meeting
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services
from forumdesk.services.exports import ExportFormat

STYLES = {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Decision", "Quorum", "Note", "Normal",
          "Table Text"}


def _check_minutes(services: Services, meeting: Meeting, target: Path) -> None:
    result = services.exports.export_minutes(meeting.id, target, fmt=ExportFormat.DOCX)
    doc = open_docx(target)
    text = squash(body_text(doc))
    where = f"meeting {meeting.id}"
    assert squash(services.forums.forum(meeting.forum_id).name) in text, where
    assert format_uk_date(meeting.starts_at.date()) in text, where
    for row in services.meetings.attendance(meeting.id):
        if row.status is not AttendanceStatus.ABSENT:
            assert squash(row.name) in text, f"{row.name} missing from the minutes of {where}"
    for item in services.meetings.items(meeting.id):
        assert squash(item.title) in text, f"item {item.title!r} missing from {where}"
    for decision in services.meetings.decisions(meeting.id):
        assert squash(decision.text) in text, f"decision {decision.text!r} missing from {where}"
    for action in services.actions.list(ActionQuery(meeting_id=meeting.id)):
        for value in (action.ref, action.description, action.owner_name, format_uk_date(action.due_date)):
            assert squash(value) in text, f"{value!r} of {action.ref} missing from {where}"
    marking = services.exports.default_marking_for_meeting(meeting.id)
    assert result.marking is marking
    for section, part, words in headers_and_footers(doc):
        assert marking.value in words, f"{part} of section {section} of {where} lacks the marking"
    agreed = meeting.minutes_status is MinutesStatus.AGREED
    assert ("DRAFT" in header_text(doc)) is not agreed, where
    used = {p.style.name for p in all_paragraphs(doc)}
    assert {"Heading 1", "Title"} <= used <= STYLES, where
    assert not meeting_has_items(services, meeting) or "Heading 2" in used
    assert {t.style.name for t in doc.tables} == {"ForumDesk Table"}
    assert languages(doc) == {"en-GB"}


def meeting_has_items(services: Services, meeting: Meeting) -> bool:
    return bool(services.meetings.items(meeting.id))


def _check_agenda(services: Services, meeting: Meeting, target: Path) -> None:
    services.exports.export_agenda(meeting.id, target, fmt=ExportFormat.DOCX)
    doc = open_docx(target)
    text = squash(body_text(doc))
    assert format_uk_date(meeting.starts_at.date()) in text
    for item in services.meetings.items(meeting.id):
        assert squash(item.title) in text, f"item {item.title!r} missing from the agenda of meeting {meeting.id}"
    marking = services.exports.default_marking_for_meeting(meeting.id).value
    assert all(marking in words for _, _, words in headers_and_footers(doc))


def _sweep(services: Services, folder: Path) -> int:
    meetings = [m for m in services.meetings.meetings() if m.status is not MeetingStatus.CANCELLED]
    assert len(meetings) >= 100
    assert {m.minutes_status for m in meetings} >= {MinutesStatus.AGREED, MinutesStatus.CIRCULATED, MinutesStatus.NONE}
    for meeting in meetings:
        _check_minutes(services, meeting, folder / "minutes.docx")
        _check_agenda(services, meeting, folder / "agenda.docx")
    return len(meetings)


def test_every_demo_meeting_as_word(demo_copy: Path, tmp_path: Path) -> None:
    services = open_services(demo_copy)
    try:
        _sweep(services, tmp_path)
    finally:
        services.close()


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("FORUMDESK_TEST_ALL_DEMO") != "1",
                    reason="set FORUMDESK_TEST_ALL_DEMO=1 (every meeting of `forumdesk demo`: 2 to 3 minutes)")
def test_every_meeting_of_forumdesk_demo_as_word(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    services = open_services(path)
    try:
        _sweep(services, tmp_path)
    finally:
        services.close()
