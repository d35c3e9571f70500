"""The live minutes' notes, saved as they are typed: every item's text kept in memory, the first change after
a save starting a ``SAVE_DELAY_MS`` timer (not restarted by further typing, so continuous typing is still
saved at least that often), and then each changed item's notes sent to the serial write lane. A failed save
keeps the text as unsaved, so the next keystroke, item change or close tries again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from forumdesk.domain.changes import Outcome
from forumdesk.services import Services
from forumdesk.ui.meeting.common import write
from forumdesk.ui.shell.context import AppContext

SAVE_DELAY_MS = 300


class NotesAutosave(QObject):
    saved = Signal(int)  # item id, once its notes are on disk
    state_changed = Signal(str)  # "Saving…", "All notes saved", "Not saved: see the message"

    def __init__(self, ctx: AppContext, error_label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._error_label = ctx, error_label
        self._notes: dict[int, str] = {}
        self._dirty: set[int] = set()
        self.pending = 0  # saves sent to the write lane and not yet back
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

    def load(self, notes: dict[int, str]) -> None:
        self._notes = dict(notes)

    def text(self, item_id: int) -> str:
        return self._notes.get(item_id, "")

    def unsaved(self) -> set[int]:
        """The items whose notes have changed since they were last sent to be saved (or whose save failed)."""
        return set(self._dirty)

    def changed(self, item_id: int, text: str) -> None:
        self._notes[item_id] = text
        self._dirty.add(item_id)
        if not self._timer.isActive():
            self._timer.start()
        self.state_changed.emit("Saving…")

    def save_now(self) -> None:
        """Send every unsaved item's notes to the write lane (in order, after any earlier write)."""
        self._timer.stop()
        for item_id in sorted(self._dirty):
            self.pending += 1
            write(
                self._ctx,
                _notes_saver(item_id, self._notes[item_id]),
                on_done=self._saved_callback(item_id),
                on_error=self._failed_callback(item_id),
                error_label=self._error_label,
            )
        self._dirty.clear()

    def _saved_callback(self, item_id: int) -> Callable[[object], None]:
        return lambda _result: self._on_saved(item_id)

    def _on_saved(self, item_id: int) -> None:
        self.pending -= 1
        if not self._dirty and self.pending == 0:
            self.state_changed.emit("All notes saved")
        self.saved.emit(item_id)

    def _failed_callback(self, item_id: int) -> Callable[[BaseException], None]:
        return lambda _error: self._on_save_failed(item_id)

    def _on_save_failed(self, item_id: int) -> None:
        self.pending -= 1
        self._dirty.add(item_id)
        self.state_changed.emit("Not saved: see the message")


def _notes_saver(item_id: int, text: str) -> Callable[[Services], Outcome[None]]:
    """The write task for one item's notes as they stand now (bound here, not read later from the editor)."""
    return lambda services: services.room.save_notes(item_id, text)
