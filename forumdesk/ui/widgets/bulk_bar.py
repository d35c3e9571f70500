"""Shown when several actions are selected: set the status or the owner of all of them at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.patches import ActionPatch
from forumdesk.ui.widgets.choices import ChoiceLists
from forumdesk.ui.widgets.folding import FoldingCompleter


class BulkEditBar(QWidget):
    edit_requested = Signal(object)  # the ActionPatch for every selected action
    invalid = Signal(str)

    def __init__(self, choices: ChoiceLists, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self.count = QLabel(self)
        self.status = QComboBox(self)
        self.status.setAccessibleName("New status for the selected actions")
        for status in ActionStatus:
            self.status.addItem(status.label, status)
        self.set_status = QPushButton("Set status", self)
        self.set_status.setAccessibleName("Set the status of the selected actions")
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("New owner")
        self.owner.setAccessibleName("New owner for the selected actions")
        self.owner.setCompleter(FoldingCompleter(choices.people_names, self.owner))  # accents aside
        self.set_owner = QPushButton("Set owner", self)
        self.set_owner.setAccessibleName("Set the owner of the selected actions")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count)
        layout.addStretch(1)
        for widget in (self.status, self.set_status, self.owner, self.set_owner):
            layout.addWidget(widget)
        self.set_status.clicked.connect(
            lambda: self.edit_requested.emit(ActionPatch(status=ActionStatus(self.status.currentData())))
        )
        self.set_owner.clicked.connect(self._on_set_owner_clicked)
        self.owner.returnPressed.connect(self._on_set_owner_clicked)
        self.hide()

    def show_count(self, selected: int) -> None:
        self.count.setText(f"{selected:,} actions selected")
        self.setVisible(selected > 1)

    def _on_set_owner_clicked(self) -> None:
        try:
            person_id = self._choices.resolve_person(self.owner.text())
        except ForumDeskError as error:
            self.invalid.emit(str(error))
            return
        self.edit_requested.emit(ActionPatch(owner_id=person_id))
