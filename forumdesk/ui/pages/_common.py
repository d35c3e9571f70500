"""Small building blocks shared by the register pages (forums, people, meetings, strategy): the table view
set up one way, search boxes, headings, shortcuts, the list-beside-detail layout. The table model they show
is ``forumdesk.ui.models.records.RecordTableModel``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import Changes
from forumdesk.ui.models.roles import OBJECT_ROLE
from forumdesk.ui.shell.context import AppContext


def record_table(name: str, parent: QWidget | None = None) -> QTableView:
    """A table view set up the same way everywhere: whole rows, sortable, no grid, last column stretched."""
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the records' own order first
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setHighlightSections(False)
    return view


def record_tree(name: str, model: QAbstractItemModel, parent: QWidget) -> QTreeView:
    """A tree view set up the same way everywhere: read-only, whole rows, alternating rows, named for screen
    readers; a page adds its own sorting, sizing and selection."""
    view = QTreeView(parent)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return view


def search_box(placeholder: str, name: str, parent: QWidget) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    box.setClearButtonEnabled(True)
    return box


def leads_to(search: QLineEdit, view: QAbstractItemView) -> None:
    """Down or Enter in a search box goes to its results, on the first row if none is chosen (issue 15
    item 11: there was no keyboard route from a search box to what it found)."""

    def go() -> None:
        model = view.model()
        if model is None or not model.rowCount():
            return
        if not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    for keys in ("Down", "Return", "Enter"):
        sc = QShortcut(QKeySequence(keys), search)
        sc.setContext(Qt.ShortcutContext.WidgetShortcut)
        sc.activated.connect(go)


def search_keys(page: QWidget, search: QLineEdit, view: QAbstractItemView, focus: Callable[[], None]) -> None:
    """Ctrl+F goes to the page's search box (``focus``), and Down from the box goes on to its list."""
    shortcut("Ctrl+F", page, focus)
    leads_to(search, view)


def tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in the order given."""
    for first, then in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, then)


def heading(text: str, parent: QWidget | None = None, *, size: float = 1.35) -> QLabel:
    """A bold heading scaled from the system font (follows the user's font size and palette)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)  # a long forum or meeting name wraps rather than widening the window
    label.setTextFormat(Qt.TextFormat.PlainText)  # a name shows as typed, never as HTML (issue 15 item 14)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """Secondary text in the palette's placeholder colour, word-wrapped."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def shortcut(keys: str | QKeySequence.StandardKey, parent: QWidget, slot: Callable[[], None]) -> QShortcut:
    """A shortcut live while focus is anywhere inside ``parent`` (so Ctrl+N adds in the page in view)."""
    sc = QShortcut(QKeySequence(keys), parent)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


def stretch_column(view: QTableView, column: int) -> None:
    """Give ``column`` the spare width (the text column), so no table needs sideways scrolling."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def selected_record(view: QTableView) -> Any:
    index = view.currentIndex()
    if not index.isValid():
        return None
    return index.siblingAtColumn(0).data(OBJECT_ROLE)


def fit_columns(view: QTableView, widths: Sequence[int]) -> None:
    """Initial column widths in average characters, so they follow the font (high DPI, large fonts)."""
    char = view.fontMetrics().averageCharWidth()
    for column, chars in enumerate(widths):
        view.setColumnWidth(column, chars * char + 16)


def list_beside_detail(page: QWidget, list_side: QWidget, detail: QWidget) -> None:
    """The register pages' layout: a list on the left, the chosen record's page filling the rest."""
    splitter = QSplitter(Qt.Orientation.Horizontal, page)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(list_side)
    splitter.addWidget(detail)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([400, 960])
    layout = QVBoxLayout(page)
    layout.addWidget(splitter)


class KeptCurrent(QObject):
    """A page kept current by the change channel: a change that ``relevant`` accepts is applied at once
    (``apply``, by default ``reload``) while the page is in view; otherwise the page is marked stale and
    reloaded when it is next shown, so a hidden page does no work. The page's ``reload`` calls ``fresh()``;
pass it as ``lambda: self.reload()`` so that it is looked up when called."""

    def __init__(
        self,
        page: QWidget,
        ctx: AppContext,
        relevant: Callable[[Changes], bool],
        reload: Callable[[], None],
        apply: Callable[[Changes], None] | None = None,
    ) -> None:
        super().__init__(page)
        self.stale = True
        self._page, self._relevant, self._reload = page, relevant, reload
        self._apply = apply or (lambda _changes: reload())
        page.installEventFilter(self)
        ctx.changes_applied.connect(self._on_changes_applied)

    def fresh(self) -> None:
        self.stale = False

    def _on_changes_applied(self, changes: Changes) -> None:
        if not self._relevant(changes):
            return
        if self._page.isVisible():
            self._apply(changes)
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self._reload()
        return False
