"""Inline editors of the Actions tracker: a status combo, dd/mm/yyyy date fields and an owner completer.

Text that cannot be a date, or a name that is nobody (or two people), is refused with one line through
``invalid`` and the cell keeps its value; rules between fields (a due date before the date raised) are the
services' to check when the edit is written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from forumdesk.domain.dates import format_uk_date, parse_uk_date
from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.errors import ForumDeskError
from forumdesk.ui.widgets.folding import FoldingCompleter

_Index = QModelIndex | QPersistentModelIndex


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Status")
        for status in ActionStatus:
            combo.addItem(status.label, status)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        status = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(status)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, ActionStatus(editor.currentData()), Qt.ItemDataRole.EditRole)


class RagDelegate(QStyledItemDelegate):
    """The secretary's override of the colour the dates give (shown with an asterisk), or none."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("RAG override")
        combo.addItem("From the dates", None)
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
            combo.addItem(f"{rag.label} (set by hand)", rag.value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        override = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(None if override is None else str(override))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        value = editor.currentData()
        model.setData(index, None if value is None else Rag(value), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A dd/mm/yyyy field; an empty field clears the date."""

    invalid = Signal(str)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        edit = QLineEdit(parent)
        edit.setPlaceholderText("dd/mm/yyyy")
        edit.setAccessibleName("Date (dd/mm/yyyy)")
        return edit

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(format_uk_date(index.data(Qt.ItemDataRole.EditRole)))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        try:
            value = parse_uk_date(text) if text else None
        except ValueError as error:
            self.invalid.emit(str(error))
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class OwnerDelegate(QStyledItemDelegate):
    """A name with completion over the people; ``resolve(name)`` gives the person's id or raises."""

    invalid = Signal(str)

    def __init__(self, names: QStringListModel, resolve: Callable[[str], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self._resolve = resolve

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        edit = QLineEdit(parent)
        edit.setAccessibleName("Owner")
        edit.setPlaceholderText("Type a name")
        edit.setCompleter(FoldingCompleter(self._names, edit))  # "lukasz" finds Łukasz
        return edit

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        name = editor.text().strip()
        if name == str(index.data(Qt.ItemDataRole.DisplayRole) or ""):
            return
        try:
            person_id = self._resolve(name) if name else None
        except ForumDeskError as error:
            self.invalid.emit(str(error))
            return
        model.setData(index, person_id, Qt.ItemDataRole.EditRole)
