"""The audit trail read back: the history of one record, newest first (it is written by ``Store.audit``)."""

from __future__ import annotations

import sqlite3

from forumdesk.db.connection import Store
from forumdesk.db.repositories._rows import dt
from forumdesk.domain.model import AuditEntry


def _entry(r: sqlite3.Row) -> AuditEntry:
    at = dt(r["at"])
    assert at is not None
    return AuditEntry(
        r["id"],
        at,
        r["os_user"],
        r["entity"],
        r["entity_id"],
        r["operation"],
        r["field"],
        r["old_value"],
        r["new_value"],
    )


class AuditRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_record(self, entity: str, entity_id: int, limit: int = 5000) -> list[AuditEntry]:
        rows = self.store.query(
            "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?",
            (entity, entity_id, limit),
        )
        return [_entry(r) for r in rows]

    def recent(self, limit: int = 500) -> list[AuditEntry]:
        return [_entry(r) for r in self.store.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))]

    def count(self) -> int:
        return int(self.store.scalar("SELECT count(*) FROM audit_log"))
