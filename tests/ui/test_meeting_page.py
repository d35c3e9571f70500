"""The meeting page: agenda editing by keyboard and by drop, attendance with live quorum, matters arising
reviewed in place, and the minutes' life (close, circulate, agree, locked)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from forumdesk.domain.enums import MinutesStatus
from forumdesk.domain.errors import LockedMinutesError
from forumdesk.services import Services, open_services
from forumdesk.ui.pages.meeting import MeetingPage
from forumdesk.ui.shell.context import AppContext
from tests.conftest import TODAY
from tests.ui.test_live_minutes import START, plan_room


@pytest.fixture
def page(db_path: Path, qtbot: QtBot) -> Iterator[tuple[MeetingPage, Services, int]]:
    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    ctx = AppContext(services)
    widget = MeetingPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.show_filtered(meeting_id=meeting_id)
    yield widget, services, meeting_id
    ctx.close()
    services.close()


def titles(widget: MeetingPage) -> list[str]:
    return [f"{i.minute_ref} {i.title}" for i in widget.agenda.model.items()]


def test_agenda_is_edited_by_keyboard_and_by_drop(page: tuple[MeetingPage, Services, int], qtbot: QtBot) -> None:
    widget, services, meeting_id = page
    table = widget.agenda.table
    table.setFocus()
    assert titles(widget)[:2] == ["1 Welcome, introductions and apologies", "2 Declarations of interest"]
    QTest.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: titles(widget)[1] == "2 Welcome, introductions and apologies")
    assert widget.agenda.selected().title.startswith("Welcome")  # the moved item stays selected
    QTest.keyClick(table, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: widget.agenda.title.hasFocus() and widget.agenda.title.text() == "New item")
    QTest.keyClicks(widget.agenda.title, "Knife crime update")
    QTest.keyClick(widget.agenda.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(widget)[4] == "5 Knife crime update")  # typed over the selected default
    assert widget.agenda.model.data(widget.agenda.model.index(4, 5)) == (START + timedelta(minutes=42)).strftime(
        "%H:%M"
    )
    # drag "Any other business" (row 5) and drop it before row 0
    model = widget.agenda.model
    mime = model.mimeData([model.index(5, 0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    qtbot.waitUntil(lambda: titles(widget)[0] == "1 Any other business")
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(titles(widget)) == 6 and titles(widget)[0] == "1 Declarations of interest")
    assert next(i.title for i in services.cycle.items(meeting_id)) == "Declarations of interest"


def test_attendance_quorum_matters_arising_and_the_minutes_life(
    page: tuple[MeetingPage, Services, int], qtbot: QtBot
) -> None:
    widget, services, meeting_id = page
    forum_id = services.cycle.meeting(meeting_id).forum_id
    previous = services.cycle.plan_meeting(forum_id, START - timedelta(weeks=6)).value
    item = services.cycle.items(previous)[3].id
    services.room.raise_action(previous, item, "Map the hot-spots", "Ann Archer", "2 weeks")
    services.room.raise_action(previous, item, "Brief the schools", "Ben Baker", "2 weeks")
    widget.show_filtered(meeting_id=meeting_id)
    assert widget.matters.model.rowCount() == 2

    table = widget.attendance.table
    table.setFocus()
    for key in (Qt.Key.Key_P, Qt.Key.Key_P, Qt.Key.Key_P):  # each P moves on to the next person
        QTest.keyClick(table, key)
    qtbot.waitUntil(lambda: widget.attendance.quorum_label.text() == "Quorate: 3 agencies represented, 3 needed")
    QTest.keyClick(table, Qt.Key.Key_Up)  # back to Cara Cole
    QTest.keyClick(table, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: widget.attendance.quorum_label.text() == "Not quorate: 2 agencies represented, 3 needed")

    matters = widget.matters.table
    matters.setFocus()
    QTest.keyClick(matters, Qt.Key.Key_U)
    QTest.keyClicks(widget.matters.update_edit, "Map drafted")
    QTest.keyClick(widget.matters.update_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Map drafted" in widget.matters.model.data(widget.matters.model.index(0, 3)))
    QTest.keyClick(matters, Qt.Key.Key_Down)
    QTest.keyClick(matters, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: widget.matters.model.data(widget.matters.model.index(1, 5)) == "Complete")

    assert not widget.circulate_button.isEnabled()
    widget.close_button.click()
    qtbot.waitUntil(widget.circulate_button.isEnabled)
    widget.circulate_button.click()
    qtbot.waitUntil(lambda: "Circulated" in widget.info.text())
    widget.agree_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None)
    QTest.keyClicks(widget.dialog.amendments, "Spelling corrected")
    QTest.keyClick(widget.dialog.amendments, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Agreed on 25/11/2026" in widget.info.text())
    assert not widget.live_button.isEnabled() and not widget.agree_button.isEnabled()
    assert services.cycle.meeting(meeting_id).minutes_status is MinutesStatus.AGREED
    doc = services.minutes.document(meeting_id)
    assert doc.amendments == "Spelling corrected" and doc.quorate is False
    assert [(m.latest_update, m.status) for m in doc.matters_arising] == [("Map drafted", "Open"), ("", "Complete")]
    with pytest.raises(LockedMinutesError):
        services.room.save_notes(services.cycle.items(meeting_id)[0].id, "too late")
    # a later change to the agreed minutes: only as an amendment, with its reason, in the audit trail
    widget.amend_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None)
    dialog = widget.dialog
    QTest.keyClicks(dialog.notes, "Apologies were received from Dev Dale.")
    QTest.keyClicks(dialog.reason, "Omission noted")
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.cycle.items(meeting_id)[0].notes == "Apologies were received from Dev Dale.")
    history = services.privacy.history("meeting", meeting_id)
    assert [e.new_value for e in history if e.operation == "amendment"] == ["Omission noted"]


def test_the_main_window_finds_the_meeting_page_under_its_key() -> None:
    from forumdesk.ui.shell.main_window import page_class

    assert page_class("meeting") is MeetingPage


def test_a_missing_meeting_is_said_plainly(page: tuple[MeetingPage, Services, int]) -> None:
    widget, _services, _meeting_id = page
    widget.show_filtered(meeting_id=99999)
    assert widget.heading.text() == "Meeting not found"
    assert "no meeting with id 99999" in widget.info.text()
    assert not widget.live_button.isEnabled() and not widget.close_button.isEnabled()


def test_details_move_series_and_cancel_one_occurrence(page: tuple[MeetingPage, Services, int], qtbot: QtBot) -> None:
    widget, services, meeting_id = page
    forum_id = services.cycle.meeting(meeting_id).forum_id
    widget.details_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None)
    widget.dialog.venue.selectAll()
    QTest.keyClicks(widget.dialog.venue, "Council Chamber")
    widget.dialog.marking.setCurrentIndex(widget.dialog.marking.findText("OFFICIAL-SENSITIVE"))
    QTest.keyClick(widget.dialog.venue, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Council Chamber · OFFICIAL-SENSITIVE" in widget.info.text())

    widget.move_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None)
    widget.dialog.day.selectAll()
    QTest.keyClicks(widget.dialog.day, "31/02/2026")
    QTest.keyClick(widget.dialog.day, Qt.Key.Key_Return)
    assert "not a real date" in widget.dialog.error_label.text()  # refused in place, the dialog stays open
    widget.dialog.day.selectAll()
    QTest.keyClicks(widget.dialog.day, "02/12/2026")
    widget.dialog.clock.selectAll()
    QTest.keyClicks(widget.dialog.clock, "14:30")
    QTest.keyClick(widget.dialog.clock, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wednesday 02/12/2026 14:30" in widget.heading.text())

    before = len(services.meetings.meetings(forum_id))
    widget.series_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None)
    widget.dialog.count.setValue(3)
    widget.dialog.first.selectAll()
    QTest.keyClicks(widget.dialog.first, "01/01/2027")
    assert widget.dialog.preview.text().startswith("The 1st Tuesday every month at 10:00: 05/01/2027, 02/02/2027")
    QTest.keyClick(widget.dialog.first, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(services.meetings.meetings(forum_id)) == before + 3)

    widget.cancel_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None)
    QTest.keyClick(widget.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Cancelled" in widget.info.text())
    assert not widget.cancel_button.isEnabled() and not widget.close_button.isEnabled()
    statuses = [m.status.value for m in services.meetings.meetings(forum_id)]
    assert statuses.count("cancelled") == 1 and statuses.count("planned") == before + 2


def test_the_forums_standing_items_are_edited_and_used_for_its_next_meeting(
    page: tuple[MeetingPage, Services, int], qtbot: QtBot
) -> None:
    widget, services, meeting_id = page
    forum_id = services.cycle.meeting(meeting_id).forum_id
    widget.template_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None)
    dialog = widget.dialog
    view = dialog.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QTest.keyClick(view, Qt.Key.Key_Delete)  # drop "Welcome, introductions and apologies"
    QTest.keyClick(view, Qt.Key.Key_Insert)
    QTest.keyClicks(dialog.title, "Police performance report")
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [t.title for t in dialog.template()][:2] == ["Police performance report", "Declarations of interest"]
    dialog.accept()
    qtbot.waitUntil(lambda: services.cycle.template(forum_id)[0].title == "Police performance report")
    assert next(i.title for i in services.cycle.items(meeting_id)) == "Welcome, introductions and apologies"
    later = services.cycle.plan_meeting(forum_id, START + timedelta(weeks=20)).value
    assert [i.title for i in services.cycle.items(later)][:2] == [
        "Police performance report",
        "Declarations of interest",
    ]


def test_a_long_item_title_shows_from_its_first_word(
    page: tuple[MeetingPage, Services, int], qtbot: QtBot
) -> None:
    """Found trying issue 16 at 1024x600: choosing an item showed the end of its title ("omestic homicide
    review: learning"), its first letters scrolled out of the field."""
    widget, services, meeting_id = page
    long_title = "Domestic homicide review: learning from the Thurrock review and the partnership's response"
    services.cycle.add_item(meeting_id, long_title, presenter="Detective Superintendent Alexandra Fitzgerald-Smith")
    widget.resize(800, 600)
    widget.show_filtered(meeting_id=meeting_id)
    qtbot.waitUntil(lambda: any(i.title == long_title for i in widget.agenda.model.items()))
    row = next(n for n, i in enumerate(widget.agenda.model.items()) if i.title == long_title)
    widget.agenda.table.setFocus()
    widget.agenda.table.setCurrentIndex(widget.agenda.model.index(row, 1))
    qtbot.waitUntil(lambda: widget.agenda.title.text() == long_title)
    title = widget.agenda.title
    assert title.fontMetrics().horizontalAdvance(long_title) > title.width()  # it does not fit
    for field in (title, widget.agenda.presenter):
        assert field.cursorPosition() == 0, field.text()  # so the field shows the text from its start
