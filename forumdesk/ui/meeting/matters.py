"""Matters arising: the forum's still-open actions from earlier meetings, with their latest update and RAG,
reviewed in place. In the table: U records the owner's update (dated the meeting's day), C closes the action
as complete, W withdraws it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.minutes import MatterArising
from forumdesk.domain.rag import RAG_ORDER
from forumdesk.ui.dialogs.your_name import secretary_name
from forumdesk.ui.meeting.common import KeyedTablePanel
from forumdesk.ui.models.rag_colours import rag_colours
from forumdesk.ui.models.records import Column
from forumdesk.ui.shell.context import AppContext


def _update(matter: MatterArising) -> str:
    return f"{format_uk_date(matter.update_on)}: {matter.latest_update}" if matter.update_on else "No update"


# A row is (action id, the matter as the minutes show it).
MATTER_COLUMNS: tuple[Column[tuple[int, MatterArising]], ...] = (
    Column("Ref", lambda r: r[1].ref),
    Column("Action", lambda r: r[1].action, tooltip=True),
    Column("Owner", lambda r: r[1].owner),
    Column("Latest update", lambda r: _update(r[1]), tooltip=True),
    Column(
        "RAG",
        lambda r: r[1].rag.label + (" (set by hand)" if r[1].rag_overridden else ""),
        lambda r: RAG_ORDER[r[1].rag],
        colours=lambda r: rag_colours(r[1].rag),
    ),
    Column("Status", lambda r: r[1].status),
)


class MattersArisingPanel(KeyedTablePanel[tuple[int, MatterArising]]):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, MATTER_COLUMNS, "Matters arising", parent)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.update_label = QLabel("Update:", self)
        self.update_edit = QLineEdit(self)
        self.update_edit.setAccessibleName("Update given at the meeting")
        self.update_edit.returnPressed.connect(self._on_update_return)
        self.update_edit.installEventFilter(self)
        row = QHBoxLayout()
        row.addWidget(self.update_label)
        row.addWidget(self.update_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        keys = QLabel("U record the update given · C closed (complete) · W withdrawn")
        keys.setWordWrap(True)
        layout.addWidget(keys)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self._show_prompt(False)

    def refresh(self) -> None:
        if self.meeting_id is None:
            return
        row = max(0, self.table.currentIndex().row())
        services = self.ctx.services
        meeting = services.cycle.meeting(self.meeting_id)
        self.model.set_records(services.minutes.compute_matters_arising(meeting))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.table and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                return self._on_table_key(Qt.Key(event.key()))
            if watched is self.update_edit and event.key() == Qt.Key.Key_Escape:
                self._show_prompt(False)
                self.table.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _current(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.record(index.row())[0] if index.isValid() else None

    def _on_table_key(self, key: Qt.Key) -> bool:
        action_id, meeting_id = self._current(), self.meeting_id
        if action_id is None or meeting_id is None:
            return False
        if key == Qt.Key.Key_U:
            self._show_prompt(True)
            self.update_edit.clear()
            self.update_edit.setFocus()
        elif key in (Qt.Key.Key_C, Qt.Key.Key_W):
            status = ActionStatus.COMPLETE if key == Qt.Key.Key_C else ActionStatus.WITHDRAWN
            self._write(lambda s: s.room.close_action(meeting_id, action_id, status))
        else:
            return False
        return True

    def _on_update_return(self) -> None:
        action_id, meeting_id, text = self._current(), self.meeting_id, self.update_edit.text()
        author = secretary_name()  # read on the GUI thread; "" keeps the OS login
        self._show_prompt(False)
        self.table.setFocus()
        if action_id is not None and meeting_id is not None:
            self._write(lambda s: s.room.record_update(meeting_id, action_id, text, author))

    def _show_prompt(self, visible: bool) -> None:
        self.update_label.setVisible(visible)
        self.update_edit.setVisible(visible)
