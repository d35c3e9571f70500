"""Issue 15: a secretary's day without friction, driven by the keyboard as a secretary would (pytest-qt).

The agenda editor keeps what is typed (the form is not reloaded over it when the database changes, which the
change watcher notices every two seconds) and saves it without Enter or "Save item"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from forumdesk.services import Services, open_services
from forumdesk.ui.pages.meeting import MeetingPage
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.db_watch import DatabaseWatcher
from tests.conftest import TODAY
from tests.ui.test_live_minutes import plan_room


def slow_type(qtbot: QtBot, widget: QWidget, text: str, seconds: float = 3.0) -> None:
    """Type ``text`` into ``widget`` one key at a time, spread over ``seconds`` (the event loop runs between)."""
    pause = int(seconds * 1000 / max(1, len(text)))
    for char in text:
        QTest.keyClicks(widget, char)
        qtbot.wait(pause)


@pytest.fixture
def agenda_page(db_path: Path, qtbot: QtBot) -> Iterator[tuple[MeetingPage, Services, int]]:
    """The meeting page with the app's change watcher running, as in the shell."""
    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    ctx = AppContext(services)
    widget = MeetingPage(ctx)
    watcher = DatabaseWatcher(ctx, parent=widget)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.show_filtered(meeting_id=meeting_id)
    yield widget, services, meeting_id
    watcher.stop()
    ctx.tasks.wait()
    ctx.close()
    services.close()


def saved_titles(services: Services, meeting_id: int) -> list[str]:
    return [i.title for i in services.cycle.items(meeting_id)]


def test_typing_a_new_item_title_over_three_seconds_is_kept_and_saved(
    agenda_page: tuple[MeetingPage, Services, int], qtbot: QtBot
) -> None:
    """Issue 15 item 1: Insert, then type the title slowly; nothing typed is overwritten by a reload."""
    widget, services, meeting_id = agenda_page
    editor = widget.agenda
    editor.table.setFocus()
    QTest.keyClick(editor.table, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: editor.title.hasFocus() and editor.title.text() == "New item")
    slow_type(qtbot, editor.title, "MARAC referrals review")
    assert editor.title.text() == "MARAC referrals review"
    QTest.keyClick(editor.title, Qt.Key.Key_Tab)  # on to the purpose, then the presenter
    QTest.keyClick(widget.focusWidget() or editor.purpose, Qt.Key.Key_Tab)
    assert editor.presenter.hasFocus()
    slow_type(qtbot, editor.presenter, "DI Ann Archer")
    assert editor.title.text() == "MARAC referrals review"
    assert editor.presenter.text() == "DI Ann Archer"
    qtbot.waitUntil(lambda: "MARAC referrals review" in saved_titles(services, meeting_id))
    item = next(i for i in services.cycle.items(meeting_id) if i.title == "MARAC referrals review")
    qtbot.waitUntil(lambda: services.cycle.item(item.id).presenter == "DI Ann Archer")


def test_an_agenda_edit_is_saved_when_another_row_is_chosen(
    agenda_page: tuple[MeetingPage, Services, int], qtbot: QtBot
) -> None:
    """Issue 15 item 2: no Enter, no "Save item": moving to another row keeps the edit."""
    widget, services, meeting_id = agenda_page
    editor = widget.agenda
    editor.table.setFocus()
    QTest.keyClick(editor.table, Qt.Key.Key_Down)  # item 2, Declarations of interest
    assert editor.title.text() == "Declarations of interest"
    QTest.keyClick(editor.title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    editor.title.setFocus()
    QTest.keyClick(editor.title, Qt.Key.Key_End)
    slow_type(qtbot, editor.title, " and gifts")
    editor.table.setFocus()
    QTest.keyClick(editor.table, Qt.Key.Key_Down)  # on to item 3 at once
    assert editor.selected() is not None and editor.selected().title != "Declarations of interest and gifts"
    qtbot.waitUntil(lambda: saved_titles(services, meeting_id)[1] == "Declarations of interest and gifts")
    QTest.keyClick(editor.table, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: editor.title.text() == "Declarations of interest and gifts")


LONG_DECISION = (
    "The board agreed to fund two further independent domestic violence advisers for Basildon and Harlow "
    "from April, subject to the county council confirming its share of the cost by the end of January."
)


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_live_capture_fields_are_roomy_and_keep_a_long_decision(db_path: Path, qtbot: QtBot) -> None:
    """Issue 15 item 5: the decision and action text are several lines tall and wide, wrap, and keep all."""
    from PySide6.QtWidgets import QApplication

    from forumdesk.ui.meeting.live_minutes import LiveMinutesWindow

    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    ctx = AppContext(services)
    try:
        window = LiveMinutesWindow(ctx, meeting_id)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes)
        QTest.keyClick(window.notes, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.dialog is not None and QApplication.focusWidget() is window.dialog.text)
        field = window.dialog.text
        lines = field.height() // field.fontMetrics().lineSpacing()
        assert lines >= 3, f"the decision field shows {lines} line(s)"
        assert field.width() >= 60 * field.fontMetrics().averageCharWidth()
        QTest.keyClicks(field, LONG_DECISION)
        QTest.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.dialog is None or not window.dialog.isVisible())
        qtbot.waitUntil(lambda: [d.text for d in services.room.decisions(meeting_id)] == [LONG_DECISION])

        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        QTest.keyClick(window.notes, Qt.Key.Key_A, ctrl_shift)
        qtbot.waitUntil(lambda: window.dialog is not None and QApplication.focusWidget() is window.dialog.text)
        action_field = window.dialog.text
        assert action_field.height() // action_field.fontMetrics().lineSpacing() >= 3
        assert action_field.width() >= 60 * action_field.fontMetrics().averageCharWidth()
        window.dialog.reject()
    finally:
        ctx.tasks.wait()
        ctx.close()
        services.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_captured_actions_take_the_items_aims_and_everything_captured_can_be_corrected(
    db_path: Path, qtbot: QtBot
) -> None:
    """Issue 15 item 3: an action captured under an item linked to DA-1/DA-2 serves those aims; in the room
    F2 reaches the captured list, where F2/Enter corrects an action's text and aims or a decision's text."""
    from PySide6.QtWidgets import QApplication

    from forumdesk.domain.queries import ActionQuery
    from forumdesk.ui.meeting.live_minutes import LiveMinutesWindow

    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    item = services.cycle.items(meeting_id)[3]
    services.cycle.edit_item(item.id, aim_codes=["DA-1", "DA-2"])
    ctx = AppContext(services)
    alt = Qt.KeyboardModifier.AltModifier

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(QApplication.focusWidget(), key, modifier)

    def dialog_focused() -> bool:
        return window.dialog is not None and QApplication.focusWidget() is window.dialog.text

    try:
        window = LiveMinutesWindow(ctx, meeting_id)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes)
        for _ in range(3):
            press(Qt.Key.Key_Down, alt)
        assert window.current_id == item.id
        press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(dialog_focused)
        QTest.keyClicks(window.dialog.text, "Map the hot-spots")
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(services.actions.list(ActionQuery(meeting_id=meeting_id))) == 1)
        action = services.actions.list(ActionQuery(meeting_id=meeting_id))[0]
        assert action.aim_codes == ("DA-1", "DA-2")  # inherited from the agenda item
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes)
        press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(dialog_focused)
        QTest.keyClicks(window.dialog.text, "Fund two IDVA posts")
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.captured_model.rowCount() == 2)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes)

        press(Qt.Key.Key_F2)  # to the captured list, on its last line (the action)
        assert QApplication.focusWidget() is window.captured
        press(Qt.Key.Key_F2)
        qtbot.waitUntil(dialog_focused)
        assert window.dialog.text.text() == "Map the hot-spots"
        press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(window.dialog.text, "Map the knife crime hot-spots")
        press(Qt.Key.Key_Tab)
        press(Qt.Key.Key_End)
        QTest.keyClicks(QApplication.focusWidget(), " da-3")
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: services.actions.get(action.id).description == "Map the knife crime hot-spots")
        assert services.actions.get(action.id).aim_codes == ("DA-1", "DA-2", "DA-3")

        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.captured)
        press(Qt.Key.Key_Up)  # the decision
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(dialog_focused)
        assert window.dialog.text.text() == "Fund two IDVA posts"
        press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(window.dialog.text, "Fund two IDVA posts from April")
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: [d.text for d in services.room.decisions(meeting_id)] == ["Fund two IDVA posts from April"]
        )
        qtbot.waitUntil(lambda: "Decision: Fund two IDVA posts from April" in window.captured_model.stringList())
    finally:
        ctx.tasks.wait()
        ctx.close()
        services.close()


def test_an_actions_text_and_aims_are_corrected_from_the_tracker(main_window: object, qtbot: QtBot) -> None:
    """Issue 15 item 3: on the Actions page, Ctrl+R corrects the chosen action's text and aims."""
    from PySide6.QtWidgets import QApplication

    from forumdesk.services.actions import NewAction

    services = main_window.ctx.services  # type: ignore[attr-defined]
    forum_id = services.forums.create("Testshire CSP").value
    new = NewAction(forum_id=forum_id, description="Reveiw CCTV", aim_codes=["DA-1"])
    action_id = services.actions.record(new).value
    page = main_window.show_page("actions")  # type: ignore[attr-defined]
    main_window.ctx.apply(__import__("forumdesk.domain.changes", fromlist=["Changes"]).Changes.everything())  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.detail.action() is not None)
    QTest.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(page, "correct_dialog", None) is not None and page.correct_dialog.isVisible())
    dialog = page.correct_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    assert dialog.text.text() == "Reveiw CCTV"
    QTest.keyClick(dialog.text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.text, "Review CCTV coverage")
    QTest.keyClick(dialog.text, Qt.Key.Key_Tab)
    QTest.keyClick(dialog.aims, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.aims, "DA-2 DA-3")
    QTest.keyClick(dialog.aims, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.actions.get(action_id).description == "Review CCTV coverage")
    assert services.actions.get(action_id).aim_codes == ("DA-2", "DA-3")
    qtbot.waitUntil(lambda: "DA-3" in page.detail._fields["Aims"].text())


def _shown(cls: type) -> object:
    from PySide6.QtWidgets import QApplication

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
    return found[-1] if found else None


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_people_are_added_where_their_name_is_typed_on_a_fresh_database(main_window: object, qtbot: QtBot) -> None:
    """Issue 15 item 6: on a fresh database, Add member and a live action's owner offer "Add new person…"."""
    from PySide6.QtWidgets import QApplication

    from forumdesk.domain.changes import Changes
    from forumdesk.domain.queries import ActionQuery
    from forumdesk.ui.dialogs.membership_dialog import MembershipDialog
    from forumdesk.ui.dialogs.person_dialog import PersonDialog
    from forumdesk.ui.meeting.live_minutes import LiveMinutesWindow

    ctx = main_window.ctx  # type: ignore[attr-defined]
    services = ctx.services
    assert services.directory.people() == []  # a fresh database: nobody yet
    forum_id = services.forums.create("Testshire CSP").value
    ctx.apply(Changes.everything())
    page = main_window.show_page("forums")  # type: ignore[attr-defined]
    page.select_forum(forum_id)
    page.view.tabs.setCurrentIndex(1)  # Members
    QTest.keyClick(page.view.members_view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Add member…
    qtbot.waitUntil(lambda: _shown(MembershipDialog) is not None)
    member_dialog = _shown(MembershipDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (member_dialog.person, member_dialog.person.lineEdit()))
    QTest.keyClicks(QApplication.focusWidget(), "Siobhan Kelly")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Add new person" in member_dialog.error_text())
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _shown(PersonDialog) is not None)
    person_dialog = _shown(PersonDialog)
    assert person_dialog.name.text() == "Siobhan Kelly"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is person_dialog.role)
    QTest.keyClicks(person_dialog.role, "Community Safety Manager")
    QTest.keyClick(person_dialog.role, Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), "Testshire Council")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: member_dialog.person.currentText() == "Siobhan Kelly (Testshire Council)")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [m.person_name for m in services.forums.members(forum_id)] == ["Siobhan Kelly"])

    # the live window: an owner nobody has entered yet
    meeting_id = services.cycle.plan_meeting(forum_id, __import__("datetime").datetime(2026, 11, 25, 10, 0)).value
    window = LiveMinutesWindow(ctx, meeting_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window.notes, Qt.Key.Key_A, ctrl_shift)
    qtbot.waitUntil(lambda: window.dialog is not None and QApplication.focusWidget() is window.dialog.text)
    action_dialog = window.dialog
    QTest.keyClicks(action_dialog.text, "Map the hot-spots")
    QTest.keyClick(action_dialog.text, Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), "Priya Shah")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Add new person" in action_dialog.error_label.text())
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _shown(PersonDialog) is not None)
    person_dialog = _shown(PersonDialog)
    assert person_dialog.name.text() == "Priya Shah"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is person_dialog.role)
    QTest.keyClick(person_dialog.role, Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), "Essex Police")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: action_dialog.owner.text() == "Priya Shah" and action_dialog.due.hasFocus())
    QTest.keyClicks(action_dialog.due, "2 weeks")
    QTest.keyClick(action_dialog.due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(services.actions.list(ActionQuery(meeting_id=meeting_id))) == 1)
    action = services.actions.list(ActionQuery(meeting_id=meeting_id))[0]
    expected = ("Map the hot-spots", "Priya Shah", "Essex Police")
    assert (action.description, action.owner_name, action.owner_org) == expected
    window.close()


def test_a_wrongly_dated_meeting_is_warned_of_moved_and_agreed(
    agenda_page: tuple[MeetingPage, Services, int], qtbot: QtBot
) -> None:
    """Issue 15 item 7: closing a meeting dated after today warns first; once closed anyway, its date can
    still be corrected with Move… and its minutes agreed."""
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication, QMessageBox

    from forumdesk.domain.enums import MeetingStatus, MinutesStatus

    widget, services, today_id = agenda_page
    forum_id = services.cycle.meeting(today_id).forum_id
    future = next(m for m in services.meetings.meetings(forum_id) if m.starts_at.date() > TODAY)
    widget.show_filtered(meeting_id=future.id)
    alt = Qt.KeyboardModifier.AltModifier

    widget.tabs.setFocus()
    QTest.keyClick(widget.tabs, Qt.Key.Key_C, alt)  # Close meeting
    qtbot.waitUntil(lambda: isinstance(widget.dialog, QMessageBox) and widget.dialog.isVisible())
    box = widget.dialog
    assert "after today" in box.text() and "Move" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)  # the default is Cancel
    qtbot.waitUntil(lambda: widget.dialog is None and widget.isActiveWindow())
    assert services.cycle.meeting(future.id).status is MeetingStatus.PLANNED

    QTest.keyClick(widget.tabs, Qt.Key.Key_C, alt)
    qtbot.waitUntil(lambda: isinstance(widget.dialog, QMessageBox) and widget.dialog.isVisible())
    QTest.keyClick(widget.dialog.button(QMessageBox.StandardButton.Ok), Qt.Key.Key_Space)  # close it anyway
    qtbot.waitUntil(lambda: services.cycle.meeting(future.id).minutes_status is MinutesStatus.DRAFT)

    qtbot.waitUntil(lambda: widget.move_button.isEnabled() and widget.isActiveWindow())  # the date can be corrected
    QTest.keyClick(widget.tabs, Qt.Key.Key_O, alt)  # Move…
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    move = widget.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is move.day)
    QTest.keyClick(move.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(move.day, TODAY.strftime("%d/%m/%Y"))
    QTest.keyClick(move.day, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.cycle.meeting(future.id).starts_at.date() == TODAY)
    qtbot.waitUntil(lambda: widget.dialog is None and widget.isActiveWindow())

    QTest.keyClick(widget.tabs, Qt.Key.Key_G, alt)  # Agree as a correct record…
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    QTest.keyClick(widget.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.cycle.meeting(future.id).minutes_status is MinutesStatus.AGREED)
    assert services.cycle.meeting(future.id).agreed_on == TODAY
    assert future.starts_at.date() - TODAY > timedelta(0)


def test_find_and_add_keys_work_from_the_page_list_and_searches_lead_to_their_results(
    main_window: object, qtbot: QtBot
) -> None:
    """Issue 15 item 11: Ctrl+F and Ctrl+N after choosing a page in the list; Down/Enter from a search box
    to its results; Ctrl+N with a forum's Members tab open adds a member."""
    from PySide6.QtWidgets import QApplication

    from forumdesk.domain.changes import Changes
    from forumdesk.ui.dialogs.forum_dialog import ForumDialog
    from forumdesk.ui.dialogs.membership_dialog import MembershipDialog
    from forumdesk.ui.dialogs.person_dialog import PersonDialog

    window = main_window
    ctx = window.ctx  # type: ignore[attr-defined]
    services = ctx.services
    forum_id = services.forums.create("Testshire CSP").value
    for name in ("Ann Archer", "Ben Baker", "Cara Cole"):
        services.directory.add_person(name, "Essex Police")
    ctx.apply(Changes.everything())
    nav = window.nav  # type: ignore[attr-defined]
    nav.setFocus()
    QTest.keyClick(nav, Qt.Key.Key_End)  # People & agencies, chosen in the list
    people = window.pages["people"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.current_key() == "people" and people.proxy.rowCount() == 3)  # type: ignore[attr-defined]
    QTest.keyClick(nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is people.search
    QTest.keyClicks(people.search, "ben")
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 1)
    QTest.keyClick(people.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is people.table
    qtbot.waitUntil(lambda: people.view.person is not None and people.view.person.name == "Ben Baker")
    nav.setFocus()
    QTest.keyClick(nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _shown(PersonDialog) is not None)
    _shown(PersonDialog).reject()

    QTest.keyClick(nav, Qt.Key.Key_Home)
    QTest.keyClick(nav, Qt.Key.Key_Down)  # Forums
    forums = window.pages["forums"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.current_key() == "forums")  # type: ignore[attr-defined]
    QTest.keyClick(nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is forums.search
    QTest.keyClicks(forums.search, "Testshire")
    QTest.keyClick(forums.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is forums.tree
    qtbot.waitUntil(lambda: forums.view.forum is not None and forums.view.forum.id == forum_id)
    forums.view.tabs.setCurrentIndex(1)  # the Members tab open, the register still focused
    forums.tree.setFocus()
    QTest.keyClick(forums.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _shown(MembershipDialog) is not None)
    assert _shown(ForumDialog) is None
    _shown(MembershipDialog).reject()


def test_typed_text_that_looks_like_html_shows_as_typed(main_window: object, qtbot: QtBot) -> None:
    """Issue 15 item 14: an action typed as "<b>bold</b> & <i>x</i>" shows its tags, not bold text."""
    from forumdesk.domain.changes import Changes
    from forumdesk.services.actions import NewAction

    typed = "Check <b>bold</b> claims & <i>x</i>"
    services = main_window.ctx.services  # type: ignore[attr-defined]
    forum_id = services.forums.create("Testshire <CSP>").value
    services.actions.record(NewAction(forum_id=forum_id, description=typed))
    page = main_window.show_page("actions")  # type: ignore[attr-defined]
    main_window.ctx.apply(Changes.everything())  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.detail.action() is not None)
    shown = ((page.detail.description, typed, "<b>"), (page.detail.title, page.detail.title.text(), "<CSP>"))
    for label, text, tag in shown:
        assert tag in text
        label.setWordWrap(False)  # measured on one line: drawn as typed, the tags take their width
        drawn = label.sizeHint().width()
        assert drawn >= label.fontMetrics().horizontalAdvance(text), f"{text!r} is drawn as rich text"


def test_dialogs_open_on_their_first_field_and_esc_asks_before_losing_typing(
    agenda_page: tuple[MeetingPage, Services, int], qtbot: QtBot
) -> None:
    """Issue 15 item 13: Meeting details opens on Venue, not OK; Esc with something typed asks first."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    widget, services, meeting_id = agenda_page
    venue_before = services.cycle.meeting(meeting_id).venue
    widget.tabs.setFocus()
    QTest.keyClick(widget.tabs, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Details…
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    details = widget.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is details.venue)
    QTest.keyClick(details.venue, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(details.venue, "Committee Room 2")
    QTest.keyClick(details.venue, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: details.discard_guard.box is not None and details.discard_guard.box.isVisible())
    assert details.isVisible()  # nothing lost yet
    QTest.keyClick(details.discard_guard.box, Qt.Key.Key_Escape)  # back to the typing
    qtbot.waitUntil(lambda: not details.discard_guard.box.isVisible())
    assert details.isVisible() and details.venue.text() == "Committee Room 2"
    QTest.keyClick(details.venue, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: details.discard_guard.box.isVisible())
    discard = details.discard_guard.box.button(QMessageBox.StandardButton.Discard)
    QTest.keyClick(details.discard_guard.box, Qt.Key.Key_Tab)  # from Cancel (the default) to Discard
    qtbot.waitUntil(lambda: QApplication.focusWidget() is discard)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: widget.dialog is None)
    assert services.cycle.meeting(meeting_id).venue == venue_before

    qtbot.waitUntil(widget.isActiveWindow)
    QTest.keyClick(widget.tabs, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # untouched: Esc just closes
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    untouched = widget.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is untouched.venue)
    QTest.keyClick(untouched.venue, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: widget.dialog is None)


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_enter_in_an_editable_combo_saves_the_dialog(ui_ctx: AppContext, qtbot: QtBot) -> None:
    """Issue 15 item 13: a name typed in full in an editable combo (its completion list open) is saved by
    the first Enter, not only by a second."""
    from PySide6.QtWidgets import QApplication

    from forumdesk.ui.dialogs.person_dialog import PersonDialog

    ui_ctx.services.directory.add_person("Ann Archer", "Essex Police")
    dialog = PersonDialog(ui_ctx, None)  # deletes itself once saved
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    QTest.keyClicks(dialog.name, "Ben Baker")
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # past the role, to the agency
    QTest.keyClicks(QApplication.focusWidget(), "Essex Police")
    QTest.keyClick(QApplication.activePopupWidget() or QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [p.name for p in ui_ctx.services.directory.people()] == ["Ann Archer", "Ben Baker"])


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_names_are_found_without_their_accents(main_window: object, qtbot: QtBot) -> None:
    """Issue 15 item 10: "lukasz", "chloe", "siobhan" find Łukasz, Chloé and Siobhán in the People search,
    the Add member completer and a live action's owner completer."""
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from forumdesk.domain.changes import Changes
    from forumdesk.domain.queries import ActionQuery
    from forumdesk.ui.dialogs.membership_dialog import MembershipDialog
    from forumdesk.ui.meeting.live_minutes import LiveMinutesWindow

    ctx = main_window.ctx  # type: ignore[attr-defined]
    services = ctx.services
    forum_id = services.forums.create("Testshire CSP").value
    ids = {}
    for name, org in (("Łukasz Nowak", "Essex Police"), ("Chloé Patel", "NHS Essex"), ("Siobhán Kelly", "Harlow")):
        ids[name] = services.directory.add_person(name, org).value
    services.forums.add_member(forum_id, ids["Siobhán Kelly"])
    ctx.apply(Changes.everything())

    people = main_window.show_page("people")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 3)
    QTest.keyClick(people.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    for typed, found in (("lukasz", "Łukasz Nowak"), ("CHLOE", "Chloé Patel"), ("siobhan k", "Siobhán Kelly")):
        QTest.keyClick(people.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(people.search, typed)
        qtbot.waitUntil(lambda: people.proxy.rowCount() == 1)
        assert people.proxy.index(0, 0).data() == found

    forums = main_window.show_page("forums")  # type: ignore[attr-defined]
    forums.select_forum(forum_id)
    forums.view.tabs.setCurrentIndex(1)
    forums.view.members_view.setFocus()
    QTest.keyClick(forums.view.members_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _shown(MembershipDialog) is not None)
    dialog = _shown(MembershipDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (dialog.person, dialog.person.lineEdit()))
    QTest.keyClicks(dialog.person.lineEdit(), "lukasz")
    popup = dialog.person.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() == 1)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.person.currentText() == "Łukasz Nowak (Essex Police)"
    QTest.keyClick(dialog.person.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Łukasz Nowak" in [m.person_name for m in services.forums.members(forum_id)])

    meeting_id = services.cycle.plan_meeting(forum_id, datetime(2026, 11, 25, 10, 0)).value
    window = LiveMinutesWindow(ctx, meeting_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes)
    QTest.keyClick(window.notes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.dialog is not None and QApplication.focusWidget() is window.dialog.text)
    action_dialog = window.dialog
    QTest.keyClicks(action_dialog.text, "Review the referral pathway")
    QTest.keyClick(action_dialog.text, Qt.Key.Key_Tab)
    QTest.keyClicks(action_dialog.owner, "siobhan")
    popup = action_dialog.owner.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() >= 1)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert action_dialog.owner.text().startswith("Siobhán Kelly")
    QTest.keyClick(action_dialog.owner, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(services.actions.list(ActionQuery(meeting_id=meeting_id))) == 1)
    assert services.actions.list(ActionQuery(meeting_id=meeting_id))[0].owner_name == "Siobhán Kelly"
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_attendance_moves_on_after_p_offers_the_named_deputy_and_a_secretary_does_not_count(
    ui_ctx: AppContext, qtbot: QtBot
) -> None:
    """Issue 15 item 17: P (A, X) moves to the next person; D offers the member's named deputy; a member added
    as Secretary is not counted towards quorum unless ticked."""
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from forumdesk.domain.enums import AttendanceStatus, QuorumKind
    from forumdesk.domain.model import Forum
    from forumdesk.ui.dialogs.membership_dialog import MembershipDialog

    services = ui_ctx.services
    forum_id = services.forums.create("Testshire CSP", quorum_kind=QuorumKind.AGENCIES, quorum_count=2).value
    ann = services.directory.add_person("Ann Archer", "Essex Police").value
    cara = services.directory.add_person("Cara Cole", "NHS Essex").value
    zoe = services.directory.add_person("Zoe Zane", "NHS Essex").value
    services.forums.add_member(forum_id, ann)
    services.forums.add_member(forum_id, cara, deputy_id=zoe)
    meeting_id = services.cycle.plan_meeting(forum_id, datetime(2026, 11, 25, 10, 0)).value
    page = MeetingPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.show_filtered(meeting_id=meeting_id)
    page.tabs.setCurrentIndex(1)
    table = page.attendance.table
    table.setFocus()
    table.setCurrentIndex(page.attendance.model.index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_P)
    assert table.currentIndex().row() == 1  # on to Cara Cole
    qtbot.waitUntil(lambda: page.attendance.quorum_label.text() == "Not quorate: 1 agency represented, 2 needed")
    QTest.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.attendance.prompt)
    assert page.attendance.prompt.text() == "Zoe Zane"  # her named deputy, offered
    QTest.keyClick(page.attendance.prompt, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(a.person_id == zoe and a.status is AttendanceStatus.DEPUTY
                    for a in services.room.attendance(meeting_id))
    )

    forum = next(f for f in services.forums.forums() if f.id == forum_id)
    assert isinstance(forum, Forum)
    secretary = services.directory.add_person("Sam Sec", "Testshire Council").value
    dialog = MembershipDialog(ui_ctx, forum, page, person_id=secretary)
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (dialog.person, dialog.person.lineEdit()))
    assert dialog.decides.isChecked()  # a member decides for their agency by default
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # to the role
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), "Secretary")
    assert not dialog.decides.isChecked()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(m.person_id == secretary for m in services.forums.members(forum_id)))
    member = next(m for m in services.forums.members(forum_id) if m.person_id == secretary)
    assert (member.role, member.decision_maker) == ("Secretary", False)


def test_shortcut_list_people_by_surname_and_words_that_read_right(main_window: object, qtbot: QtBot) -> None:
    """Issue 15 item 18 (in part): F1 lists the shortcuts; people sorted by surname with accents aside
    ("Łukasz Nowak" not after "Tom"); "People & agencies" in the Go menu; "1 meeting", not "1 meetings"."""
    from datetime import datetime

    from forumdesk.domain.changes import Changes

    window = main_window
    ctx = window.ctx  # type: ignore[attr-defined]
    services = ctx.services
    for name in ("Tom Adams", "Łukasz Nowak", "Zoe Brown", "Émile Zola"):
        services.directory.add_person(name, "Essex Police")
    forum_id = services.forums.create("Testshire CSP").value
    services.cycle.plan_meeting(forum_id, datetime(2026, 12, 1, 10, 0))
    ctx.apply(Changes.everything())

    QTest.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.message_box is not None and window.message_box.isVisible())  # type: ignore[attr-defined]
    text = window.message_box.text()  # type: ignore[attr-defined]
    for keys in ("Ctrl+F", "Ctrl+N", "Ctrl+Shift+A", "Alt+N", "F5"):
        assert keys in text
    QTest.keyClick(window.message_box, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.message_box.isVisible())  # type: ignore[attr-defined]

    assert [a.iconText() for a in window.go_actions][-1] == "People & agencies"  # type: ignore[attr-defined]
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    people = window.pages["people"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 4)
    names = [people.proxy.index(row, 0).data() for row in range(4)]
    assert names == ["Tom Adams", "Zoe Brown", "Łukasz Nowak", "Émile Zola"]

    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    meetings = window.pages["meetings"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "still to come" in meetings.count_label.text())
    assert meetings.count_label.text().startswith("1 meeting:")
