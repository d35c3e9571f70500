"""Keyboard capture in the meeting room: a decision (Ctrl+D), an action (Ctrl+Shift+A), a correction (F2),
agreeing and amending the minutes (the minutes are exported with the one Export dialog, Ctrl+Shift+E). Each
is a ``FormDialog`` opened with ``open()`` (never a nested event loop); Enter accepts once the input is valid,
Esc cancels. Input is checked here so a mistake is one line in the dialog, which stays open to correct it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from forumdesk.domain.dates import format_uk_date, parse_due_date
from forumdesk.ui.dialogs.base import FormDialog
from forumdesk.ui.widgets.folding import FoldingCompleter

DUE_HINT = "dd/mm/yyyy, 2 weeks, 10 days, next meeting"


class DecisionDialog(FormDialog):
    def __init__(self, item_title: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Decision — {item_title}", parent)
        self.text = self._text("&Decision:", "Decision", "What the forum decided")

    def problem(self) -> str:
        return "" if self.text.text().strip() else "Type the decision, or press Esc"


class EditActionDialog(FormDialog):
    """Correct an action's text and the aims it serves (issue 15 item 3)."""

    def __init__(self, ref: str, text: str, aim_codes: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(f"Correct action {ref}", parent)
        self.text = self._text("&Action:", "Action", "What is to be done")
        self.text.setText(text)
        self.aims = self._line("A&ims:", "Linked aims", "Aim codes, e.g. DA-1 DA-3")
        self.aims.setText(" ".join(aim_codes))
        self.aims.returnPressed.connect(self.accept)

    def aim_codes(self) -> list[str]:
        return self.aims.text().replace(",", " ").upper().split()

    def problem(self) -> str:
        return "" if self.text.text().strip() else "Type the action, or press Esc"


class ActionDialog(FormDialog):
    """Text; owner completed over members and agencies; due date as typed (``2 weeks``, ``next meeting``).
    Someone not yet known is added with "Add new person…" (Alt+N): ``add_person_requested(typed name)``."""

    add_person_requested = Signal(str)

    def __init__(
        self,
        item_title: str,
        owners: Sequence[str],
        raised_on: date,
        next_meeting: date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Action — {item_title}", parent)
        self._owners = {o.lower(): o for o in owners}
        self._raised_on, self._next_meeting = raised_on, next_meeting
        self.text = self._text("&Action:", "Action", "What is to be done")
        self.owner = QLineEdit(self)
        self.owner.setAccessibleName("Owner")
        self.owner.setPlaceholderText("Start typing a name or an agency")
        self.new_person_button = QPushButton("Add &new person…", self)
        self.new_person_button.setAccessibleName("Add a new person as the owner")
        self.new_person_button.setAutoDefault(False)
        self.new_person_button.clicked.connect(self._on_new_person_clicked)
        owner_row = QHBoxLayout()
        owner_row.addWidget(self.owner, 1)
        owner_row.addWidget(self.new_person_button)
        self.form.addRow("&Owner:", owner_row)
        owner_label = self.form.labelForField(owner_row)
        if isinstance(owner_label, QLabel):
            owner_label.setBuddy(self.owner)
        self.owner.setCompleter(FoldingCompleter(list(owners), self))  # "siobhan" finds Siobhán (item 10)
        self.due = self._line("D&ue:", "Due date", DUE_HINT)
        self.due_preview = QLabel(self)
        self.form.addRow("", self.due_preview)
        self.due.textChanged.connect(self._on_due_changed)
        QWidget.setTabOrder(self.owner, self.due)  # Tab from the owner goes on to the date; Alt+N adds a person
        QWidget.setTabOrder(self.due, self.new_person_button)

    def _on_new_person_clicked(self) -> None:
        self.add_person_requested.emit(" ".join(self.owner.text().split()))

    def add_owner(self, label: str) -> None:
        """A person just added: known from now on, and the owner."""
        self._owners[label.lower()] = label
        completer = self.owner.completer()
        model = completer.source() if isinstance(completer, FoldingCompleter) else None
        if isinstance(model, QStringListModel):
            model.setStringList([*model.stringList(), label])
        self.owner.setText(label)
        self.show_error("")

    def due_date(self) -> date | None:
        if not self.due.text().strip():
            return None
        return parse_due_date(self.due.text(), self._raised_on, self._next_meeting)

    def _on_due_changed(self) -> None:
        try:
            due = self.due_date()
        except ValueError:
            self.due_preview.setText("")
            return
        self.due_preview.setText(f"Due {format_uk_date(due)}" if due else "")

    def problem(self) -> str:
        popup = self.owner.completer().popup()
        if popup is not None and popup.isVisible():
            return "Choose the owner from the list (Enter), or keep typing"
        if not self.text.text().strip():
            return "Type the action"
        owner = " ".join(self.owner.text().split())
        if owner and owner.lower() not in self._owners:
            return f"There is no member or agency called {owner!r}: pick one, or Add new person… (Alt+N)"
        try:
            due = self.due_date()
        except ValueError as error:
            return str(error)
        if due is not None and due < self._raised_on:
            return f"The due date {format_uk_date(due)} is before the meeting"
        return ""


class AgreeDialog(FormDialog):
    """Agreed as a correct record: the amendments (if any) are noted in the minutes, which are then locked."""

    def __init__(self, meeting_title: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Agree the minutes — {meeting_title}", parent)
        self.amendments = self._line("&Amendments:", "Amendments", "None, or what was corrected")
        note = QLabel("Once agreed, the minutes are locked: later changes are recorded as amendments.", self)
        note.setWordWrap(True)
        self.form.addRow("", note)


class AmendDialog(FormDialog):
    """A change to agreed (locked) minutes: the item's notes as corrected and why; recorded in the audit trail."""

    def __init__(self, items: Sequence[tuple[int, str, str]], parent: QWidget | None = None) -> None:
        super().__init__("Record an amendment to agreed minutes", parent)
        self._notes = {item_id: notes for item_id, _title, notes in items}
        self.item = QComboBox(self)
        self.item.setAccessibleName("Item amended")
        for item_id, title, _notes in items:
            self.item.addItem(title, item_id)
        self.form.addRow("&Item:", self.item)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName("Corrected notes")
        self.notes.setTabChangesFocus(True)
        self.form.addRow("&Notes:", self.notes)
        self.reason = self._line("&Reason:", "Reason for the amendment", "e.g. agreed by the forum on dd/mm/yyyy")
        self.item.currentIndexChanged.connect(self._on_item_changed)
        self._on_item_changed()

    def item_id(self) -> int:
        return int(self.item.currentData())

    def _on_item_changed(self) -> None:
        if self.item.count():
            self.notes.setPlainText(self._notes.get(self.item_id(), ""))

    def problem(self) -> str:
        if not self.reason.text().strip():
            return "Give the reason for the amendment"
        if self.notes.toPlainText() == self._notes.get(self.item_id(), ""):
            return "The notes are unchanged"
        return ""
