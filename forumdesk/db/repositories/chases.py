"""Chases: each chaser e-mail drafted for an action's owner (migration 0008), and the file's own identity."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from forumdesk.db.connection import Store

CHUNK = 500  # ids a query at most


class ChaseRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def ready(self) -> bool:
        """True once the file has the chases table (a file opened read-only may predate it)."""
        return self.store.query_one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chases'") is not None

    def identity(self) -> str:
        """The file's random identity (hex), made by migration 0008; "" on a file without it."""
        if not self.ready():
            return ""
        return str(self.store.scalar("SELECT uid FROM database_identity WHERE one = 1") or "")

    def record(self, rows: Iterable[tuple[int, int | None, str]], at: datetime) -> int:
        """One row per (action id, person id, draft file name) chased at ``at``; inside a transaction."""
        stamp = at.isoformat(timespec="seconds")
        values = [(action_id, person_id, stamp, draft, self.store.op_id) for action_id, person_id, draft in rows]
        self.store.conn.executemany(
            "INSERT INTO chases (action_id, person_id, chased_at, draft, op_id) VALUES (?, ?, ?, ?, ?)", values
        )
        return len(values)

    def last_chased(self, action_ids: Sequence[int]) -> dict[int, datetime]:
        """The newest chase of each of these actions (actions never chased are left out)."""
        if not self.ready():
            return {}
        found: dict[int, datetime] = {}
        ids = list(action_ids)
        for start in range(0, len(ids), CHUNK):
            rows = self.store.query(
                "SELECT action_id, max(chased_at) FROM chases"
                " WHERE action_id IN (SELECT value FROM json_each(?)) GROUP BY action_id",
                (json.dumps(ids[start : start + CHUNK]),),
            )
            found.update({int(r[0]): datetime.fromisoformat(r[1]) for r in rows})
        return found

    def of_action(self, action_id: int) -> list[tuple[datetime, int | None, str]]:
        """Every chase of one action, newest first: (when, person id, draft file name)."""
        rows = self.store.query(
            "SELECT chased_at, person_id, draft FROM chases WHERE action_id = ? ORDER BY chased_at DESC, id DESC",
            (action_id,),
        )
        return [(datetime.fromisoformat(r[0]), r[1], r[2]) for r in rows]
