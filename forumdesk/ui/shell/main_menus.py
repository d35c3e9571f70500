"""The main window's File, Edit and Help menus, and what they do.

New, Open and Open recent hand a path to the shell (``database_switch_requested``), which opens it in a
fresh window; Backup copy and Check database run off the GUI thread. ``MenuWindow`` is what the menus need
of the main window (``MainWindow`` is one), so this module never imports the window's module.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from forumdesk import APP_NAME, __version__
from forumdesk.ui.dialogs.your_name import ask_name
from forumdesk.ui.shell.context import AppContext

log = logging.getLogger(__name__)
RECENT_KEY = "files/recent"
MAX_RECENT = 8
DB_FILTER = "ForumDesk databases (*.sqlite *.db *.forumdesk);;All files (*)"


class MenuWindow(QMainWindow):
    """The main window as its menus see it: what they read, and what they set for tests to reach."""

    ctx: AppContext
    settings: QSettings
    pages: dict[str, QWidget]
    recent_menu: QMenu
    undo_action: QAction
    redo_action: QAction
    open_dialog: QWidget | None
    message_box: QWidget | None
    last_check: object

    def add_go_menu(self) -> None:
        raise NotImplementedError

    def current_key(self) -> str:
        raise NotImplementedError

    def open_database(self, path: Path) -> None:
        raise NotImplementedError


def build_menus(window: MenuWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    _add(window, file_menu, "&New database…", "Ctrl+Shift+N", lambda: new_database(window))
    _add(window, file_menu, "&Open…", QKeySequence.StandardKey.Open, lambda: open_database(window))
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(lambda: fill_recent(window))
    file_menu.addSeparator()
    _add(window, file_menu, "&Backup copy…", "Ctrl+Shift+B", lambda: backup_copy(window))
    _add(window, file_menu, "Restore from bac&kup…", None, lambda: open_menu_dialog(window, "restore"))
    _add(window, file_menu, "&Import…", "Ctrl+I", lambda: open_menu_dialog(window, "import"))
    _add(window, file_menu, "&Export…", "Ctrl+E", lambda: open_menu_dialog(window, "export"))
    _add(window, file_menu, "&Print…", QKeySequence.StandardKey.Print, lambda: open_menu_dialog(window, "print"))
    _add(window, file_menu, "&Circulate…", "Ctrl+Shift+M", lambda: open_menu_dialog(window, "circulate"))
    _add(window, file_menu, "C&hase…", "Ctrl+Shift+H", lambda: open_menu_dialog(window, "chase"))
    file_menu.addSeparator()
    _add(window, file_menu, "Your na&me…", None, lambda: ask_name(window))
    file_menu.addSeparator()
    _add(window, file_menu, "&Quit", QKeySequence.StandardKey.Quit, window.close)
    edit_menu = bar.addMenu("&Edit")
    undo = QAction("&Undo", window)
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = QAction("&Redo", window)
    redo.setShortcuts(QKeySequence.StandardKey.Redo)  # Ctrl+Y and Ctrl+Shift+Z
    window.ctx.history.bind(undo, redo)  # the file's own history: this window's edits, the CLI's, imports
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    window.undo_action, window.redo_action = undo, redo
    window.add_go_menu()
    help_menu = bar.addMenu("&Help")
    _add(window, help_menu, "&Keyboard shortcuts", "F1", lambda: show_shortcuts(window))
    _add(window, help_menu, "&Check database", None, lambda: check_database(window))
    _add(window, help_menu, f"&About {APP_NAME}", None, lambda: about(window))
    remember_recent(window, window.ctx.services.path)


def _add(window: QWidget, menu: QMenu, text: str, keys: object, slot: object) -> QAction:
    action = QAction(text, window)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    menu.addAction(action)
    return action


# -- files ------------------------------------------------------------------------------------------------
def recent_paths(window: MenuWindow) -> list[str]:
    value = window.settings.value(RECENT_KEY, [])
    paths = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
    return [str(p) for p in paths if p]


def remember_recent(window: MenuWindow, path: Path) -> None:
    text = str(Path(path).resolve())
    paths = [text] + [p for p in recent_paths(window) if p != text]
    window.settings.setValue(RECENT_KEY, paths[:MAX_RECENT])


def fill_recent(window: MenuWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    current = str(window.ctx.services.path.resolve())
    paths = [p for p in recent_paths(window) if p != current]
    for path in paths:
        action = menu.addAction(path)
        action.setEnabled(Path(path).exists())
        action.triggered.connect(lambda _checked=False, p=path: window.open_database(Path(p)))
    if not paths:
        menu.addAction("No other databases yet").setEnabled(False)


def new_database(window: MenuWindow) -> None:
    name, _ = QFileDialog.getSaveFileName(window, "New ForumDesk database", str(Path.home()), DB_FILTER)
    if not name:
        return
    path = Path(name)
    if path.exists():
        _show(window, QMessageBox.Icon.Warning, APP_NAME, f"{path.name} already exists: choose a new file name.")
        return
    window.open_database(path)  # the shell creates it with the strategy loaded, then opens it


def open_database(window: MenuWindow) -> None:
    start = str(window.ctx.services.path.parent)
    name, _ = QFileDialog.getOpenFileName(window, "Open a ForumDesk database", start, DB_FILTER)
    if name:
        window.open_database(Path(name))


def backup_copy(window: MenuWindow) -> None:
    source = window.ctx.services.path
    suggested = source.with_name(f"{source.stem}-copy{source.suffix}")
    name, _ = QFileDialog.getSaveFileName(window, "Save a backup copy", str(suggested), DB_FILTER)
    if not name:
        return
    window.statusBar().showMessage("Copying…")
    window.ctx.tasks.read(
        lambda services: services.admin.backup(name),
        on_done=lambda dest: window.statusBar().showMessage(f"Backup copy saved to {dest}", 10000),
        on_error=window.ctx.report,
    )


def open_menu_dialog(window: MenuWindow, which: str) -> None:
    """File > Import (the import wizard), Export (the export dialog), Print, Circulate or Chase (e-mail drafts)
    or Restore from backup."""
    dialog: QWidget
    if which == "import":
        from forumdesk.ui.dialogs.import_wizard import ImportWizard

        dialog = ImportWizard(window.ctx, window)
    elif which == "export":
        from forumdesk.ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(window.ctx, window, **export_context(window))
    elif which == "print":
        from forumdesk.ui.dialogs.print_dialog import PrintDialog

        context = export_context(window)
        dialog = PrintDialog(window.ctx, window, meeting_id=context.get("meeting_id"), query=context.get("query"))
        dialog.printed.connect(window.ctx.status_message.emit)
    elif which == "circulate":
        from forumdesk.ui.dialogs.circulate_dialog import CirculateDialog

        dialog = CirculateDialog(window.ctx, window, **mail_context(window, "meeting_id"))
    elif which == "chase":
        from forumdesk.ui.dialogs.chase_dialog import ChaseDialog

        dialog = ChaseDialog(window.ctx, window, **mail_context(window, "forum_id", "person_id"))
    elif which == "restore":
        from forumdesk.ui.dialogs.restore_dialog import RestoreDialog

        dialog = RestoreDialog(window.ctx, parent=window)
    else:
        raise ValueError(f"no dialog called {which!r}")
    dialog.open()
    window.open_dialog = dialog  # reachable by tests, kept alive while open


def export_context(window: MenuWindow) -> dict[str, Any]:
    """What the page in view offers the export dialog: the tracker its filter, a meeting or person its own."""
    page = window.pages.get(window.current_key())
    model = getattr(page, "model", None)
    query = getattr(model, "query", None)
    if window.current_key() == "actions" and query is not None:
        return {"query": query}
    for name in ("meeting_id", "person_id"):
        value = getattr(page, name, None)
        value = value() if callable(value) else value
        if isinstance(value, int):
            return {"meeting_id": value} if name == "meeting_id" else {"owner_id": value}
    return {}


def mail_context(window: MenuWindow, *wanted: str) -> dict[str, Any]:
    """What the page in view presets in the Circulate or Chase dialog: its meeting, its forum or its person."""
    page = window.pages.get(window.current_key())
    view = getattr(page, "view", None)
    found = {
        "meeting_id": getattr(page, "meeting_id", None) if window.current_key() == "meeting" else None,
        "forum_id": (getattr(getattr(view, "forum", None), "id", None) if window.current_key() == "forums"
                     else getattr(getattr(view, "meeting", None), "forum_id", None) if window.current_key() == "meeting"
                     else None),
        "person_id": getattr(getattr(view, "person", None), "id", None) if window.current_key() == "people" else None,
    }
    return {name: value for name, value in found.items() if name in wanted and isinstance(value, int)}


# -- help -------------------------------------------------------------------------------------------------
def versions_text() -> str:
    return (
        f"{APP_NAME} {__version__}\n"
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}\n"
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}"
    )


def _show(window: MenuWindow, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box opened window-modal without blocking (so the event loop, and tests, run on)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    window.message_box = box  # reachable by tests
    return box


SHORTCUTS = (
    ("Anywhere", "Ctrl+1 … Ctrl+6 the pages · Ctrl+F search the page · Ctrl+N add (forum, meeting, action, "
                 "person) · Ctrl+Z / Ctrl+Shift+Z undo / redo · Ctrl+E export · Ctrl+P print · Ctrl+Shift+M "
                 "circulate by e-mail · Ctrl+Shift+H chase action owners by e-mail · F1 this list"),
    ("Searching", "Down or Enter go from a search box to its results"),
    ("Actions", "Ctrl+D mark complete · Ctrl+Shift+D reopen · Ctrl+U add an update (Ctrl+Enter saves it) · "
                "Ctrl+R correct text and aims · Ctrl+H history of changes · F2 edit the cell"),
    ("Meeting page", "F5 live minutes · agenda: Insert add · Shift+Insert sub-item · Ctrl+↑/↓ move · Delete "
                     "remove · attendance: P present · A apologies · X absent · D deputy · G guest"),
    ("Live minutes", "Alt+↓/↑ next/previous item · Ctrl+D decision · Ctrl+Shift+A action · F2 correct a "
                     "decision or action · Ctrl+T attendance · Ctrl+M matters arising · Ctrl+Shift+C close · "
                     "Ctrl+Shift+E export the minutes"),
    ("Dialogs", "Enter saves · Esc closes (asking first if something was typed) · Alt+N add a new person"),
)


def show_shortcuts(window: MenuWindow) -> None:
    """Help > Keyboard shortcuts (F1): every shortcut in one list (issue 15 item 18)."""
    text = "\n\n".join(f"{where}: {keys}" for where, keys in SHORTCUTS)
    _show(window, QMessageBox.Icon.Information, "Keyboard shortcuts", text)


def about(window: MenuWindow) -> None:
    _show(
        window,
        QMessageBox.Icon.Information,
        f"About {APP_NAME}",
        "Partnership forums, meetings, minutes and action logs, tied to the crime prevention strategy.\n\n"
        + versions_text()
        + f"\n\nDatabase: {window.ctx.services.path}",
    )


def check_database(window: MenuWindow) -> None:
    window.statusBar().showMessage("Checking the database…")

    def done(report: object) -> None:
        problems = getattr(report, "problems", ())
        window.statusBar().clearMessage()
        window.last_check = report
        if problems:
            _show(window, QMessageBox.Icon.Warning, APP_NAME, "The check found problems:\n" + "\n".join(problems))
        else:
            _show(window, QMessageBox.Icon.Information, APP_NAME, "The database is healthy: no problems found.")

    window.ctx.tasks.read(lambda services: services.admin.check(), on_done=done, on_error=window.ctx.report)
