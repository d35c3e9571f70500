"""The main window: navigation between the six pages (Ctrl+1..6), menus, status bar, remembered layout.

Pages are imported and built the first time they are shown, so start-up builds only the page in view; a
page that fails to build shows a plain placeholder, and the window carries on. The File, Edit and Help menus
live in ``main_menus.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from forumdesk import APP_NAME
from forumdesk.domain.changes import Changes
from forumdesk.domain.enums import Marking
from forumdesk.ui.models.roles import KEY_ROLE
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.main_menus import MenuWindow, build_menus
from forumdesk.ui.widgets.message_bar import MessageBar
from forumdesk.ui.widgets.screen_fit import available_size, default_size, install_screen_fitter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str


PAGES = (
    PageSpec("dashboard", "Dashboard"),
    PageSpec("forums", "Forums"),
    PageSpec("meetings", "Meetings"),
    PageSpec("actions", "Actions"),
    PageSpec("strategy", "Strategy"),
    PageSpec("people", "People & agencies"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
# Pages reached only by navigation, not from the list (a meeting's own screen).
HIDDEN_PAGES = (PageSpec("meeting", "Meeting"),)
ALL_PAGES = PAGES + HIDDEN_PAGES
ALL_KEYS = tuple(spec.key for spec in ALL_PAGES)


def page_class(key: str) -> type[QWidget]:
    """The class of the page under ``key``, imported on its first visit (start-up imports only the one in view)."""
    match key:
        case "dashboard":
            from forumdesk.ui.pages.dashboard import DashboardPage

            return DashboardPage
        case "forums":
            from forumdesk.ui.pages.forums import ForumsPage

            return ForumsPage
        case "meetings":
            from forumdesk.ui.pages.meetings import MeetingsPage

            return MeetingsPage
        case "actions":
            from forumdesk.ui.pages.actions import ActionsPage

            return ActionsPage
        case "strategy":
            from forumdesk.ui.pages.strategy import StrategyPage

            return StrategyPage
        case "people":
            from forumdesk.ui.pages.people import PeoplePage

            return PeoplePage
        case "meeting":
            from forumdesk.ui.pages.meeting import MeetingPage

            return MeetingPage
    raise KeyError(key)


class PlaceholderPage(QWidget):
    """Stands in for a page that failed to build, so one broken page does not take the window down."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        label = QLabel(f"<h2>{title}</h2><p>This page could not be opened: the log file has the details.</p>", self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName(f"{title} (could not be opened)")
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def show_filtered(self, **_filters: Any) -> None:
        return None


class MainWindow(MenuWindow):
    database_switch_requested = Signal(object)  # Path: the shell opens it in a new window
    page_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_screen_fitter()
        self.ctx = ctx
        self.settings = QSettings()
        self.pages: dict[str, QWidget] = {}
        self.page_errors: dict[str, str] = {}  # pages that failed to build, and why
        # recent_menu, undo_action and redo_action are set by build_menus; these by the menus' actions.
        self.open_dialog: QWidget | None = None
        self.message_box: QWidget | None = None
        self.last_check: object = None
        self.setWindowTitle(f"{APP_NAME} — {ctx.services.path.name}")
        self.nav = QListWidget(self)
        self.nav.setAccessibleName("Pages")
        self.nav.setUniformItemSizes(True)
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName("Page")
        for index, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(spec.title, self.nav)
            item.setToolTip(f"{spec.title} (Ctrl+{index})")
            item.setData(KEY_ROLE, spec.key)
        for _spec in ALL_PAGES:
            self.stack.addWidget(QWidget(self.stack))  # built on first visit
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 4 * self.fontMetrics().averageCharWidth() + 16)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        line = QFrame(central)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banner = MessageBar(central)
        self.banner.setAccessibleName("Notice about this database")
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self._make_status_bar()
        self._make_menus()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        # The pages' Ctrl+F and Ctrl+N work while focus is in the page; these make them work from the page list
        # too, once a page is chosen there (issue 15 item 11).
        for keys, names in (("Ctrl+F", ("focus_search", "focus_filter")), ("Ctrl+N", ("new_item", "new_action"))):
            nav_key = QShortcut(QKeySequence(keys), self.nav)
            nav_key.setContext(Qt.ShortcutContext.WidgetShortcut)
            nav_key.activated.connect(lambda names=names: self._call_page(names))
        ctx.navigate_requested.connect(self.navigate)
        ctx.error_reported.connect(lambda text: self.statusBar().showMessage(text, 15000))
        ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        ctx.changes_applied.connect(self._on_changes_applied)
        self._restore()

    # -- building -----------------------------------------------------------------------------------------
    def _make_status_bar(self) -> None:
        # the file's name only (its folder in the tooltip): a long path widened the window past a small screen
        self.db_label = QLabel(self.ctx.services.path.name, self)
        self.db_label.setAccessibleName("Database file")
        self.db_label.setToolTip(f"The database file in use: {self.ctx.services.path}")
        self.marking_label = QLabel("", self)
        self.marking_label.setAccessibleName("Protective marking")
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().addPermanentWidget(self.marking_label)
        self.refresh_marking()

    def _make_menus(self) -> None:
        build_menus(self)  # File, Edit, then add_go_menu(), then Help

    def add_go_menu(self) -> None:
        go = self.menuBar().addMenu("&Go")
        self.go_actions: list[QAction] = []
        for index, spec in enumerate(PAGES, start=1):
            action = QAction(spec.title.replace("&", "&&"), self)  # "People & agencies", not "People _agencies"
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            go.addAction(action)
            self.go_actions.append(action)

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        screen = self.settings.value("window/screen", "")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and screen == _screen_key(self):
            self.restoreGeometry(geometry)  # only on the screen it was saved on: a small screen's size is not
        else:  # reused on a big one, nor a big one's on a small one
            self.resize(default_size(self, 1280, 760))
        last = self.settings.value("window/page", "dashboard")
        self.show_page(str(last) if str(last) in PAGE_KEYS else "dashboard")

    # -- pages --------------------------------------------------------------------------------------------
    def current_key(self) -> str:
        return ALL_PAGES[max(0, self.stack.currentIndex())].key

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built now if it has not been shown yet."""
        if key not in self.pages:
            index = ALL_KEYS.index(key)
            spec = ALL_PAGES[index]
            widget: QWidget
            try:
                cls: Any = page_class(key)
                widget = cls(self.ctx, self.stack)
            except Exception as error:  # a broken page must not take the window down: say so, carry on
                log.exception("the %s page failed to build", spec.title)
                self.page_errors[key] = str(error)
                widget = PlaceholderPage(spec.title, self.stack)
            old = self.stack.widget(index)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.stack.insertWidget(index, widget)
            self.pages[key] = widget
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        widget = self.page(key)
        index = ALL_KEYS.index(key)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(index if index < len(PAGES) else -1)
            self.nav.blockSignals(False)
        self.setWindowTitle(f"{ALL_PAGES[index].title} — {APP_NAME} — {self.ctx.services.path.name}")
        self.page_changed.emit(key)
        return widget

    def navigate(self, key: str, filters: dict[str, Any]) -> None:
        if key not in ALL_KEYS:
            log.warning("no page called %r", key)
            return
        widget = self.show_page(key)
        show_filtered = getattr(widget, "show_filtered", None)
        if filters and callable(show_filtered):
            show_filtered(**filters)

    def _call_page(self, names: tuple[str, ...]) -> None:
        page = self.pages.get(self.current_key())
        for name in names:
            slot = getattr(page, name, None)
            if callable(slot):
                slot()
                return

    def _on_nav_row_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row].key)

    # -- status bar ---------------------------------------------------------------------------------------
    def refresh_marking(self) -> None:
        self.ctx.tasks.read(lambda s: s.exports.file_marking(), on_done=self._on_marking, on_error=self.ctx.report)

    def _on_marking(self, marking: Marking) -> None:
        self.marking_label.setText(f"Marking: {marking.value}")
        self.marking_label.setToolTip("The highest protective marking of any forum or meeting in this file")

    def _on_changes_applied(self, changes: Changes) -> None:
        if changes.forums or changes.meetings:
            self.refresh_marking()

    # -- closing ------------------------------------------------------------------------------------------
    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/screen", _screen_key(self))
        if self.current_key() in PAGE_KEYS:
            self.settings.setValue("window/page", self.current_key())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    def show_banner(self, text: str) -> None:
        """A notice above every page about the file itself (read-only, in a synced folder, restored)."""
        self.banner.show_info(text)

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def open_database(self, path: Path) -> None:
        self.database_switch_requested.emit(Path(path))


def _screen_key(widget: QWidget) -> str:
    size = available_size(widget)
    return f"{size.width()}x{size.height()}"


