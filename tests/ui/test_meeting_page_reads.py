"""The meeting page works from one read of its meeting (``services.meeting_views.meeting_view``, issue 13):
its dialogs open from what it read instead of reading the meeting again on the GUI thread.

SQLite's trace callback on the GUI's connection counts the statements that read the ``meetings`` table.
Before the change, opening the page read it 8 times and opening its five dialogs 5 more.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from forumdesk.services import Services, open_services
from forumdesk.ui.pages.meeting import MeetingPage
from forumdesk.ui.shell.context import AppContext
from tests.conftest import TODAY
from tests.ui.test_live_minutes import plan_room


@pytest.fixture
def opened(db_path: Path, qtbot: QtBot) -> Iterator[tuple[MeetingPage, Services, int, list[str]]]:
    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    ctx = AppContext(services)
    widget = MeetingPage(ctx)
    qtbot.addWidget(widget)
    statements: list[str] = []
    services.store.conn.set_trace_callback(statements.append)
    yield widget, services, meeting_id, statements
    services.store.conn.set_trace_callback(None)
    ctx.close()
    services.close()


def _meeting_reads(statements: list[str]) -> int:
    return sum(1 for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM MEETINGS" in s.upper())


def test_opening_the_page_reads_the_meeting_once_for_its_header(
    opened: tuple[MeetingPage, Services, int, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    widget, services, meeting_id, statements = opened
    views: list[int] = []
    original = services.meeting_views.meeting_view
    monkeypatch.setattr(services.meeting_views, "meeting_view", lambda m: views.append(m) or original(m))
    widget.show_filtered(meeting_id=meeting_id)
    assert views == [meeting_id]
    assert widget.view is not None and widget.view.meeting.id == meeting_id
    assert widget.heading.text().startswith(widget.view.meeting.forum_name)
    assert _meeting_reads(statements) <= 5  # the header once; the agenda, attendance and matters panels their own


def _reads_of_one_meeting(statements: list[str]) -> int:
    """Reads of a meeting by its id (the page's own meeting again), not of a list of meetings to choose from."""
    return sum(1 for s in statements if "FROM MEETINGS" in s.upper() and "M.ID = " in s.upper())


def test_the_pages_dialogs_open_without_reading_the_meeting_again(
    opened: tuple[MeetingPage, Services, int, list[str]],
) -> None:
    widget, _services, meeting_id, statements = opened
    widget.show_filtered(meeting_id=meeting_id)
    statements.clear()
    for ask in (widget.ask_details, widget.ask_move, widget.ask_series, widget.ask_agree):
        ask()
        assert widget.dialog is not None
        widget.dialog.reject()
    assert _meeting_reads(statements) == 0
    # The export dialog lists every meeting (to export the minutes of any one, issue 15 item 12): a list read
    # for its chooser, but it does not read this meeting again either.
    widget.ask_export()
    assert widget.dialog is not None
    widget.dialog.reject()
    assert _reads_of_one_meeting(statements) == 0


def test_a_meeting_deleted_meanwhile_says_so_and_keeps_the_page_usable(
    opened: tuple[MeetingPage, Services, int, list[str]],
) -> None:
    widget, _services, meeting_id, _statements = opened
    widget.show_filtered(meeting_id=meeting_id + 1000)
    assert widget.heading.text() == "Meeting not found"
    assert widget.view is None and not widget.live_button.isEnabled() and not widget.details_button.isEnabled()
    widget.ask_details()  # nothing to edit: nothing opens
    assert widget.dialog is None
