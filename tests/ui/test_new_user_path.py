"""The new user's first session, driven through the window as a user would, on a fresh database:
add a person to a forum, record an action with an owner and a due date, find it by a word of it, mark it
done, and see the dashboard's counts change, all without restarting."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from forumdesk.domain.enums import ActionStatus
from forumdesk.ui.models.action_table import Column


def _dashboard(window: Any, qtbot: Any) -> Any:
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["dashboard"]
    assert window.stack.currentWidget() is page
    return page


# The completer's popup asks for a keyboard grab, which the offscreen platform cannot give: harmless.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_new_user_path(qtbot: Any, main_window: Any) -> None:
    window, ctx = main_window, main_window.ctx
    dashboard = _dashboard(window, qtbot)
    qtbot.waitUntil(lambda: dashboard.data is not None)
    assert (dashboard.data.overdue, dashboard.data.due_soon) == (0, 0)

    # Add a person, then make them a member of a forum (the register pages' dialogs).
    from forumdesk.ui.dialogs.membership_dialog import MembershipDialog
    from forumdesk.ui.dialogs.person_dialog import PersonDialog

    person = PersonDialog(ctx, parent=window)
    qtbot.keyClicks(person.name, "Priya Shah")
    person.agency.setCurrentText("Basildon Borough Council")
    with qtbot.waitSignal(person.finished, timeout=5000):
        person.accept()
    priya = ctx.services.directory.find_person("Priya Shah")
    forum = ctx.services.forums.find("Community Safety Partnerships")
    member = MembershipDialog(ctx, forum, window)
    member.person.setCurrentIndex(member.person.findText("Priya Shah (Basildon Borough Council)"))
    with qtbot.waitSignal(member.finished, timeout=5000):
        member.accept()
    assert [m.person_id for m in ctx.services.forums.members(forum.id)] == [priya.id]

    # Record an action: Ctrl+4 for the tracker, Ctrl+N for a new action.
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["actions"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.count.text() == "0 actions")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.new_dialog
    qtbot.waitUntil(lambda: dialog.forum.count() > 0)
    dialog.forum.setCurrentIndex(dialog.forum.findData(forum.id))
    qtbot.keyClicks(dialog.text, "Install CCTV at the Eastgate car park")
    qtbot.waitUntil(lambda: dialog.owner.completer().model().rowCount() > 0)
    qtbot.keyClicks(dialog.owner, "Priya Shah (Basildon Borough Council)")
    qtbot.keyClicks(dialog.due, "01/12/2026")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    action = page.model.action(0)
    assert action is not None and action.owner_id == priya.id and action.ref.endswith("/001")

    # Find it by a word of it: another word finds nothing, then a prefix of the right one finds it.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the dialog has gone: keys go to the window again
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is page.filter_bar.text
    qtbot.keyClicks(page.filter_bar.text, "zebra")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.model.query.text == "zebra")
    page.filter_bar.text.clear()
    qtbot.keyClicks(page.filter_bar.text, "eastg")
    qtbot.waitUntil(lambda: page.model.query.text == "eastg" and page.model.rowCount() == 1)

    # The dashboard counts it as due within 14 days.
    dashboard = _dashboard(window, qtbot)
    qtbot.waitUntil(lambda: dashboard.data.due_soon == 1)
    assert dashboard.tiles["due_soon"].text().startswith("1\n")

    # Mark it done in the table's Status cell.
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    index = page.model.index(0, Column.STATUS)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.findChild(QComboBox)
    assert editor is not None
    editor.setCurrentIndex(editor.findData(ActionStatus.COMPLETE))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The tracker shows open actions: the done one leaves the list, and is there, blue, under any status.
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert ctx.services.actions.get(action.id).closed_on is not None
    page.filter_bar.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.query.statuses == ())
    assert page.model.data(page.model.index(0, Column.STATUS)) == "Complete"
    assert page.model.data(page.model.index(0, Column.RAG)) == "Blue"

    # ... and the dashboard follows, without a restart.
    dashboard = _dashboard(window, qtbot)
    qtbot.waitUntil(lambda: dashboard.data.due_soon == 0)
    assert dashboard.tiles["due_soon"].text().startswith("0\n")

    # Undo (Ctrl+Z) puts it back to open.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctx.services.actions.get(action.id).status is ActionStatus.OPEN)
    assert ctx.services.actions.get(action.id).closed_on is None
    qtbot.waitUntil(lambda: dashboard.data.due_soon == 1)
