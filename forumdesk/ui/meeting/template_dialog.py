"""The forum's standing agenda items (its template), applied to every new meeting of the forum.

The list is edited in the dialog and saved in one write when accepted: Insert adds an item, Delete removes
one, Ctrl+Up / Ctrl+Down move it; the form edits the selected item. "New business" marks where new items go.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QListView, QSpinBox, QWidget

from forumdesk.domain.agenda import NEW_BUSINESS, TemplateItem
from forumdesk.domain.enums import AgendaPurpose
from forumdesk.ui.dialogs.base import FormDialog
from forumdesk.ui.meeting.common import shortcut

_Index = QModelIndex | QPersistentModelIndex


class TemplateListModel(QAbstractListModel):
    def __init__(self, items: list[TemplateItem], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items = list(items)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.items[index.row()]
        if item.kind == NEW_BUSINESS:
            return "… new business goes here …"
        return f"{item.title} ({item.purpose.value}, {item.minutes_allowed} min)"

    def changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row), self.index(row))

    def reset(self, items: list[TemplateItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()


class TemplateDialog(FormDialog):
    def __init__(self, forum_name: str, items: list[TemplateItem], parent: QWidget | None = None) -> None:
        super().__init__(f"Standing agenda items — {forum_name}", parent)
        self.model = TemplateListModel(items, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Standing items")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.form.addRow(self.view)
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Standing item title")
        self.purpose = QComboBox(self)
        self.purpose.setAccessibleName("Purpose")
        for purpose in AgendaPurpose:
            self.purpose.addItem(purpose.value.capitalize(), purpose)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes allowed")
        self.presenter = QLineEdit(self)
        self.presenter.setAccessibleName("Presenter")
        self.form.addRow("&Title:", self.title)
        self.form.addRow("&Purpose:", self.purpose)
        self.form.addRow("&Minutes:", self.minutes)
        self.form.addRow("P&resenter:", self.presenter)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._load())
        self.title.textEdited.connect(self._store)
        self.presenter.textEdited.connect(self._store)
        self.purpose.activated.connect(self._store)
        self.minutes.valueChanged.connect(self._store)
        shortcut("Insert", self.view, self.add)
        shortcut("Delete", self.view, self.remove)
        shortcut("Ctrl+Up", self.view, lambda: self.move_item(-1))
        shortcut("Ctrl+Down", self.view, lambda: self.move_item(1))
        self._loading = False
        self.view.setCurrentIndex(self.model.index(0))
        self.resize(560, 520)

    def template(self) -> list[TemplateItem]:
        return list(self.model.items)

    def problem(self) -> str:
        if any(not t.title.strip() for t in self.model.items):
            return "Every standing item needs a title"
        return ""

    def _row(self) -> int:
        return self.view.currentIndex().row()

    def _load(self) -> None:
        row = self._row()
        if not 0 <= row < len(self.model.items):
            return
        item = self.model.items[row]
        self._loading = True
        self.title.setText(item.title)
        self.purpose.setCurrentIndex(self.purpose.findData(item.purpose))
        self.minutes.setValue(item.minutes_allowed)
        self.presenter.setText(item.presenter)
        self._loading = False
        for widget in (self.title, self.purpose, self.minutes, self.presenter):
            widget.setEnabled(item.kind != NEW_BUSINESS)

    def _store(self) -> None:
        row = self._row()
        if self._loading or not 0 <= row < len(self.model.items):
            return
        self.model.items[row] = replace(
            self.model.items[row],
            title=self.title.text(),
            purpose=AgendaPurpose(self.purpose.currentData()),
            minutes_allowed=self.minutes.value(),
            presenter=self.presenter.text(),
        )
        self.model.changed(row)

    def add(self) -> None:
        row = self._row() + 1
        items = list(self.model.items)
        items.insert(row, TemplateItem("", "New standing item", AgendaPurpose.INFORMATION, 5))
        self._reset(items, row)
        self.title.setFocus()
        self.title.selectAll()

    def remove(self) -> None:
        row = self._row()
        if 0 <= row < len(self.model.items):
            items = list(self.model.items)
            items.pop(row)
            self._reset(items, min(row, len(items) - 1))

    def move_item(self, delta: int) -> None:
        row, items = self._row(), list(self.model.items)
        target = row + delta
        if 0 <= row < len(items) and 0 <= target < len(items):
            items.insert(target, items.pop(row))
            self._reset(items, target)

    def _reset(self, items: list[TemplateItem], row: int) -> None:
        self.model.reset(items)
        if items:
            self.view.setCurrentIndex(self.model.index(max(0, row)))
