"""File > Restore from backup: the backups of this database with their dates and counts.

Restoring keeps the current content as a backup first ("before-restore"), so a restore can be undone by
restoring that one. The shell opens it with ``RestoreDialog(ctx, parent=window).open()``; after a restore
it has already called ``ctx.apply(Changes.everything())``.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Signal
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
from forumdesk.ui.models.records import Column, RecordTableModel
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp


class BackupColumn(IntEnum):
    TAKEN = 0
    REASON = 1
    ACTIONS = 2
    MEETINGS = 3
    SIZE = 4


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


BACKUP_COLUMNS: tuple[Column[BackupInfo], ...] = (  # in ``BackupColumn`` order
    Column("Taken", lambda b: b.label),
    Column("Why", lambda b: reason_label(b.reason)),
    Column("Actions", lambda b: f"{b.actions:,}", lambda b: b.actions, align_right=True),
    Column("Meetings", lambda b: f"{b.meetings:,}", lambda b: b.meetings, align_right=True),
    Column("Size", lambda b: f"{b.size / 1_048_576:.1f} MB", lambda b: b.size, align_right=True),
)


class RestoreDialog(QDialog):
    restored = Signal(object)  # the BackupInfo of the content that was replaced

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Restore from backup")
        self.model = RecordTableModel(BACKUP_COLUMNS, self)
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
        self.model.set_records(self._ctx.services.backups.backups())
        self.restore_button.setEnabled(False)
        if not self.model.rowCount():
            self.message.setText("There are no backups of this database yet.")

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

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
