"""The generic table model: a list of domain records shown through a list of ``Column``s.

Each column gives the display text, a native sort value (``SORT_ROLE``), optionally a tooltip and a cell's
colours; every cell answers ``OBJECT_ROLE`` with its record, so a ``QSortFilterProxyModel`` (``sorting_proxy``)
can sort and filter it and a view can hand back what was chosen. Used for every read-only table of up to a
few thousand rows (registers, audit trail, backups, attendance, matters arising); the 100k-row action
tracker is its own paged model (``action_table``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from forumdesk.ui.models.roles import OBJECT_ROLE, SORT_ROLE

__all__ = ["Column", "RecordTableModel", "sorting_proxy"]

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex
_COLOUR_ROLES: dict[int, int] = {Qt.ItemDataRole.BackgroundRole: 0, Qt.ItemDataRole.ForegroundRole: 1}


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    align_right: bool = False
    tooltip: bool | Callable[[T], str] = False  # True: the full text as a tooltip (long cells)
    colours: Callable[[T], tuple[QColor, QColor]] | None = None  # (background, foreground), e.g. a RAG cell


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table of records; reset with ``set_records``."""

    def __init__(self, columns: Sequence[Column[T]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[T] = []
        self._muted: Callable[[T], bool] = lambda _record: False

    def set_muted(self, muted: Callable[[T], bool]) -> None:
        """Records for which ``muted`` is true are shown in italics (archived, ended)."""
        self._muted = muted

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def row_where(self, matches: Callable[[T], bool]) -> int:
        """The row of the first record ``matches`` accepts, or -1."""
        return next((n for n, record in enumerate(self._records) if matches(record)), -1)

    def records(self) -> list[T]:
        return list(self._records)

    def record(self, row: int) -> T:
        return self._records[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._records[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record).lower()
        if role == OBJECT_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record) if callable(column.tooltip) else column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in _COLOUR_ROLES and column.colours is not None:
            return column.colours(record)[_COLOUR_ROLES[role]]
        if role == Qt.ItemDataRole.FontRole and self._muted(record):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None


def sorting_proxy(model: QAbstractTableModel, parent: QWidget) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy
