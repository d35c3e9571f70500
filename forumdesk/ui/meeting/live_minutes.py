"""Live minutes: the focused layout for the meeting room. The agenda beside a notes editor for the current
item; decisions (Ctrl+D) and actions (Ctrl+Shift+A) captured by keyboard; a timer per item; attendance
with live quorum (Ctrl+T); close the meeting (Ctrl+Shift+C); export the minutes (Ctrl+Shift+E). F2 goes to
the item's decisions and actions; there F2 or Enter corrects the chosen one (its text, an action's aims), Esc
goes back to the notes.

Every keystroke is saved (``notes_autosave.NotesAutosave``: a short timer, then a ``WriteOp`` on the serial write lane);
switching item or closing the window saves at once. There is no Save button. The capture dialogs are in
``capture``; this module lays the room out and routes the keys.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.agenda import ACTIONS_KIND
from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import MinutesStatus
from forumdesk.domain.model import AgendaItem
from forumdesk.ui.dialogs.export_choices import KIND_LABELS
from forumdesk.ui.dialogs.export_dialog import ExportDialog
from forumdesk.ui.dialogs.person_dialog import add_new_person
from forumdesk.ui.meeting.attendance import AttendanceDialog
from forumdesk.ui.meeting.capture import ActionDialog, DecisionDialog, EditActionDialog
from forumdesk.ui.meeting.common import (
    AgendaTableModel,
    early_close_warning,
    meeting_table,
    quorum_line,
    shortcut,
    write,
)
from forumdesk.ui.meeting.item_timer import ItemTimer, timer_text
from forumdesk.ui.meeting.matters import MattersArisingPanel
from forumdesk.ui.meeting.notes_autosave import NotesAutosave
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.widgets.screen_fit import default_size

HELP = (
    "Alt+↓/↑ next/previous item · Ctrl+D decision · Ctrl+Shift+A action · Ctrl+T attendance · "
    "Ctrl+M matters arising (at the action log review) · Ctrl+Shift+C close the meeting · "
    "Ctrl+Shift+E export minutes · F2 correct a decision or action"
)


class LiveMinutesWindow(QMainWindow):
    notes_saved = Signal(int)  # item id
    meeting_closed = Signal(int)
    minutes_exported = Signal(str)

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.meeting = ctx.services.cycle.meeting(meeting_id)
        self.setWindowTitle(f"Live minutes — {self.meeting.forum_name} — {self.meeting.starts_at:%d/%m/%Y %H:%M}")
        self.current_id: int | None = None
        self.dialog: Any = None  # the capture dialog open now, if any
        self._captured: list[tuple[str, Any]] = []  # ("decision", Decision) or ("action", Action), as listed
        self._build()
        self.autosave = NotesAutosave(ctx, self.error_label, self)
        self.autosave.saved.connect(self.notes_saved)
        self.autosave.state_changed.connect(self.save_label.setText)
        self.item_timer = ItemTimer(self)
        self.item_timer.ticked.connect(self._show_timer)
        self._load()

    # -- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.agenda_model = AgendaTableModel(self)
        self.agenda = meeting_table(self.agenda_model, "Agenda", self)
        for hidden in (2, 3, 4):
            self.agenda.hideColumn(hidden)
        self.agenda.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for narrow in (0, 5):  # the ref and the end time: as wide as their text, the rest for the title
            self.agenda.horizontalHeader().setSectionResizeMode(narrow, QHeaderView.ResizeMode.ResizeToContents)
        self.title_label = QLabel(self)
        self.title_label.setAccessibleName("Current item")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.detail_label = QLabel(self)
        for typed in (self.title_label, self.detail_label):  # an item's title or presenter shows as typed
            typed.setTextFormat(Qt.TextFormat.PlainText)
        self.timer_label = QLabel(self)
        self.timer_label.setAccessibleName("Item timer")
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Type the minutes of this item. Everything is saved as you type.")
        self.notes.textChanged.connect(self._on_notes_changed)
        self.captured_model = QStringListModel(self)
        self.captured = QListView(self)
        self.captured.setModel(self.captured_model)
        self.captured.setAccessibleName("Decisions and actions of this item")
        self.captured.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.captured.activated.connect(lambda _index: self.correct_captured())
        shortcut("Escape", self.captured, self.notes.setFocus)
        self.captured.setMaximumHeight(140)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020")
        right = QWidget(self)
        column = QVBoxLayout(right)
        for widget in (self.title_label, self.detail_label, self.timer_label):
            column.addWidget(widget)
        column.addWidget(self.notes, 1)
        column.addWidget(QLabel("Decisions and actions under this item:"))
        column.addWidget(self.captured)
        self.matters = MattersArisingPanel(self.ctx, self)
        self.matters.set_meeting(self.meeting_id)
        self.matters.changed.connect(self._refresh_captured)
        column.addWidget(self.matters, 1)
        column.addWidget(self.error_label)
        help_label = QLabel(HELP)
        help_label.setWordWrap(True)  # one line set the window's width past a laptop screen (issue 15 item 4)
        column.addWidget(help_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.agenda)
        splitter.addWidget(right)
        splitter.setSizes([320, 700])
        self.setCentralWidget(splitter)
        self.quorum_label = QLabel(self)
        self.quorum_label.setAccessibleName("Quorum")
        self.save_label = QLabel(self)
        self.statusBar().addWidget(self.quorum_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)
        self.agenda.selectionModel().currentRowChanged.connect(self._on_agenda_row_changed)
        shortcut("Alt+Down", self, lambda: self.step(1), window=True)
        shortcut("Alt+Up", self, lambda: self.step(-1), window=True)
        shortcut("Ctrl+PgDown", self, lambda: self.step(1), window=True)
        shortcut("Ctrl+PgUp", self, lambda: self.step(-1), window=True)
        shortcut("Ctrl+D", self, self.capture_decision, window=True)
        shortcut("Ctrl+Shift+A", self, self.capture_action, window=True)
        shortcut("Ctrl+T", self, self.show_attendance, window=True)
        shortcut("Ctrl+Shift+C", self, self.ask_close_meeting, window=True)
        shortcut("Ctrl+Shift+E", self, self.ask_export, window=True)
        shortcut("Ctrl+M", self, self.toggle_matters, window=True)
        shortcut("F2", self, self._on_f2, window=True)
        self.resize(default_size(self, 1100, 720))

    def _load(self) -> None:
        cycle = self.ctx.services.cycle
        items = cycle.items(self.meeting_id)
        self.autosave.load({i.id: i.notes for i in items})
        self.agenda_model.set_items(items, cycle.end_times(self.meeting_id))
        if self.is_locked:  # agreed as a correct record: read only (amendments are recorded elsewhere)
            self.notes.setReadOnly(True)
            self.save_label.setText("These minutes are agreed and locked")
        self._refresh_quorum()
        if items:
            self.agenda.setCurrentIndex(self.agenda_model.index(0, 1))
        self.notes.setFocus()

    # -- items --------------------------------------------------------------------------------------------
    def current_item(self) -> AgendaItem | None:
        row = self.agenda_model.row_of(self.current_id) if self.current_id is not None else -1
        return self.agenda_model.item(row) if row >= 0 else None

    def step(self, delta: int) -> None:
        row = self.agenda.currentIndex().row() + delta
        if 0 <= row < self.agenda_model.rowCount():
            self.agenda.selectionModel().setCurrentIndex(
                self.agenda_model.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.notes.setFocus()

    def _on_agenda_row_changed(self, current: Any, _previous: Any) -> None:
        if not current.isValid():
            return
        self.save_now()
        item = self.agenda_model.item(current.row())
        self.current_id = item.id
        self.item_timer.switch_to(item.id)
        self.notes.blockSignals(True)
        self.notes.setPlainText(self.autosave.text(item.id))
        self.notes.blockSignals(False)
        self.notes.moveCursor(self.notes.textCursor().MoveOperation.End)
        self.title_label.setText(f"{item.minute_ref}  {item.title}")
        parts = [item.purpose.value.capitalize()]
        if item.presenter:
            parts.append(f"presented by {item.presenter}")
        if item.minutes_allowed:
            parts.append(f"{item.minutes_allowed} minutes allowed")
        self.detail_label.setText(" · ".join(parts))
        self.matters.setVisible(item.kind == ACTIONS_KIND)
        self._show_timer()
        self._refresh_captured()

    def item_seconds(self, item_id: int) -> int:
        return self.item_timer.seconds(item_id)

    def _show_timer(self) -> None:
        item = self.current_item()
        if item is None:
            return
        text, over = timer_text(self.item_seconds(item.id), item.minutes_allowed)
        self.timer_label.setStyleSheet("color: #b00020; font-weight: bold" if over else "")
        self.timer_label.setText(text)

    # -- notes: saved as typed ----------------------------------------------------------------------------
    def _on_notes_changed(self) -> None:
        if self.current_id is not None:
            self.autosave.changed(self.current_id, self.notes.toPlainText())

    def save_now(self) -> None:
        self.autosave.save_now()

    def toggle_matters(self) -> None:
        """Ctrl+M: from the notes to the matters-arising table of the action log review, and back."""
        if self.matters.table.hasFocus() or self.matters.update_edit.hasFocus():
            self.notes.setFocus()
        elif self.matters.isVisible():
            self.matters.table.setFocus()

    # -- decisions and actions ----------------------------------------------------------------------------
    def capture_decision(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = DecisionDialog(f"{item.minute_ref} {item.title}", self)
        meeting_id = self.meeting_id

        def accepted() -> None:
            text = dialog.text.text()  # read here, on the GUI thread: the dialog is gone when the task runs
            self._record(lambda s: s.room.add_decision(meeting_id, item.id, text))

        dialog.accepted.connect(accepted)
        self._open(dialog, dialog.text)

    def capture_action(self) -> None:
        item = self.current_item()
        if item is None:
            return
        room = self.ctx.services.room
        owners = [c.label for c in room.owner_choices(self.meeting_id)]
        nxt = self.ctx.services.meetings.next_meeting_date(self.meeting.forum_id, self.meeting.starts_at.date())
        dialog = ActionDialog(f"{item.minute_ref} {item.title}", owners, self.meeting.starts_at.date(), nxt, self)
        dialog.add_person_requested.connect(lambda typed: self._add_new_owner(dialog, typed))
        meeting_id = self.meeting_id

        def accepted() -> None:
            text, owner, due = dialog.text.text(), dialog.owner.text(), dialog.due.text()
            self._record(lambda s: s.room.raise_action(meeting_id, item.id, text, owner, due))

        dialog.accepted.connect(accepted)
        self._open(dialog, dialog.text)

    # -- correcting what was captured (issue 15 item 3) ----------------------------------------------------
    def _on_f2(self) -> None:
        if self.captured.hasFocus():
            self.correct_captured()
            return
        rows = self.captured_model.rowCount()
        if rows:
            self.captured.setCurrentIndex(self.captured_model.index(rows - 1, 0))
            self.captured.setFocus()

    def correct_captured(self) -> None:
        row = self.captured.currentIndex().row()
        if not 0 <= row < len(self._captured) or self.is_locked:
            return
        kind, record = self._captured[row]
        meeting_id = self.meeting_id
        if kind == "decision":
            decision_dialog = DecisionDialog(f"correct {record.minute_ref}".strip(), self)
            decision_dialog.text.setText(record.text)

            def decided() -> None:
                text = decision_dialog.text.text()
                self._record(lambda s: s.room.edit_decision(meeting_id, record.id, text))

            decision_dialog.accepted.connect(decided)
            self._open(decision_dialog, decision_dialog.text, back_to=self.captured)
            return
        action_dialog = EditActionDialog(record.ref, record.description, record.aim_codes, self)

        def corrected() -> None:
            text, codes = action_dialog.text.text(), action_dialog.aim_codes()
            self._record(lambda s: s.actions.correct(record.id, text, codes))

        action_dialog.accepted.connect(corrected)
        self._open(action_dialog, action_dialog.text, back_to=self.captured)

    def _add_new_owner(self, dialog: ActionDialog, typed: str) -> None:
        """Add person, the name typed so far filled in; the new person becomes the action's owner."""
        self.person_dialog = add_new_person(  # reachable by tests
            self.ctx, dialog, typed, lambda person: dialog.add_owner(person.name),
            lambda: dialog.due if dialog.owner.text() else dialog.owner,
        )

    def _open(self, dialog: Any, focus: QWidget, back_to: QWidget | None = None) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_finished(dialog, back_to))
        dialog.open()
        dialog.activateWindow()
        focus.setFocus()

    def _dialog_finished(self, dialog: Any, back_to: QWidget | None = None) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.activateWindow()  # WORKAROUND: see attendance.AttendancePanel._ask (offscreen popups keep activation)
        (back_to or self.notes).setFocus()

    def _record(self, fn: Any) -> None:
        self.save_now()
        write(self.ctx, fn, on_done=lambda _r: self._refresh_captured(), error_label=self.error_label)

    def _refresh_captured(self) -> None:
        row = self.captured.currentIndex().row()
        found = self.ctx.services.meeting_views.captured(self.meeting_id, self.current_id)
        lines = [f"Decision: {d.text}" for d in found.decisions]
        captured: list[tuple[str, Any]] = [("decision", d) for d in found.decisions]
        for action in found.actions:
            owner = action.owner_name or action.owner_org or "no owner"
            due = f", due {format_uk_date(action.due_date)}" if action.due_date else ""
            lines.append(f"Action {action.ref}: {action.description} ({owner}{due})")
            captured.append(("action", action))
        self._captured = captured
        self.captured_model.setStringList(lines)
        if 0 <= row < len(captured):
            self.captured.setCurrentIndex(self.captured_model.index(row, 0))

    # -- attendance, close, export ------------------------------------------------------------------------
    def show_attendance(self) -> None:
        dialog = AttendanceDialog(self.ctx, self.meeting_id, self)
        dialog.panel.current_item_id = self.current_id
        dialog.panel.changed.connect(self._refresh_quorum)
        self._open(dialog, dialog.panel.table)

    def _refresh_quorum(self) -> None:
        self.quorum_label.setText(quorum_line(self.ctx.services.room.quorum(self.meeting_id)))

    def ask_close_meeting(self) -> None:
        warning = early_close_warning(self.meeting.starts_at.date(), self.ctx.today())
        box = QMessageBox(
            QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question,
            "Close the meeting",
            warning or "Close the meeting? The minutes become a draft, ready to circulate.",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel if warning else QMessageBox.StandardButton.Ok)
        box.accepted.connect(self.close_meeting)
        self._open(box, box.defaultButton())

    def close_meeting(self) -> None:
        self.save_now()
        write(
            self.ctx,
            lambda s: s.cycle.close(self.meeting_id),
            on_done=lambda _r: self._on_closed(),
            error_label=self.error_label,
        )

    def _on_closed(self) -> None:
        self.meeting = self.ctx.services.cycle.meeting(self.meeting_id)
        self.save_label.setText(f"Meeting closed: minutes are a {self.meeting.minutes_status.label.lower()}")
        self.meeting_closed.emit(self.meeting_id)

    def ask_export(self) -> None:
        """The one Export dialog, on this meeting's minutes; it exports on the write lane, so after every note
        saved here (the notes are saved first, and cannot be typed while the dialog is open)."""
        self.save_now()
        dialog = ExportDialog(self.ctx, self, meeting_id=self.meeting_id, kind="minutes")
        dialog.exported.connect(lambda result: self._on_exported(str(result.path), result.kind))
        self._open(dialog, dialog.destination)

    def _on_exported(self, path: str, kind: str) -> None:
        self.save_label.setText(f"{KIND_LABELS[kind]} exported to {path}")
        self.ctx.status_message.emit(f"{KIND_LABELS[kind]} exported to {path}")
        if kind == "minutes":
            self.minutes_exported.emit(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_now()
        super().closeEvent(event)

    @property
    def is_locked(self) -> bool:
        return self.meeting.minutes_status is MinutesStatus.AGREED
