"""Edit > Undo and Redo for the GUI: the database's own history, replayed by ``services.history``.

Nothing is remembered here: every write the GUI makes is an operation in the file (``WriteOp``), and undo
takes back the newest one, whoever made it (this window, the command line's ``forumdesk undo``, an import).
So the menu's wording is read back from the file after every change, and undo and redo are operations too.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from forumdesk.domain.changes import Changes
from forumdesk.services import Services
from forumdesk.ui.shell.write_op import WriteContext, WriteOp


class HistoryContext(WriteContext, Protocol):
    """What the history needs of ``AppContext`` (which makes it): the write lane and the change channel."""

    changes_applied: Any  # Signal(Changes, initiator)


class UndoHistory(QObject):
    """Keeps the Edit menu's Undo and Redo actions in step with the file's history."""

    changed = Signal()  # the labels were read again
    replayed = Signal(object)  # the Operation an undo or redo took back or put back

    def __init__(self, ctx: HistoryContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._undo_label: str | None = None
        self._redo_label: str | None = None
        self._asked = 0  # reads may come back out of order: only the newest one's answer counts
        ctx.changes_applied.connect(self._on_changes_applied)
        self.refresh()

    # -- what the menu says -----------------------------------------------------------------------------
    def undo_text(self) -> str:
        return self._undo_label or ""

    def redo_text(self) -> str:
        return self._redo_label or ""

    def can_undo(self) -> bool:
        return self._undo_label is not None

    def can_redo(self) -> bool:
        return self._redo_label is not None

    def bind(self, undo: QAction, redo: QAction) -> None:
        """Name and enable the menu's actions from the history, now and after every change; the binding lives
        as long as the menu's Undo action (a closed window is not told)."""
        _MenuBinding(self, undo, redo)

    # -- doing it -----------------------------------------------------------------------------------------
    def undo(self) -> None:
        WriteOp(self._ctx, lambda s: s.history.undo()).success(self.replayed.emit).run(initiator=self)

    def redo(self) -> None:
        WriteOp(self._ctx, lambda s: s.history.redo()).success(self.replayed.emit).run(initiator=self)

    def refresh(self) -> None:
        self._asked += 1
        asked = self._asked
        self._ctx.tasks.read(_labels, lambda labels: self._on_labels(asked, labels), self._ctx.report)

    def _on_changes_applied(self, _changes: Changes) -> None:
        self.refresh()

    def _on_labels(self, asked: int, labels: tuple[str | None, str | None]) -> None:
        if asked != self._asked:
            return
        self._undo_label, self._redo_label = labels
        self.changed.emit()


def _labels(services: Services) -> tuple[str | None, str | None]:
    return services.history.undo_label(), services.history.redo_label()


class _MenuBinding(QObject):
    """Edit > Undo and Redo kept in step with an ``UndoHistory``: a child of the Undo action, so its slot is
    disconnected when the window that owns the menu is deleted."""

    def __init__(self, history: UndoHistory, undo: QAction, redo: QAction) -> None:
        super().__init__(undo)
        self._history, self._undo, self._redo = history, undo, redo
        history.changed.connect(self.show)
        undo.triggered.connect(history.undo)
        redo.triggered.connect(history.redo)
        self.show()

    def show(self) -> None:
        history = self._history
        self._undo.setText(f"&{history.undo_text()}" if history.can_undo() else "&Undo")
        self._undo.setEnabled(history.can_undo())
        self._redo.setText(f"&{history.redo_text()}" if history.can_redo() else "&Redo")
        self._redo.setEnabled(history.can_redo())
