"""Undo and redo over the whole file, from the row journal (see ``forumdesk/db/journal.py``).

Every ordinary write is one operation. ``undo()`` takes back the most recent operation that is not undone
by replaying its row images backwards, in one transaction which is itself an operation (kind ``undo``), so
``redo()`` is the replay of that undo. History is linear: a new ordinary write empties the redo list.
Undo is refused, with one line naming the record, when a row the operation wrote was changed since (by a
later operation that was not undone, or by another program such as the sqlite3 tool): nothing is changed
then. Each replay writes its own audit rows, stamped with the undo's (or redo's) operation id.

Not undoable, because they are not user edits and write no journal: demo creation, restoring a backup,
migrations and erasing a person (which empties the journal, whose images would keep the erased details).
The GUI and the command line (``forumdesk undo`` / ``redo``) share this one history.
"""

from __future__ import annotations

from collections.abc import Callable

from forumdesk.db.replay import revert
from forumdesk.domain.changes import Outcome
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.history import Operation, changes_for
from forumdesk.services.base import Service


class HistoryService(Service):
    # -- reading ------------------------------------------------------------------------------------------
    def undo_label(self) -> str | None:
        """The Edit menu's "Undo Edit action", or None when there is nothing to undo."""
        target = self.repos.history.undo_target() if self.repos.history.ready() else None
        return None if target is None else f"Undo {target.title}"

    def redo_label(self) -> str | None:
        target = self.repos.history.redo_target() if self.repos.history.ready() else None
        return None if target is None else f"Redo {_undone_title(target)}"

    def recent(self, limit: int = 20) -> list[Operation]:
        """The newest operations first (undos and redos included), for a menu or ``forumdesk undo --list``."""
        return self.repos.history.recent(limit) if self.repos.history.ready() else []

    def operation(self, op_id: int) -> Operation | None:
        return self.repos.history.operation(op_id)

    # -- writing ------------------------------------------------------------------------------------------
    def undo(self) -> Outcome[Operation]:
        """Take back the most recent operation not undone; the value is that operation."""
        return self._replay("undo", self.repos.history.undo_target, "there is nothing to undo")

    def redo(self) -> Outcome[Operation]:
        """Put back the most recent undo (unless a write was made since); the value is the undo replayed."""
        return self._replay("redo", self.repos.history.redo_target, "there is nothing to redo")

    def _replay(self, kind: str, find: Callable[[], Operation | None], nothing: str) -> Outcome[Operation]:
        if not self.repos.history.ready():
            raise ValidationError(nothing)
        if self.store.conn.in_transaction:
            raise RuntimeError("undo and redo run in their own transaction")
        with self.store.operation(kind.capitalize(), kind=kind):
            target = find()
            if target is None:
                raise ValidationError(nothing)
            title = target.title if kind == "undo" else _undone_title(target)
            assert self.store.op_id is not None
            self.repos.history.name(self.store.op_id, target.id, f"Undo {title}" if kind == "undo" else title)
            done = revert(self.store, target.id, f"{kind} {title!r}")
        return self.store.outcome(target, changes_for(done.tables))


def _undone_title(undo: Operation) -> str:
    """What redoing an undo puts back: "Undo Edit action" -> "Edit action"."""
    return undo.title.removeprefix("Undo ")
