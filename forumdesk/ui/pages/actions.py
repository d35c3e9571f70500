"""The Actions tracker: every action in one table, filtered and sorted in SQL, edited in place.

Filter bar on top, the paged table on the left, the chosen action's details and history on the right.
Edits (inline, several at once, a new update, a new action) run on the write lane as undoable commands;
the table follows ``changes_applied`` like every other view.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import Changes
from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.patches import ActionPatch
from forumdesk.ui.dialogs.your_name import secretary_name
from forumdesk.ui.meeting.capture import EditActionDialog
from forumdesk.ui.models.action_table import COLUMN_OF, ActionTableModel, Column
from forumdesk.ui.pages._common import leads_to
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp
from forumdesk.ui.widgets.action_detail import ActionDetailPanel
from forumdesk.ui.widgets.bulk_bar import BulkEditBar
from forumdesk.ui.widgets.choices import ChoiceLists
from forumdesk.ui.widgets.delegates import DateDelegate, OwnerDelegate, RagDelegate, StatusDelegate
from forumdesk.ui.widgets.filter_bar import ActionFilterBar
from forumdesk.ui.widgets.message_bar import MessageBar
from forumdesk.ui.widgets.new_action_dialog import NewActionDialog
from forumdesk.ui.widgets.rag_legend import RagLegend

# Initial widths in average characters (or of sample text); the Action column takes what is left.
_WIDTHS = {Column.FORUM: 15, Column.OWNER: 13, Column.AGENCY: 12, Column.LATEST: 20, Column.AIMS: 7}
_SAMPLES = {
    Column.REF: "ESTSCB/24/006", Column.DUE: "00/00/00000", Column.REVISED: "00/00/00000",
    Column.STATUS: "In progress", Column.RAG: "Amber*", Column.CHASED: "00/00/00000",
}


class ActionsPage(QWidget):
    title = "Actions"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._keep_id: int | None = None  # the row to select once the next list of ids is in
        self._current_id: int | None = None  # the action in the details panel
        self.setAccessibleName("Actions tracker")
        self.choices = ChoiceLists(ctx, self)
        self.message = MessageBar(self)
        self.filter_bar = ActionFilterBar(self.choices, self)
        self.model = ActionTableModel(ctx, self)
        self.table = self._make_table()
        self.detail = ActionDetailPanel(ctx, self)
        self.bulk = BulkEditBar(self.choices, self)
        self.count = QLabel("Loading…", self)
        self.count.setAccessibleName("Number of actions shown")
        self.new_button = QPushButton("&New action…", self)
        self.new_button.setToolTip("Record a new action (Ctrl+N)")
        self.new_button.setAccessibleName("New action")
        self._layout()
        self._connect()
        self.model.set_query(self.filter_bar.query())

    # -- building -----------------------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setAccessibleName("Actions")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        # Fixed row heights: the view never measures rows it has not shown (100,000 rows stay instant).
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        metrics = table.fontMetrics()
        for column, chars in _WIDTHS.items():
            table.setColumnWidth(column, chars * metrics.averageCharWidth() + 16)
        for column, sample in _SAMPLES.items():
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(Column.ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.DUE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        table.setItemDelegateForColumn(Column.STATUS, StatusDelegate(table))
        table.setItemDelegateForColumn(Column.RAG, RagDelegate(table))
        self.date_delegate = DateDelegate(table)
        table.setItemDelegateForColumn(Column.DUE, self.date_delegate)
        table.setItemDelegateForColumn(Column.REVISED, self.date_delegate)
        self.owner_delegate = OwnerDelegate(self.choices.people_names, self.choices.resolve_person, table)
        table.setItemDelegateForColumn(Column.OWNER, self.owner_delegate)
        return table

    def _layout(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.bulk)
        # The details go under the table: a laptop's 1366 pixels are all needed for the eleven columns.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 230])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addSpacing(16)
        bottom.addWidget(RagLegend(self), 1)
        bottom.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.message)
        layout.addWidget(self.filter_bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.filter_bar.query_changed.connect(self._on_filter_query_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sort_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.loading_started.connect(lambda: self.count.setText("Searching…"))
        self.model.loaded.connect(self._on_model_loaded)
        self.model.load_failed.connect(self._on_error)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.bulk.edit_requested.connect(self._on_bulk_edit_requested)
        for source in (self.date_delegate, self.owner_delegate, self.bulk):
            source.invalid.connect(self.message.show_error)
        self.detail.update_requested.connect(self._on_update_requested)
        self.detail.correct_requested.connect(self.correct_action)
        self.new_button.clicked.connect(self.new_action)
        self._ctx.changes_applied.connect(self._on_changes_applied)
        leads_to(self.filter_bar.text, self.table)
        for keys, slot in (("Ctrl+F", self.focus_filter), ("Ctrl+N", self.new_action)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, keys, slot in (
            ("Mark complete", "Ctrl+D", lambda: self.set_status_of_selected(ActionStatus.COMPLETE)),
            ("Reopen", "Ctrl+Shift+D", lambda: self.set_status_of_selected(ActionStatus.OPEN)),
            ("Add an update", "Ctrl+U", self.focus_update),
            ("History of changes…", "Ctrl+H", self.show_audit),
            ("Correct text and aims…", "Ctrl+R", self.correct_action),
        ):
            action = QAction(text, self.table)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

    # -- the page protocol --------------------------------------------------------------------------------
    def show_filtered(self, **filters: Any) -> None:
        """Filters as ``ActionQuery`` fields (plus ``forum_id``, ``status``); ``select_id`` picks one row."""
        select = filters.pop("select_id", None)
        if select is not None:
            self._keep_id = int(select)
        self.filter_bar.apply_filters(**filters)

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    def new_action(self) -> None:
        forum_ids = self.filter_bar.query().forum_ids
        dialog = NewActionDialog(self._ctx, self.choices, forum_ids[0] if forum_ids else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._select_when_loaded(dialog.new_id))
        dialog.open()
        self.new_dialog = dialog  # reachable by tests

    def set_status_of_selected(self, status: ActionStatus) -> None:
        ids = self.selected_ids()
        if ids:
            self.message.hide()
            self._edit(ids, ActionPatch(status=status))

    def focus_update(self) -> None:
        if self.detail.action() is not None:
            self.detail.update_text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def correct_action(self) -> None:
        """The chosen action's text and aims, corrected in a dialog (issue 15 item 3)."""
        action = self.detail.action()
        if action is None:
            return
        dialog = EditActionDialog(action.ref, action.description, action.aim_codes, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            action_id, text, codes = action.id, dialog.text.text(), dialog.aim_codes()
            self.message.hide()
            WriteOp(self._ctx, lambda s: s.actions.correct(action_id, text, codes)).failure(self._on_error).run(
                initiator=self
            )

        dialog.accepted.connect(accepted)
        dialog.open()
        dialog.activateWindow()
        dialog.text.setFocus()
        self.correct_dialog = dialog  # reachable by tests

    def show_audit(self) -> None:
        """The audit trail of the action in the details panel."""
        from forumdesk.ui.dialogs.audit_dialog import AuditDialog

        action = self.detail.action()
        if action is not None:
            dialog = AuditDialog(self._ctx.services, "action", action.id, action.ref, parent=self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.audit_dialog = dialog  # reachable by tests

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.action_id(row) for row in rows]

    # -- slots --------------------------------------------------------------------------------------------
    def _on_filter_query_changed(self, query: Any) -> None:
        current = self.model.query
        self.model.set_query(dataclasses.replace(query, sort=current.sort, descending=current.descending))

    def _on_header_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.set_sort(column, order == Qt.SortOrder.DescendingOrder):
            # This column has no sort in SQL: put the indicator back where the order really is.
            query = self.model.query
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                COLUMN_OF.get(query.sort, Column.DUE),
                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)

    def _on_model_loaded(self, count: int) -> None:
        noun = "action" if count == 1 else "actions"
        self.count.setText(f"{count:,} {noun}")
        keep = self._keep_id if self._keep_id is not None else self._current_id
        self._keep_id = None
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.table.selectRow(row)  # the reset cleared the current row: this shows it in the details afresh
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._current_id = None
            self.detail.show_action(None)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        action = self.model.action(current.row()) if current.isValid() else None
        self._current_id = None if action is None else action.id
        self.detail.show_action(action)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.bulk.show_count(len(self.table.selectionModel().selectedRows()))

    def _edit(self, ids: list[int], patch: ActionPatch) -> None:
        """The same change to every action in ``ids``, in one operation (Edit > Undo takes it back)."""
        self.message.hide()
        WriteOp(self._ctx, lambda s: s.actions.bulk_edit(ids, patch)).failure(self._on_error).run(initiator=self)

    def _on_edit_requested(self, ids: list[int], patch: ActionPatch) -> None:
        self._edit(ids, patch)

    def _on_bulk_edit_requested(self, patch: ActionPatch) -> None:
        ids = self.selected_ids()
        if ids:
            self._edit(ids, patch)

    def _on_update_requested(self, action_id: int, text: str, on: Any) -> None:
        self.message.hide()
        author = secretary_name()  # read here, on the GUI thread; "" keeps the OS login
        WriteOp(self._ctx, lambda s: s.actions.add_update(action_id, text, on, author)).success(
            lambda _update_id: self.detail.clear_update()
        ).failure(self._on_error).run(initiator=self)

    def _on_changes_applied(self, changes: Changes) -> None:
        if changes.actions or changes.people or changes.forums or changes.organisations:
            self.model.reload()

    def _on_error(self, error: BaseException) -> None:
        from forumdesk.domain.errors import ForumDeskError

        if isinstance(error, ForumDeskError):
            self.message.show_error(str(error))
        else:
            self._ctx.report(error)

    def _select_when_loaded(self, action_id: int | None) -> None:
        self._keep_id = action_id
        row = self.model.row_of(action_id) if action_id is not None else -1
        if row >= 0:
            self.table.selectRow(row)
