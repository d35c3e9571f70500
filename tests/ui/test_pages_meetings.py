"""The Meetings page on a real temp database: meetings grouped by month with UK dates and 24-hour times,
the forum and period filters, opening a meeting, and planning one (Ctrl+N) with its one-line errors."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from forumdesk.domain.changes import Changes
from forumdesk.domain.enums import MinutesStatus
from forumdesk.ui.dialogs.meeting_dialog import PlanMeetingDialog, parse_time
from forumdesk.ui.pages.meetings import MEETING_ROLE, MeetingsPage


@pytest.fixture
def forums(ui_ctx: Any) -> dict[str, int]:
    services = ui_ctx.services
    board = services.forums.find("Southend Essex Thurrock Domestic Abuse Board").id
    raptor = services.forums.find("Operation Raptor").id
    schedule = services.meetings.schedule
    schedule(board, datetime(2026, 10, 6, 9, 30), venue="Council Chamber, Town Hall")
    held = schedule(board, datetime(2026, 11, 17, 14, 0), venue="Committee Room 1").value
    services.repos.meetings.update(held, status="held", minutes_status="circulated")  # as the meeting cycle does
    schedule(raptor, datetime(2026, 12, 8, 10, 0), link="https://teams.example/raptor", title="Extraordinary")
    return {"board": board, "raptor": raptor, "held": held}


@pytest.fixture
def page(qtbot: Any, ui_ctx: Any, forums: dict[str, int]) -> MeetingsPage:
    widget = MeetingsPage(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def _months(page: MeetingsPage) -> list[str]:
    return [page.model.item(row).text() for row in range(page.model.rowCount())]


def _rows(page: MeetingsPage) -> list[list[str]]:
    rows = []
    for month in range(page.model.rowCount()):
        parent = page.model.index(month, 0)
        for row in range(page.model.rowCount(parent)):
            rows.append([page.model.index(row, c, parent).data() for c in range(page.model.columnCount())])
    return rows


def test_meetings_are_grouped_by_month_with_uk_dates(page: MeetingsPage) -> None:
    assert _months(page) == ["October 2026 (1 meeting)", "November 2026 (1 meeting)", "December 2026 (1 meeting)"]
    assert _rows(page) == [
        ["06/10/2026 09:30", "Southend Essex Thurrock Domestic Abuse Board", "Council Chamber, Town Hall",
         "Planned", "–"],
        ["17/11/2026 14:00", "Southend Essex Thurrock Domestic Abuse Board", "Committee Room 1", "Held",
         "Circulated"],
        ["08/12/2026 10:00", "Operation Raptor — Extraordinary", "https://teams.example/raptor", "Planned", "–"],
    ]
    assert page.count_label.text() == "3 meetings: 1 still to come, 1 with minutes awaiting approval."


def test_filters_by_forum_and_by_period(page: MeetingsPage, forums: dict[str, int]) -> None:
    page.show_filtered(forum_id=forums["raptor"])
    assert page.forum.currentText() == "Operation Raptor"
    assert [r[0] for r in _rows(page)] == ["08/12/2026 10:00"]
    page.forum.setCurrentIndex(0)
    page.period.setCurrentText("From this month on")
    assert [r[0] for r in _rows(page)] == ["17/11/2026 14:00", "08/12/2026 10:00"]
    page.period.setCurrentText("Past meetings")
    assert [r[0] for r in _rows(page)] == ["06/10/2026 09:30", "17/11/2026 14:00"]
    page.show_filtered(awaiting_approval=True)
    assert [r[4] for r in _rows(page)] == [MinutesStatus.CIRCULATED.label]
    page.show_filtered(upcoming=True)  # the dashboard's "meetings coming up"
    assert [r[0] for r in _rows(page)] == ["08/12/2026 10:00"]


def test_double_click_opens_the_meeting(qtbot: Any, page: MeetingsPage, ui_ctx: Any, forums: dict[str, int]) -> None:
    november = page.model.index(1, 0)
    index = page.model.index(0, 1, november)
    page.tree.scrollTo(index)
    centre = page.tree.visualRect(index).center()
    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == ["meeting", {"meeting_id": forums["held"]}]
    assert index.data(MEETING_ROLE) == forums["held"]


def test_ctrl_n_plans_a_meeting_and_refuses_a_bad_time(
    qtbot: Any, page: MeetingsPage, ui_ctx: Any, forums: dict[str, int]
) -> None:
    page.show_filtered(forum_id=forums["raptor"])
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in page.findChildren(PlanMeetingDialog) if d.isVisible())
    assert dialog.forum.currentText() == "Operation Raptor"
    dialog.day.setText("12/01/2027")
    dialog.starts.setText("25:00")
    dialog.accept()
    assert dialog.error_text() == "'25:00' is not a time: use the 24-hour clock, e.g. 14:30"
    assert len(ui_ctx.services.meetings.meetings(forum_id=forums["raptor"])) == 1

    dialog.starts.setText("14:30")
    dialog.venue.setText("Essex Police HQ, Chelmsford")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    planned = ui_ctx.services.meetings.meetings(forum_id=forums["raptor"])
    assert [m.starts_at for m in planned] == [datetime(2026, 12, 8, 10, 0), datetime(2027, 1, 12, 14, 30)]
    qtbot.waitUntil(lambda: "January 2027 (1 meeting)" in _months(page))
    assert page.tree.currentIndex().data(MEETING_ROLE) == planned[1].id


def test_reloads_on_meeting_changes_only(page: MeetingsPage, ui_ctx: Any, monkeypatch: Any) -> None:
    calls: list[int] = []
    monkeypatch.setattr(page, "reload", lambda: calls.append(1))
    ui_ctx.apply(Changes(actions=True))
    assert calls == []
    ui_ctx.apply(Changes(meetings=True))
    assert calls == [1]


@pytest.mark.parametrize(("text", "expected"), [("14:30", (14, 30)), ("0930", (9, 30)), ("9.05", (9, 5))])
def test_times_are_read_on_the_24_hour_clock(text: str, expected: tuple[int, int]) -> None:
    parsed = parse_time(text)
    assert (parsed.hour, parsed.minute) == expected


def test_an_empty_list_says_so(qtbot: Any, ui_ctx: Any) -> None:
    widget = MeetingsPage(ui_ctx)
    qtbot.addWidget(widget)
    assert widget.model.rowCount(QModelIndex()) == 0
    assert widget.count_label.text() == "No meetings here yet: plan one with Ctrl+N."


def test_every_control_reached_by_tab_has_an_accessible_name(page: MeetingsPage) -> None:
    from PySide6.QtWidgets import QTabBar, QWidget

    unnamed = [
        type(w).__name__ for w in page.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.accessibleName()
        and not isinstance(w, QTabBar)  # a tab bar is read by its tabs' own texts
    ]
    assert unnamed == []
