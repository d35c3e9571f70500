"""The audit trail of one record, read-only: who changed what, when, from what to what.

Pages open it for the selected record (an action, a meeting, a person...)::

    AuditDialog(ctx.services, "action", action.id, action.ref, parent=self).open()
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from forumdesk.domain.model import AuditEntry
from forumdesk.services import Services
from forumdesk.ui.models.records import Column, RecordTableModel, sorting_proxy


class AuditColumn(IntEnum):
    WHEN = 0
    USER = 1
    OPERATION = 2
    FIELD = 3
    OLD = 4
    NEW = 5


def _short(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= 200 else text[:199] + "…"


def _when(entry: AuditEntry) -> str:
    return entry.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")


# Read-only rows of the audit trail, in ``AuditColumn`` order; the time sorts by the row id (the order the
# changes were made).
AUDIT_COLUMNS: tuple[Column[AuditEntry], ...] = (
    Column("When", _when, lambda e: e.id),
    Column("By", lambda e: _short(e.user)),
    Column("Change", lambda e: _short(e.operation)),
    Column("Field", lambda e: _short(e.field)),
    Column("Was", lambda e: _short(e.old_value), tooltip=lambda e: e.old_value or ""),
    Column("Became", lambda e: _short(e.new_value), tooltip=lambda e: e.new_value or ""),
)


class AuditDialog(QDialog):
    def __init__(
        self, services: Services, entity: str, entity_id: int, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        label = title or f"{entity} {entity_id}"
        self.setWindowTitle(f"History of {label}")
        self.setAccessibleName("Audit trail")
        entries = services.privacy.history(entity, entity_id)
        self.model = RecordTableModel(AUDIT_COLUMNS, self)
        self.model.set_records(entries)
        proxy = sorting_proxy(self.model, self)
        self.table = QTableView(self)
        self.table.setModel(proxy)
        self.table.setAccessibleName("Changes to this record")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AuditColumn.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        summary = QLabel(
            f"{len(entries)} recorded change{'s' if len(entries) != 1 else ''}; times are local,"
            " stored in UTC; the trail cannot be edited.",
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 420)
