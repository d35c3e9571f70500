"""The forum register: every forum, grouped under its family or parent board, searchable; beside it the
chosen forum's page (``_forum_view.ForumView``). Ctrl+N adds a forum, Ctrl+F searches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import Changes
from forumdesk.domain.model import Forum
from forumdesk.ui.dialogs.forum_dialog import ForumDialog
from forumdesk.ui.models.roles import ID_ROLE, OBJECT_ROLE, SEARCH_ROLE, SORT_ROLE
from forumdesk.ui.models.word_filter import WordFilter
from forumdesk.ui.pages._common import (
    KeptCurrent,
    list_beside_detail,
    muted_label,
    record_tree,
    search_box,
    search_keys,
    shortcut,
    tab_order,
)
from forumdesk.ui.pages._forum_view import ForumView
from forumdesk.ui.shell.context import AppContext

LAST_FORUM_KEY = "pages/forums/last_forum_id"
_RELEVANT = ("forums", "memberships", "meetings", "actions", "strategy", "people", "organisations")


def _relevant(changes: Changes) -> bool:
    return any(getattr(changes, name) for name in _RELEVANT)


class ForumRegisterModel(QStandardItemModel):
    """Forums as a tree: local bodies and sub-groups under the forum they report to."""

    HEADERS = ("Forum", "District")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))

    def set_forums(self, forums: list[Forum]) -> None:
        self.removeRows(0, self.rowCount())
        by_id = {f.id: f for f in forums}
        rows: dict[int, list[QStandardItem]] = {f.id: self._row(f) for f in forums}
        for forum in forums:
            parent = rows.get(forum.parent_id) if forum.parent_id in by_id else None
            if parent is not None:
                parent[0].appendRow(rows[forum.id])
            else:
                self.appendRow(rows[forum.id])
        for forum in forums:  # a family shows how many local bodies it has
            item = rows[forum.id][0]
            if item.rowCount():
                item.setText(f"{forum.name} ({item.rowCount()})")

    def _row(self, forum: Forum) -> list[QStandardItem]:
        cells = [QStandardItem(forum.name), QStandardItem(forum.district)]
        tip = f"{forum.name} ({forum.short_code})"
        if forum.priorities:
            tip += f"\nServes: {', '.join(forum.priorities)}"
        for cell in cells:
            cell.setEditable(False)
            cell.setData(forum.id, ID_ROLE)
            cell.setData(cell.text().lower(), SORT_ROLE)
            cell.setToolTip(tip)
        cells[0].setData(forum, OBJECT_ROLE)
        # the search matches the priority areas too, through a hidden text on the first cell
        cells[0].setData(" ".join((forum.name, forum.district, forum.short_code, *forum.priorities)), SEARCH_ROLE)
        if forum.archived:
            font = QFont()
            font.setItalic(True)
            for cell in cells:
                cell.setFont(font)
            cells[0].setText(f"{forum.name} (archived)")
        return cells


class _RegisterFilter(WordFilter):
    """Matches the search words against name, district, code and priority areas; the switch shows archived
    forums."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # type: ignore[override]
        index = self.sourceModel().index(row, 0, parent)
        forum: Forum | None = index.data(OBJECT_ROLE)
        if forum is None or (forum.archived and not self.switch):
            return False
        return self.has_words(str(index.data(SEARCH_ROLE) or ""))


class ForumsPage(QWidget):
    title = "Forums"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.current = KeptCurrent(self, ctx, _relevant, lambda: self.reload(), self._apply_changes)
        self.search = search_box("Search forums, districts, priority areas (Ctrl+F)", "Search forums", self)
        self.show_archived = QCheckBox("Show archived", self)
        self.show_archived.setAccessibleName("Show archived forums")
        self.add_button = QPushButton("&Add forum…", self)
        self.add_button.setAccessibleName("Add a forum")
        self.count_label = muted_label("", self)
        self.model = ForumRegisterModel(self)
        self.proxy = _RegisterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = record_tree("Forum register", self.proxy, self)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view = ForumView(ctx, self)
        self._build()
        self.search.textChanged.connect(self._on_search_changed)
        self.show_archived.toggled.connect(self._on_search_changed)
        self.add_button.clicked.connect(self.new_item)
        self.tree.selectionModel().currentRowChanged.connect(self._on_tree_current_changed)
        self.view.forum_selected.connect(self.select_forum)
        shortcut("Ctrl+N", self, self.new_item)
        search_keys(self, self.search, self.tree, self.focus_search)
        self.reload()

    def _build(self) -> None:
        left = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_archived)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.tree, 1)
        column.addLayout(bottom)
        list_beside_detail(self, left, self.view)
        tab_order(self.search, self.add_button, self.tree, self.show_archived)

    # -- page protocol ------------------------------------------------------------------------------------
    def show_filtered(self, **filters: Any) -> None:
        if "search" in filters:
            self.search.setText(str(filters["search"]))
        if filters.get("forum_id") is not None:
            self.select_forum(int(filters["forum_id"]))

    def new_item(self) -> None:
        """Ctrl+N: a member when a forum's Members tab is open, else a forum."""
        # with a forum's Members tab open, a member (issue 15 item 11); "Add forum…" (Alt+A) adds a forum
        if self.view.tabs.currentIndex() == 1 and self.view.forum is not None:
            self.view.add_member()
            return
        dialog = ForumDialog(self._ctx, None, self)
        dialog.saved.connect(self.select_forum)
        dialog.open()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.view.forum.id if self.view.forum else None
        forums = self._ctx.services.forums.forums()
        self.model.set_forums(forums)
        self.tree.expandAll()
        live = sum(1 for f in forums if not f.archived)
        archived = len(forums) - live
        self.count_label.setText(f"{live} forums" + (f", {archived} archived" if archived else ""))
        self.current.fresh()
        remembered = QSettings().value(LAST_FORUM_KEY)
        if current is None and remembered is not None and str(remembered).isdigit():
            current = int(str(remembered))
        if current is not None and any(f.id == current for f in forums):
            self.select_forum(current)
        else:
            self._select_first()

    def select_forum(self, forum_id: int) -> None:
        matches = self.model.match(
            self.model.index(0, 0), ID_ROLE, forum_id, 1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        )
        self.view.show_forum(forum_id)
        if matches:
            index = self.proxy.mapFromSource(matches[0])
            if not index.isValid():  # hidden by the search or archived: show it anyway
                self.search.clear()
                self.show_archived.setChecked(True)
                index = self.proxy.mapFromSource(matches[0])
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.tree.selectionModel().setCurrentIndex(index, flags)
            self.tree.scrollTo(index)

    def _select_first(self) -> None:
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.select_forum(int(first.data(ID_ROLE)))
        else:
            self.view.show_forum(None)

    def _on_search_changed(self) -> None:
        self.proxy.set_filter(self.search.text(), self.show_archived.isChecked())
        self.tree.expandAll()

    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            forum_id = int(current.data(ID_ROLE))
            if self.view.forum is None or self.view.forum.id != forum_id:
                self.view.show_forum(forum_id)
            QSettings().setValue(LAST_FORUM_KEY, forum_id)

    def _apply_changes(self, changes: Changes) -> None:
        if changes.forums or changes.strategy:
            self.reload()
        elif self.view.forum is not None:
            self.view.show_forum(self.view.forum.id)

