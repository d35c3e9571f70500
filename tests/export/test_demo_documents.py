"""The minutes and board pack of the demo's held meetings all export (issue 15, item 9).

Before the fix about one meeting in nine failed with reportlab's LayoutError: an item with 25+ actions was laid
out as one table cell taller than a page. The database is made by ``forumdesk demo`` (the CLI's ``main``) and
every file is written through ``ExportService`` and read back with pypdf.

The normal run exports the meetings that raised the most actions (the ones that failed). Every held meeting of
``forumdesk demo`` and of ``forumdesk demo --actions 20000`` is exported when ``FORUMDESK_TEST_ALL_DEMO=1``
(marked slow: on the 2-core shared machine 2 to 4 minutes for the 150 held meetings of ``demo`` and 14 to 18 for the
234 of ``demo --actions 20000``).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from export.conftest import squash
from forumdesk.cli import main
from forumdesk.domain.enums import MeetingStatus
from forumdesk.domain.model import Meeting
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services


def _demo(tmp_path: Path, *args: str) -> Services:
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), *args]) == 0
    return open_services(path)


def _held(services: Services) -> list[Meeting]:
    return [m for m in services.meetings.meetings() if m.status is MeetingStatus.HELD]


def _export_both(services: Services, meeting: Meeting, folder: Path) -> None:
    minutes, pack = folder / f"minutes-{meeting.id}.pdf", folder / f"pack-{meeting.id}.pdf"
    services.exports.export_minutes(meeting.id, minutes)
    services.exports.export_board_pack(meeting.id, pack)
    text = squash("".join(page.extract_text() for page in PdfReader(str(minutes)).pages))
    assert squash(services.forums.forum(meeting.forum_id).name) in text
    for action in services.actions.list(ActionQuery(meeting_id=meeting.id)):
        assert action.ref in text, f"{action.ref} missing from the minutes of meeting {meeting.id}"
    assert len(PdfReader(str(pack)).outline) == 4
    minutes.unlink()
    pack.unlink()


def test_the_demo_meetings_with_the_most_actions_export(tmp_path: Path) -> None:
    services = _demo(tmp_path)
    try:
        raised = Counter(a.meeting_id for a in services.actions.list(ActionQuery()))
        busiest = sorted(_held(services), key=lambda m: raised[m.id], reverse=True)[:4]
        assert raised[busiest[0].id] >= 25  # the shape that failed: one item with 25+ actions
        for meeting in busiest:
            _export_both(services, meeting, tmp_path)
    finally:
        services.close()


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("FORUMDESK_TEST_ALL_DEMO") != "1",
                    reason="set FORUMDESK_TEST_ALL_DEMO=1 (every held demo meeting: 2 to 20 minutes)")
@pytest.mark.parametrize("args", [(), ("--actions", "20000")], ids=["demo", "demo-20000"])
def test_every_held_demo_meeting_exports(tmp_path: Path, args: tuple[str, ...]) -> None:
    services = _demo(tmp_path, *args)
    try:
        held = _held(services)
        assert len(held) >= 100
        for meeting in held:
            _export_both(services, meeting, tmp_path)
    finally:
        services.close()
