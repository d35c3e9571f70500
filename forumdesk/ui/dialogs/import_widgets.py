"""Pieces of the import wizard: small widget helpers, the preview table's model, and the report lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from forumdesk.domain.errors import ForumDeskError
from forumdesk.services.imports import (
    ActionImportPlan,
    Field,
    Outcome,
    PeopleImportPlan,
    PersonField,
    Table,
    cell_text,
    column_letters,
)

PREVIEW_ROWS = 50
AnyField = Field | PersonField
Index = QModelIndex | QPersistentModelIndex




def wrapped(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    return label


def buddy(label: QLabel, widget: QWidget) -> QLabel:
    label.setBuddy(widget)
    return label


def message_of(error: BaseException) -> str:
    return str(error) if isinstance(error, ForumDeskError) else f"Something unexpected went wrong ({error!r})"


class PreviewTableModel(QAbstractTableModel):
    """The first rows below a sheet's header, with the header's labels as column titles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._rows: list[tuple[object, ...]] = []
        self._table: Table | None = None
        self._first = 0  # the sheet's 0-based row index of the first row shown

    def show_table(self, table: Table | None, header_row: int, labels: Sequence[str] | None = None) -> None:
        """``labels``: the header as found, when it spans two rows (a group label above the names)."""
        self.beginResetModel()
        self._table, self._first = table, header_row + 1
        if table is None:
            self._labels, self._rows = [], []
        else:
            header = labels if labels is not None else table.rows[header_row] if header_row < len(table.rows) else ()
            rows = table.rows[header_row + 1 : header_row + 1 + PREVIEW_ROWS]
            width = max([len(header), *(len(r) for r in rows)])
            self._labels = [
                f"{column_letters(i)}: {cell_text(header[i]) if i < len(header) else ''}" for i in range(width)
            ]
            self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._labels)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self._rows[index.row()]
            return cell_text(row[index.column()]) if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole and self._table is not None:  # RAG colours shown as filled
            rgb = self._table.fill(self._first + index.row(), index.column())
            return QColor(f"#{rgb}") if rgb else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._labels[section] if section < len(self._labels) else None
        return str(self._first + section + 1)  # the row number the spreadsheet shows


def report_lines(plan: ActionImportPlan) -> list[str]:
    lines = []
    for row in plan.rows:
        if row.outcome is not Outcome.SKIP:
            ref = row.row.ref or "(new ref)"
            words = " ".join(row.row.description.split())
            short = words if len(words) <= 50 else words[:49] + "…"
            detail = f" — {row.reason}" if row.reason else ""
            lines.append(f"{row.row.place}: {row.outcome.value} {ref} “{short}”{detail}")
    lines += [f"{m.place}: skip — {m.reason}" for m in plan.skipped]
    lines += [f"{m.place}: note — {m.reason}" for m in plan.file.warnings]
    lines += [f"New person: {name}" for name in plan.people_to_create]
    lines += [f"New agency: {name}" for name in plan.agencies_to_create]
    return lines


def people_report_lines(plan: PeopleImportPlan) -> list[str]:
    lines = []
    for row in plan.rows:
        if row.outcome is not Outcome.SKIP:
            detail = f" — {row.reason}" if row.reason else ""
            joins = f"; joins {plan.forum_name}" if row.join_forum else ""
            lines.append(f"{row.row.place}: {row.outcome.value} {row.row.name}{detail}{joins}")
    lines += [f"{m.place}: skip — {m.reason}" for m in plan.skipped]
    lines += [f"{m.place}: note — {m.reason}" for m in plan.file.warnings]
    lines += [f"New agency: {name}" for name in plan.agencies_to_create]
    return lines
