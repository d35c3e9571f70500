"""Attendance with live quorum: the forum's members with their agencies, marked by single keys.

In the table: P present, A apologies, X absent, D a deputy attends for the member (type the deputy's name),
G a guest (name, then agency), I someone attending for the current item only, Delete removes a guest.
The quorum line under the table is worked out again after every change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.enums import AttendanceStatus
from forumdesk.services.meeting_room import AttendanceLine
from forumdesk.ui.meeting.common import KeyedTablePanel, quorum_line
from forumdesk.ui.models.records import Column
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.widgets.folding import FoldingCompleter

_KEYS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_A: AttendanceStatus.APOLOGIES,
    Qt.Key.Key_X: AttendanceStatus.ABSENT,
}


ATTENDANCE_COLUMNS: tuple[Column[AttendanceLine], ...] = (
    Column("Name", lambda line: line.name),
    Column("Agency", lambda line: line.organisation),
    Column("Role", lambda line: line.role if line.is_member else "Not a member"),
    Column("Attendance", lambda line: line.status.label if line.status else "—"),
    Column("Note", lambda line: f"Deputy: {line.deputy_name}" if line.deputy_name else line.item_title),
)


class AttendancePanel(KeyedTablePanel[AttendanceLine]):
    """The attendance table, the quorum line, and the one-line prompts for a deputy or a guest."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ATTENDANCE_COLUMNS, "Attendance", parent)
        self.current_item_id: int | None = None
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.help = QLabel("P present · A apologies · X absent · D deputy · G guest · I for this item · Del remove")
        self.help.setWordWrap(True)
        self.quorum_label = QLabel(self)
        self.quorum_label.setAccessibleName("Quorum")
        self.prompt_label = QLabel(self)
        self.prompt = QLineEdit(self)
        self.prompt.setAccessibleName("Attendance prompt")
        self.prompt.returnPressed.connect(self._on_prompt_return)
        self.prompt.installEventFilter(self)
        self._people = FoldingCompleter([], self)  # names found without their accents (issue 15 item 10)
        self._prompt_steps: list[str] = []
        self._prompt_values: list[str] = []
        self._prompt_done: Callable[[list[str]], None] | None = None
        row = QHBoxLayout()
        row.addWidget(self.prompt_label)
        row.addWidget(self.prompt, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.help)
        layout.addLayout(row)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.error_label)
        self._hide_prompt()

    def refresh(self) -> None:
        if self.meeting_id is None:
            return
        row = max(0, self.table.currentIndex().row())
        room = self.ctx.services.room
        self.model.set_records(room.attendance_sheet(self.meeting_id))
        self.quorum_label.setText(quorum_line(room.quorum(self.meeting_id)))
        self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def current_line(self) -> AttendanceLine | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    # -- keys ---------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.table and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                return self._on_table_key(Qt.Key(event.key()))
            if watched is self.prompt and event.key() == Qt.Key.Key_Escape:
                self._hide_prompt()
                self.table.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _on_table_key(self, key: Qt.Key) -> bool:
        line = self.current_line()
        if self.meeting_id is None or line is None:
            return False
        meeting_id, person_id = self.meeting_id, line.person_id
        if key in _KEYS and person_id is not None:
            status = _KEYS[key]
            self._write(lambda s: s.room.set_attendance(meeting_id, person_id, status))
            row = self.table.currentIndex().row()  # on to the next person, as down a paper register (item 17)
            self.table.setCurrentIndex(self.model.index(min(row + 1, self.model.rowCount() - 1), 0))
        elif key == Qt.Key.Key_D and line.is_member and person_id is not None:
            self._ask(
                [f"Deputy attending for {line.name}:"],
                lambda v: self._write(lambda s: s.room.set_deputy(meeting_id, person_id, v[0])),
                people=True,
                prefill=line.deputy_name or self._named_deputy(meeting_id, person_id),
            )
        elif key in (Qt.Key.Key_G, Qt.Key.Key_I):
            item_id = self.current_item_id if key == Qt.Key.Key_I else None
            if key == Qt.Key.Key_I and item_id is None:
                self.error_label.setText("Choose the agenda item first, then press I")
                return True
            self._ask(
                ["Guest's name:", "Guest's agency:"],
                lambda v: self._write(lambda s: s.room.add_guest(meeting_id, v[0], v[1], item_id=item_id)),
            )
        elif key == Qt.Key.Key_Delete and not line.is_member and line.attendance_id is not None:
            attendance_id = line.attendance_id
            self._write(lambda s: s.room.remove_attendance(meeting_id, attendance_id))
        else:
            return False
        return True

    # -- the one-line prompt ------------------------------------------------------------------------------
    def _named_deputy(self, meeting_id: int, person_id: int) -> str:
        """The deputy named in the member's membership, offered when D is pressed (issue 15 item 17)."""
        directory = self.ctx.services.directory
        for member in self.ctx.services.room.members(meeting_id):
            if member.person_id == person_id and member.deputy_id is not None:
                return directory.person(member.deputy_id).name
        return ""

    def _ask(
        self, steps: list[str], done: Callable[[list[str]], None], *, people: bool = False, prefill: str = ""
    ) -> None:
        self._prompt_steps, self._prompt_values, self._prompt_done = list(steps), [], done
        if people:
            names = sorted({p.name for p in self.ctx.services.directory.people()})
            self._people.source().setStringList(names)  # type: ignore[attr-defined]
            self.prompt.setCompleter(self._people)
        else:
            self.prompt.setCompleter(None)  # type: ignore[arg-type]  # None removes the completer
        self.prompt_label.setText(steps[0])
        self.prompt_label.show()
        self.prompt.show()
        self.prompt.clear()
        if prefill:
            self.prompt.setText(prefill)
            self.prompt.selectAll()  # Enter takes it; typing replaces it
        # WORKAROUND: on the offscreen platform a closed completer popup stays the active window, so focus set
        # inside the dialog is ignored until it is activated again (activation is platform-dependent:
        # https://doc.qt.io/qt-6/qwidget.html#activateWindow). Harmless on desktop platforms.
        self.window().activateWindow()
        self.prompt.setFocus()

    def _on_prompt_return(self) -> None:
        popup = self._people.popup()
        if popup is not None and popup.isVisible():
            return
        self._prompt_values.append(self.prompt.text())
        if len(self._prompt_values) < len(self._prompt_steps):
            self.prompt_label.setText(self._prompt_steps[len(self._prompt_values)])
            self.prompt.clear()
            return
        done, values = self._prompt_done, self._prompt_values
        self._hide_prompt()
        self.window().activateWindow()  # WORKAROUND: see _ask
        self.table.setFocus()
        if done is not None:
            done(values)

    def _hide_prompt(self) -> None:
        self.prompt.hide()
        self.prompt_label.hide()
        self._prompt_done = None


class AttendanceDialog(QDialog):
    """The attendance panel on its own, for the live minutes window (Ctrl+T; Esc closes)."""

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attendance")
        self.panel = AttendancePanel(ctx, self)
        self.panel.set_meeting(meeting_id)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.resize(720, 480)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.panel.refresh()
        self.panel.table.setFocus()
