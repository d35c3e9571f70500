"""File > Restore from backup: the backups of this database with their dates and counts.

Restoring keeps the current content as a backup first ("before-restore"), so a restore can be undone by
restoring that one. The shell opens it with ``RestoreDialog(ctx, parent=window).open()``; after a restore
it has already called ``ctx.apply(Changes.everything())``.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import nothing_changed
from forumdesk.domain.errors import ForumDeskError
from forumdesk.services.backups import BackupInfo
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp

ObjectRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class BackupColumn(IntEnum):
    TAKEN = 0
    REASON = 1
    ACTIONS = 2
    MEETINGS = 3
    SIZE = 4


_TITLES = ("Taken", "Why", "Actions", "Meetings", "Size")
_REASONS = {
    "auto": "Automatic",
    "manual": "By hand",
    "import": "Before an import",
    "before-restore": "Before a restore",
}


def reason_label(reason: str) -> str:
    if reason.startswith("before-0") or reason.startswith("before-migration"):
        return "Before an upgrade"
    return _REASONS.get(reason, reason.replace("-", " ").capitalize())


class BackupTableModel(QAbstractTableModel):
    def __init__(self, backups: list[BackupInfo], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backups = backups

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(BackupColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _TITLES[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self.backups[index.row()]
        column = BackupColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                BackupColumn.TAKEN: backup.label,
                BackupColumn.REASON: reason_label(backup.reason),
                BackupColumn.ACTIONS: f"{backup.actions:,}",
                BackupColumn.MEETINGS: f"{backup.meetings:,}",
                BackupColumn.SIZE: f"{backup.size / 1_048_576:.1f} MB",
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= BackupColumn.ACTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ObjectRole:
            return backup
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RestoreDialog(QDialog):
    restored = Signal(object)  # the BackupInfo of the content that was replaced

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Restore from backup")
        self.model = BackupTableModel([], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.setAccessibleName("Backups of this database")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Restore status")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.backup_button = QPushButton("&Back up now", self)
        self.restore_button = QPushButton("&Restore this backup", self)
        self.restore_button.setEnabled(False)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Restoring replaces everything with the backup's content. What is there now is"
                " kept as a backup first, so you can go back.",
                self,
            )
        )
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.reload()

    def reload(self) -> None:
        self.model.beginResetModel()
        self.model.backups = self._ctx.services.backups.backups()
        self.model.endResetModel()
        self.restore_button.setEnabled(False)
        if not self.model.backups:
            self.message.setText("There are no backups of this database yet.")

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def _on_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self._ctx.services.read_only)

    def _on_backup_clicked(self) -> None:
        def taken(info: BackupInfo) -> None:
            self.reload()
            self.message.setText(f"Backed up at {info.label}.")

        WriteOp(self._ctx, lambda s: nothing_changed(s.backups.backup_now("manual"))).success(taken).failure(
            self._on_failed
        ).run(initiator=self)

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return

        def restored(aside: BackupInfo) -> None:
            self.reload()
            self.message.setText(
                f"Restored the backup of {backup.label}. What was there before was kept as the backup of"
                f" {aside.label}."
            )
            self.restored.emit(aside)

        self.restore_button.setEnabled(False)
        WriteOp(self._ctx, lambda s: s.backups.restore(backup)).success(restored).failure(self._on_failed).run(
            initiator=self
        )

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, ForumDeskError):
            self.message.setText(str(error))
        else:
            self._ctx.report(error)
