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


# The kinds of record whose history can be asked for, and the table each lives in.
RECORD_TABLES = {
    "action": "actions",
    "action_update": "action_updates",
    "agenda_item": "agenda_items",
    "agenda_template": "forum_agenda_templates",
    "attendance": "attendance",
    "decision": "decisions",
    "forum": "forums",
    "import_record": "import_records",
    "matter_arising": "matters_arising",
    "meeting": "meetings",
    "membership": "memberships",
    "organisation": "organisations",
    "person": "people",
    "strategy": "strategies",
}


class AuditRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_record(self, entity: str, entity_id: int, limit: int = 5000) -> list[AuditEntry]:
        rows = self.store.query(
            "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?",
            (entity, entity_id, limit),
        )
        return [_entry(r) for r in rows]

    def record_exists(self, entity: str, entity_id: int) -> bool | None:
        """Whether the record is in the file (or was, as its audit rows show); None for an unknown kind."""
        if self.store.scalar(
            "SELECT 1 FROM audit_log WHERE entity = ? AND entity_id = ? LIMIT 1", (entity, entity_id)
        ):
            return True
        table = RECORD_TABLES.get(entity)
        if table is None:
            return None
        return bool(self.store.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (entity_id,)))

    def count(self) -> int:
        return int(self.store.scalar("SELECT count(*) FROM audit_log"))
