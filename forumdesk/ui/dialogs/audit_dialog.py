"""The audit trail of one record, read-only: who changed what, when, from what to what.

Pages open it for the selected record (an action, a meeting, a person...)::

    AuditDialog(ctx.services, "action", action.id, action.ref, parent=self).open()
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from forumdesk.domain.model import AuditEntry
from forumdesk.services import Services

ObjectRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex


class AuditColumn(IntEnum):
    WHEN = 0
    USER = 1
    OPERATION = 2
    FIELD = 3
    OLD = 4
    NEW = 5


_TITLES = ("When", "By", "Change", "Field", "Was", "Became")


def _display(entry: AuditEntry, column: AuditColumn) -> str:
    if column is AuditColumn.WHEN:
        return entry.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
    values = {
        AuditColumn.USER: entry.user,
        AuditColumn.OPERATION: entry.operation,
        AuditColumn.FIELD: entry.field,
        AuditColumn.OLD: entry.old_value or "",
        AuditColumn.NEW: entry.new_value or "",
    }
    text = values[column]
    return text if len(text) <= 200 else text[:199] + "…"


class AuditTableModel(QAbstractTableModel):
    """Read-only rows of the audit trail; the sort role gives native values (the time, the row id)."""

    def __init__(self, entries: list[AuditEntry], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = entries

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AuditColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _TITLES[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = AuditColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (AuditColumn.OLD, AuditColumn.NEW):
            return (entry.old_value if column is AuditColumn.OLD else entry.new_value) or ""
        if role == SortRole:
            return entry.id if column is AuditColumn.WHEN else _display(entry, column)
        if role == ObjectRole:
            return entry
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # never editable


class AuditDialog(QDialog):
    def __init__(
        self, services: Services, entity: str, entity_id: int, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        label = title or f"{entity} {entity_id}"
        self.setWindowTitle(f"History of {label}")
        self.setAccessibleName("Audit trail")
        entries = services.privacy.history(entity, entity_id)
        self.model = AuditTableModel(entries, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SortRole)
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
