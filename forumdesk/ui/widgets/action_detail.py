"""The detail panel beside the action table: the chosen action, its dated update history, linked aims and
the meeting it came from, with a field to add an update (Ctrl+Enter)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.dates import format_uk_date, parse_uk_date
from forumdesk.domain.model import Action
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.widgets.rag_legend import rag_chip


class ActionDetailPanel(QWidget):
    """Shows one action; ``update_requested(action_id, text, on)`` asks the page to add an update."""

    update_requested = Signal(int, str, object)
    correct_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._action: Action | None = None
        self.setAccessibleName("Action details")
        self.title = QLabel("Choose an action to see its history", self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setAccessibleName("Action")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # typed text shows as typed, never as HTML (item 14)
        self.description = QLabel(self)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.facts.setVerticalSpacing(3)
        self._fields: dict[str, QLabel] = {}
        for key in ("Owner", "Raised", "Meeting", "Due", "Status", "Aims"):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setAccessibleName(key)
            if key != "Aims":  # the aims are rich text built here, each part escaped
                label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fields[key] = label
            self.facts.addRow(f"{key}:", label)
        self.rag_holder = QHBoxLayout()
        self.history_model = QStandardItemModel(self)
        self.history = QListView(self)
        self.history.setModel(self.history_model)
        self.history.setWordWrap(True)
        self.history.setAccessibleName("Update history")
        self.history.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.update_text = QPlainTextEdit(self)
        self.update_text.setPlaceholderText("Type an update from the owner…")
        self.update_text.setAccessibleName("New update")
        self.update_text.setTabChangesFocus(True)
        self.update_text.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.update_on = QLineEdit(self)
        self.update_on.setPlaceholderText("dd/mm/yyyy")
        self.update_on.setAccessibleName("Date of the update")
        self.update_on.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.add_button = QPushButton("Add update", self)
        self.add_button.setAccessibleName("Add update")
        self.add_button.setToolTip("Add the update (Ctrl+Enter)")
        self.add_button.clicked.connect(self._on_add_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self.update_text, self._on_add_clicked)
        self.correct_button = QPushButton("Correct text and aims… (Ctrl+R)", self)
        self.correct_button.setAccessibleName("Correct the action's text and aims")
        self.correct_button.clicked.connect(self.correct_requested)
        self._layout()
        self.show_action(None)

    def _layout(self) -> None:
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addLayout(self.rag_holder)
        left.addLayout(top)
        left.addWidget(self.description)
        left.addLayout(self.facts)
        left.addWidget(self.correct_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        right = QVBoxLayout()
        history_label = QLabel("Update &history (newest first)", self)
        history_label.setBuddy(self.history)
        right.addWidget(history_label)
        right.addWidget(self.history, 1)
        right.addWidget(self.update_text)
        row = QHBoxLayout()
        on_label = QLabel("&On", self)
        on_label.setBuddy(self.update_on)
        row.addWidget(on_label)
        row.addWidget(self.update_on)
        row.addStretch(1)
        row.addWidget(self.add_button)
        right.addLayout(row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(left, 1)
        layout.addSpacing(12)
        layout.addLayout(right, 1)

    def action(self) -> Action | None:
        return self._action

    def show_action(self, action: Action | None) -> None:
        """Show ``action`` (re-read by the caller after a change), or an empty state."""
        self._action = action
        for widget in (self.update_text, self.update_on, self.add_button, self.correct_button):
            widget.setEnabled(action is not None)
        while self.rag_holder.count():
            old = self.rag_holder.takeAt(0)
            chip = old.widget() if old is not None else None
            if chip is not None:
                chip.deleteLater()
        self.history_model.clear()
        if action is None:
            self.title.setText("Choose an action to see its details and history")
            self.description.clear()
            for label in self._fields.values():
                label.clear()
            return
        today = self._ctx.today()
        self.title.setText(f"{action.ref} · {action.forum_name}")
        self.description.setText(action.description)
        rag = action.rag(today)
        overridden = action.is_open and action.rag_override is not None
        self.rag_holder.addWidget(rag_chip(rag, rag.label + (" (set by hand)" if overridden else ""), self))
        owner = action.owner_name or "No owner yet"
        self._fields["Owner"].setText(f"{owner} ({action.owner_org})" if action.owner_org else owner)
        self._fields["Raised"].setText(format_uk_date(action.raised_on))
        self._fields["Meeting"].setText(_meeting_text(action))
        due = format_uk_date(action.due_date) or "no date"
        if action.revised_due_date:
            due += f", revised to {format_uk_date(action.revised_due_date)}"
        self._fields["Due"].setText(due)
        closed = f" on {format_uk_date(action.closed_on)}" if action.closed_on else ""
        self._fields["Status"].setText(action.status.label + closed)
        self._fields["Aims"].setText(self._aims_text(action))
        self.update_on.setText(format_uk_date(today))
        for update in self._ctx.services.actions.updates(action.id):
            author = f" — {update.author}" if update.author else ""
            item = QStandardItem(f"{format_uk_date(update.on)}: {update.text}{author}")
            item.setToolTip(update.text)
            self.history_model.appendRow(item)
        if not self.history_model.rowCount():
            self.history_model.appendRow(QStandardItem("No updates yet"))

    def _aims_text(self, action: Action) -> str:
        if not action.aim_codes:
            return "Not linked to the strategy"
        texts = {aim.code: aim.text for aim in self._ctx.services.strategy.aims()}
        return "<br>".join(f"<b>{escape(c)}</b> {escape(_short(texts.get(c, '')))}" for c in action.aim_codes)

    def clear_update(self) -> None:
        self.update_text.clear()

    def _on_add_clicked(self) -> None:
        if self._action is None:
            return
        text = self.update_text.toPlainText().strip()
        try:
            on: date = parse_uk_date(self.update_on.text()) if self.update_on.text().strip() else self._ctx.today()
        except ValueError as error:
            self._ctx.error_reported.emit(f"The update's date: {error}")
            return
        if not text:
            self._ctx.error_reported.emit("Type the update first")
            return
        self.update_requested.emit(self._action.id, text, on)


def _meeting_text(action: Action) -> str:
    if action.meeting_id is None:
        return "Not raised at a meeting"
    when = format_uk_date(action.meeting_date)
    minute = f", minute {action.minute_ref}" if action.minute_ref else ""
    return f"{action.forum_name}, {when}{minute}"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

