"""The agenda editor: the numbered agenda with running end times, reordered by drag and drop or by
Ctrl+Up / Ctrl+Down; Insert adds an item (Shift+Insert a sub-item under the selected one), Delete removes
one; the form beside it edits the selected item (title, purpose, presenter, minutes allowed, linked aims),
and under the table are the item's papers (``ui.meeting.papers``: attach, open, remove).

The form is saved as it is typed: the first edit after a save starts a ``SAVE_DELAY_MS`` timer, and choosing
another row (or adding, moving, removing one) saves at once. A reload from the database (after a save, or the
change watcher noticing any commit) never overwrites the form while it holds unsaved edits or the keyboard
focus (issue 15, items 1 and 2)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.enums import AgendaPurpose
from forumdesk.domain.model import AgendaItem
from forumdesk.domain.patches import AgendaItemPatch
from forumdesk.ui.meeting.common import AgendaTableModel, meeting_table, shortcut, write
from forumdesk.ui.meeting.papers import PapersPanel
from forumdesk.ui.shell.context import AppContext

SAVE_DELAY_MS = 700


class AgendaEditor(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self._select_after: int | None = None
        self._form_id: int | None = None  # the item the form shows
        self._dirty = False  # the form holds edits not yet sent to the write lane
        self._loading = False
        self._refreshing = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_pending)
        self.model = AgendaTableModel(self)
        self.model.reorder_requested.connect(self._on_reorder_requested)
        self.table = meeting_table(self.model, "Agenda", self)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for narrow in (0, 4, 5):  # ref, minutes, end time: as wide as their text, the rest for the title
            self.table.horizontalHeader().setSectionResizeMode(narrow, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Item title")
        self.purpose = QComboBox(self)
        self.purpose.setAccessibleName("Purpose")
        for purpose in AgendaPurpose:
            self.purpose.addItem(purpose.value.capitalize(), purpose)
        self.presenter = QLineEdit(self)
        self.presenter.setAccessibleName("Presenter")
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes allowed")
        self.aims = QLineEdit(self)
        self.aims.setAccessibleName("Linked aims")
        self.aims.setPlaceholderText("Aim codes, e.g. DA-1 DA-3")
        self.save_button = QPushButton("&Save item", self)
        self.save_button.clicked.connect(self.save_item)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Purpose:", self.purpose)
        form.addRow("P&resenter:", self.presenter)
        form.addRow("&Minutes allowed:", self.minutes)
        form.addRow("Linked &aims:", self.aims)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        # The form beside the table, not under it: under it, a 768-pixel screen at 150% had no height left
        # for the fields (issue 15 item 4).
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        keys = QLabel("Ctrl+↑/↓ move · Insert add · Shift+Insert sub-item · Delete remove · or drag")
        keys.setWordWrap(True)
        left.addWidget(keys)
        self.papers = PapersPanel(ctx, self)  # under the table, which gives up the height: a short screen fits
        left.addWidget(self.papers)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        self.error_label.setWordWrap(True)
        right.addWidget(self.error_label)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        for line in (self.title, self.presenter, self.aims):
            line.returnPressed.connect(self.save_item)
            line.textEdited.connect(self._on_form_edited)
        self.purpose.currentIndexChanged.connect(self._on_form_edited)
        self.minutes.valueChanged.connect(self._on_form_edited)
        shortcut("Ctrl+Up", self.table, lambda: self.move_selected(-1))
        shortcut("Ctrl+Down", self.table, lambda: self.move_selected(1))
        shortcut("Insert", self.table, lambda: self.add_item(sub=False))
        shortcut("Shift+Insert", self.table, lambda: self.add_item(sub=True))
        shortcut("Delete", self.table, self.remove_selected)

    def set_meeting(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def refresh(self) -> None:
        if self.meeting_id is None:
            return
        current = self.selected()
        selected = self._select_after or (current.id if current else None)
        self._select_after = None
        cycle = self.ctx.services.cycle
        self._refreshing = True  # the model reset clears the current row: not a row the user chose
        try:
            self.model.set_items(cycle.items(self.meeting_id), cycle.end_times(self.meeting_id))
            row = self.model.row_of(selected) if selected is not None else 0
            if self.model.rowCount():
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(max(0, row), 1),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
        finally:
            self._refreshing = False
        self._load_form()

    def selected(self) -> AgendaItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def _on_table_row_changed(self, *_args: object) -> None:
        if not self._refreshing:
            self._load_form()

    def _form_widgets(self) -> tuple[QWidget, ...]:
        return (self.title, self.purpose, self.presenter, self.minutes, self.aims)

    def _load_form(self) -> None:
        item = self.selected()
        if self._form_id is not None and (item is None or item.id != self._form_id):
            if self.model.row_of(self._form_id) >= 0:
                self.save_pending()  # another row chosen: keep what was typed in this one
            else:
                self._save_timer.stop()
                self._dirty = False  # the item itself was removed
        self.papers.set_item(self.meeting_id, item)
        same_item = item is not None and item.id == self._form_id
        editing = same_item and (self._dirty or any(w.hasFocus() for w in self._form_widgets()))
        if not editing:
            # a field being typed in is never disabled here: that would move the focus away mid-word
            for widget in (*self._form_widgets(), self.save_button):
                widget.setEnabled(item is not None)
        self._form_id = item.id if item is not None else None
        if item is None or editing:
            return  # a reload never overwrites what is being typed
        self._loading = True
        try:
            self.title.setText(item.title)
            self.purpose.setCurrentIndex(self.purpose.findData(item.purpose))
            self.presenter.setText(item.presenter)
            self.minutes.setValue(item.minutes_allowed)
            self.aims.setText(" ".join(item.aim_codes))
            for line in (self.title, self.presenter, self.aims):
                line.setCursorPosition(0)  # a long title shows its first words, not its last
        finally:
            self._loading = False
        self._dirty = False

    def _on_form_edited(self, *_args: object) -> None:
        if self._loading or self._form_id is None:
            return
        self._dirty = True
        if not self._save_timer.isActive():  # not restarted by further typing: saved at least this often
            self._save_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_pending()
        super().hideEvent(event)

    # -- writes -------------------------------------------------------------------------------------------
    def save_item(self) -> None:
        """Enter or "Save item": save now (a typed edit is saved anyway, see ``save_pending``)."""
        self._dirty = self._dirty or self._form_id is not None
        self.save_pending()

    def save_pending(self) -> None:
        """Send the form's unsaved edits of its item to the write lane."""
        self._save_timer.stop()
        item_id = self._form_id
        if not self._dirty or item_id is None:
            return
        if not self.title.text().strip():
            self.error_label.setText("An agenda item needs a title: type one (it is saved as you type)")
            return
        self._dirty = False
        values = {
            "title": self.title.text(),
            "presenter": self.presenter.text(),
            "purpose": self.purpose.currentData(),
            "minutes_allowed": self.minutes.value(),
        }
        codes = self.aims.text().replace(",", " ").split()
        self._write(lambda s: s.cycle.edit_item(item_id, AgendaItemPatch(**values), aim_codes=codes))

    def add_item(self, *, sub: bool) -> None:
        self.save_pending()
        meeting_id, parent = self.meeting_id, self.selected()
        if meeting_id is None:
            return
        parent_id = None
        if sub and parent is not None:
            parent_id = parent.parent_id or parent.id
        self._write(
            lambda s: s.cycle.add_item(meeting_id, "New item", parent_id=parent_id),
            on_done=lambda value: self._focus_title(value),
        )

    def _focus_title(self, item_id: int) -> None:
        self._select_after = item_id
        self.refresh()
        self.title.setFocus()
        self.title.selectAll()

    def move_selected(self, delta: int) -> None:
        self.save_pending()
        item = self.selected()
        if item is not None:
            self._select_after = item.id
            self._write(lambda s: s.cycle.move_item(item.id, delta))

    def remove_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self._save_timer.stop()
            self._dirty = False  # its unsaved edits go with it
            self._write(lambda s: s.cycle.remove_item(item.id))

    def _on_reorder_requested(self, order: list[int], parent_id: Any) -> None:
        meeting_id = self.meeting_id
        if meeting_id is not None:
            self.save_pending()
            current = self.selected()
            self._select_after = current.id if current else None
            self._write(lambda s: s.cycle.reorder(meeting_id, order, parent_id=parent_id))

    def _write(self, fn: Any, on_done: Any = None) -> None:
        write(self.ctx, fn, on_done=on_done or (lambda _r: self.refresh()), error_label=self.error_label)
