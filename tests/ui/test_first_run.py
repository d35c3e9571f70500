"""Issue 15 item 18: the secretary's own name signs the updates recorded from the desktop (not the OS login),
and a fresh database opens on a "Getting started" panel whose steps take the secretary where to begin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from forumdesk.db.connection import os_user
from forumdesk.domain.queries import ActionQuery
from forumdesk.services.exports import ExportFormat

NAME = "Priya Okafor"


@pytest.fixture(autouse=True)
def _no_name_remembered() -> Iterator[None]:
    """QSettings caches its file per process: start and leave every test with no name set."""
    QSettings().remove("user/name")
    yield
    QSettings().remove("user/name")


def _menu_action(window: Any, text: str) -> Any:
    found = [a for a in window.findChildren(type(window.undo_action)) if a.text().replace("&", "") == text]
    assert found, f"no menu item {text!r}"
    return found[0]


def test_the_name_typed_in_your_name_signs_an_update_and_the_spreadsheet(
    qtbot: Any, demo_window: Any, tmp_path: Path
) -> None:
    assert os_user() != NAME
    _menu_action(demo_window, "Your name…").trigger()
    dialog = demo_window.open_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    field = dialog.findChild(QLineEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, NAME)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    demo_window.activateWindow()
    qtbot.waitUntil(demo_window.isActiveWindow)

    page = demo_window.show_page("actions")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not demo_window.ctx.tasks.busy())
    page.table.setFocus()
    page.table.selectRow(0)
    action = page.model.action(0)
    page.detail.update_text.setFocus()
    qtbot.keyClicks(page.detail.update_text, "Chased the owner by phone.")
    qtbot.keyClick(page.detail.update_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    services = demo_window.ctx.services
    qtbot.waitUntil(lambda: any(u.text == "Chased the owner by phone." for u in services.actions.updates(action.id)))
    update = next(u for u in services.actions.updates(action.id) if u.text == "Chased the owner by phone.")
    assert update.author == NAME
    qtbot.waitUntil(lambda: page.detail.history_model.rowCount() > 0
                    and page.detail.history_model.item(0).text().endswith(f"Chased the owner by phone. — {NAME}"))

    target = tmp_path / "actions.xlsx"
    services.exports.export_actions(ActionQuery(), ExportFormat.XLSX, target)
    rows = list(load_workbook(target)["Update history"].iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in rows if row[3] == "Chased the owner by phone."] == [NAME]


def test_with_no_name_set_an_update_keeps_the_login(qtbot: Any, demo_window: Any) -> None:
    page = demo_window.show_page("actions")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not demo_window.ctx.tasks.busy())
    page.table.selectRow(0)
    action = page.model.action(0)
    page.detail.update_text.setFocus()
    qtbot.keyClicks(page.detail.update_text, "No name yet.")
    qtbot.keyClick(page.detail.update_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    services = demo_window.ctx.services
    qtbot.waitUntil(lambda: any(u.text == "No name yet." for u in services.actions.updates(action.id)))
    assert [u.author for u in services.actions.updates(action.id) if u.text == "No name yet."] == [os_user()]


def test_first_run_asks_for_the_name_and_not_again(qtbot: Any, main_window: Any) -> None:
    from forumdesk.ui.dialogs.your_name import ask_name_if_unset, secretary_name

    dialog = ask_name_if_unset(main_window)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    field = dialog.findChild(QLineEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "  Sam Lee  ")
    qtbot.keyClick(field, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert secretary_name() == "Sam Lee"
    assert ask_name_if_unset(main_window) is None


def test_a_fresh_database_shows_getting_started_and_its_first_step_opens_a_new_person(
    qtbot: Any, main_window: Any
) -> None:
    from forumdesk.ui.dialogs.person_dialog import PersonDialog

    dashboard = main_window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None)
    panel = dashboard.getting_started
    qtbot.waitUntil(panel.isVisible)
    steps = panel.buttons
    assert [b.text().replace("&", "") for b in steps] == [
        "Add people…", "Add a forum's members", "Plan a meeting…", "Import an existing tracker…"]
    steps[0].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is steps[0])
    qtbot.keyClick(steps[0], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: main_window.current_key() == "people")
    qtbot.waitUntil(lambda: any(isinstance(w, PersonDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))


def test_getting_started_is_hidden_once_the_database_has_people(qtbot: Any, demo_window: Any) -> None:
    dashboard = demo_window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None and not demo_window.ctx.tasks.busy())
    assert demo_window.ctx.services.directory.people()
    assert not dashboard.getting_started.isVisible()


def test_getting_started_fits_a_1024_by_600_window(qtbot: Any, main_window: Any) -> None:
    main_window.resize(1024, 600)
    dashboard = main_window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None and dashboard.getting_started.isVisible())
    buttons = dashboard.getting_started.buttons
    assert buttons

    def cut_off() -> list[str]:
        inside = main_window.rect()
        return [b.text() for b in buttons if not (inside.contains(b.mapTo(main_window, b.rect().topLeft()))
                                                  and inside.contains(b.mapTo(main_window, b.rect().bottomRight())))]

    qtbot.waitUntil(lambda: cut_off() == [])  # once the layout has settled
