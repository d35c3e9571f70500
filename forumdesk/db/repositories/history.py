"""The operations table read for undo and redo: which operation is next to undo, which to redo.

An operation is *undone* while an undo operation reverts it and no redo reverts that undo. The next to
undo is the newest ``do`` or ``redo`` that wrote rows and is not undone; the next to redo is the newest
undo (not itself redone) made after the last ordinary write.
"""

from __future__ import annotations

import sqlite3

from forumdesk.db.connection import Store
from forumdesk.db.repositories._rows import dt
from forumdesk.domain.history import Operation

_NOT_REVERTED = "NOT EXISTS (SELECT 1 FROM operations x WHERE x.reverts = o.id)"
_SELECT = "SELECT o.*, EXISTS (SELECT 1 FROM operations x WHERE x.reverts = o.id) AS reverted FROM operations o"


def _operation(r: sqlite3.Row) -> Operation:
    at = dt(r["at"])
    assert at is not None
    return Operation(
        r["id"], at, r["os_user"], r["label"], r["kind"], r["reverts"], r["rows"],
        bool(r["reverted"]) and r["kind"] != "undo",
    )


class HistoryRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def ready(self) -> bool:
        return self.store.query_one("SELECT 1 FROM sqlite_master WHERE name = 'operations'") is not None

    def operation(self, op_id: int) -> Operation | None:
        row = self.store.query_one(_SELECT + " WHERE o.id = ?", (op_id,))
        return None if row is None else _operation(row)

    def undo_target(self) -> Operation | None:
        row = self.store.query_one(
            _SELECT + f" WHERE o.kind IN ('do', 'redo') AND o.rows > 0 AND {_NOT_REVERTED} ORDER BY o.id DESC LIMIT 1"
        )
        return None if row is None else _operation(row)

    def redo_target(self) -> Operation | None:
        row = self.store.query_one(
            _SELECT + f" WHERE o.kind = 'undo' AND o.rows > 0 AND {_NOT_REVERTED} AND o.id > ("
            "SELECT coalesce(max(id), 0) FROM operations WHERE kind = 'do' AND rows > 0)"
            " ORDER BY o.id DESC LIMIT 1"
        )
        return None if row is None else _operation(row)

    def recent(self, limit: int = 20) -> list[Operation]:
        rows = self.store.query(_SELECT + " WHERE o.rows > 0 ORDER BY o.id DESC LIMIT ?", (limit,))
        return [_operation(r) for r in rows]

    def name(self, op_id: int, reverts: int, label: str) -> None:
        """Say which operation the running undo/redo ``op_id`` reverts (known only inside its transaction)."""
        self.store.conn.execute("UPDATE operations SET reverts = ?, label = ? WHERE id = ?", (reverts, label, op_id))

    def latest_form(self, op_id: int) -> Operation | None:
        """The operation that now stands for ``op_id``: itself, or the last of the undos and redos after it
        (an undo when it is undone now)."""
        current = self.operation(op_id)
        while current is not None:
            row = self.store.query_one("SELECT max(id) FROM operations WHERE reverts = ?", (current.id,))
            if row is None or row[0] is None:
                return current
            current = self.operation(int(row[0]))
        return None
