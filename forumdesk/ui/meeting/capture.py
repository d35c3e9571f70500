"""Keyboard capture in the meeting room: a decision (Ctrl+D), an action (Ctrl+Shift+A), a correction (F2),
agreeing and amending the minutes. (The minutes are exported with the one Export dialog, Ctrl+Shift+E.) Each is a small dialog opened with ``open()`` (never a nested event loop); Enter
accepts once the input is valid, Esc cancels. Input is checked here so a mistake is one line in the dialog,
and the dialog stays open to correct it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import Changes
from forumdesk.domain.dates import format_uk_date, parse_due_date
from forumdesk.services import Services
from forumdesk.ui.widgets.discard_guard import DiscardGuard
from forumdesk.ui.widgets.folding import FoldingCompleter
from forumdesk.ui.widgets.screen_fit import available_size

DUE_HINT = "dd/mm/yyyy, 2 weeks, 10 days, next meeting"
CAPTURE_LINES = 4  # the decision and action text: four wrapped lines (a single ~130 px line before, issue 15 item 5)
CAPTURE_CHARS = 64


class CaptureText(QPlainTextEdit):
    """Several wrapped lines for a decision or an action, typed as one paragraph: Enter submits the dialog
    (as in a one-line field), Shift+Enter starts a new line, Tab moves on."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
        self.setMinimumHeight(metrics.lineSpacing() * CAPTURE_LINES + frame)
        self.setMinimumWidth(metrics.averageCharWidth() * CAPTURE_CHARS + frame)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class CaptureDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.discard_guard = DiscardGuard(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(4)  # ten rows still fit a 768-pixel screen at 150%
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setAccessibleName("Problem")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # may quote what was typed
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        # wide enough that wrapped hints stay short (and so the dialog low) on a small or scaled screen
        self.setMinimumWidth(min(560, available_size(self).width() - 40))

    def _text(self, label: str, name: str, placeholder: str) -> CaptureText:
        edit = CaptureText(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.submitted.connect(self.accept)
        self.form.addRow(label, edit)
        return edit

    def _line(self, label: str, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit

    def problem(self) -> str:
        return ""

    def showEvent(self, event: QShowEvent) -> None:
        """Open on the first field, not on OK (the buttons are made before the subclass's fields)."""
        super().showEvent(event)
        self.discard_guard.snapshot()
        focused = self.focusWidget()
        if focused is None or isinstance(focused, QAbstractButton):
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget | None:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            inner_layout = item.layout() if item is not None else None
            if widget is None and inner_layout is not None:
                inner = inner_layout.itemAt(0)
                widget = inner.widget() if inner is not None else None
            if widget is not None and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
        return None

    def reject(self) -> None:
        """Esc or Cancel: asks first when something was typed (issue 15 item 13)."""
        self.discard_guard.ask_or(super().reject)

    def accept(self) -> None:
        message = self.problem()
        if message:
            self.error_label.setText(message)
            return
        super().accept()


class DecisionDialog(CaptureDialog):
    def __init__(self, item_title: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Decision — {item_title}", parent)
        self.text = self._text("&Decision:", "Decision", "What the forum decided")

    def problem(self) -> str:
        return "" if self.text.text().strip() else "Type the decision, or press Esc"


class EditActionDialog(CaptureDialog):
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


def correct_action(services: Services, action_id: int, text: str, aim_codes: Sequence[str]) -> Changes:
    """On the write lane: an action's text and its aims, as corrected."""
    changes = services.actions.edit(action_id, description=text)
    if tuple(aim_codes) != tuple(services.actions.get(action_id).aim_codes):
        changes = changes | services.actions.set_aims(action_id, aim_codes)
    return changes


class ActionDialog(CaptureDialog):
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
        self.error_label.clear()

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


class AgreeDialog(CaptureDialog):
    """Agreed as a correct record: the amendments (if any) are noted in the minutes, which are then locked."""

    def __init__(self, meeting_title: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Agree the minutes — {meeting_title}", parent)
        self.amendments = self._line("&Amendments:", "Amendments", "None, or what was corrected")
        note = QLabel("Once agreed, the minutes are locked: later changes are recorded as amendments.", self)
        note.setWordWrap(True)
        self.form.addRow("", note)


class AmendDialog(CaptureDialog):
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
