"""Import batches: which file was imported when, by whom, and the operation that wrote it (which import undo
replays from the row journal, see ``forumdesk/db/replay.py``).

New actions are written many at a time (``add_actions``: sqlite-utils ``insert_all`` inside the import's
transaction); changes to existing actions go through ``ActionRepository`` one at a time, audited per field.
Table ``import_records`` is the journal of ForumDesk before migration 0005; it is no longer written."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from forumdesk.db.connection import Store, utc_now
from forumdesk.db.repositories._rows import iso
from forumdesk.db.repositories.bulk import insert_rows
from forumdesk.domain.imports import ImportBatch

# A new action's columns besides its ids and times, each with the value it takes when the row gives none.
_ACTION_DEFAULTS: dict[str, object] = {
    "description": "", "owner_id": None, "owner_org_id": None, "raised_on": None, "due_date": None,
    "revised_due_date": None, "status": "open", "rag_override": None, "closed_on": None, "meeting_id": None,
    "agenda_item_id": None, "minute_ref": "",
}
_ACTION_KEYS = ("id", "forum_id", "ref", "ref_year", "ref_seq", "import_batch", "created_at", "updated_at")
_UPDATE_COLUMNS = ("id", "action_id", "on_date", "text", "author", "created_at")


@dataclass(frozen=True)
class NewImportedAction:
    """An action an import adds: its ref, the columns the row gives, and its dated updates."""

    ref: str
    ref_year: int
    ref_seq: int
    fields: Mapping[str, object]
    updates: Sequence[tuple[date, str]] = ()

_BATCH_SQL = (
    "SELECT b.*, coalesce(f.name, '') AS forum_name FROM import_batches b LEFT JOIN forums f ON f.id = b.forum_id"
)


def _batch(r: sqlite3.Row) -> ImportBatch:
    return ImportBatch(
        id=r["id"],
        kind=r["kind"],
        source=r["source"],
        imported_at=datetime.fromisoformat(r["imported_at"]),
        user=r["os_user"],
        forum_id=r["forum_id"],
        forum_name=r["forum_name"],
        summary=r["summary"],
        undone_at=datetime.fromisoformat(r["undone_at"]) if r["undone_at"] else None,
        op_id=r["op_id"] if "op_id" in r.keys() else None,  # noqa: SIM118 (a Row's "in" looks at values)
    )


class ImportRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- batches ------------------------------------------------------------------------------------------
    def add_batch(self, batch_id: str, kind: str, source: str, forum_id: int | None) -> None:
        self.store.conn.execute(
            "INSERT INTO import_batches (id, kind, forum_id, source, imported_at, os_user, op_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (batch_id, kind, forum_id, source, utc_now(), self.store.user, self.store.op_id),
        )
        self.store.audit("import", None, "create", "batch", None, f"{batch_id} {source}")

    def set_summary(self, batch_id: str, summary: str) -> None:
        self.store.conn.execute("UPDATE import_batches SET summary = ? WHERE id = ?", (summary, batch_id))

    def audit_undo(self, batch_id: str) -> None:
        self.store.audit("import", None, "undo", "batch", batch_id, None)

    def batch(self, batch_id: str) -> ImportBatch | None:
        r = self.store.query_one(_BATCH_SQL + " WHERE b.id = ?", (batch_id,))
        return None if r is None else _batch(r)

    def batches(self, limit: int = 50) -> list[ImportBatch]:
        rows = self.store.query(_BATCH_SQL + " ORDER BY b.imported_at DESC, b.rowid DESC LIMIT ?", (limit,))
        return [_batch(r) for r in rows]

    def add_actions(self, batch_id: str, forum_id: int, actions: Sequence[NewImportedAction]) -> list[int]:
        """Write new actions of the batch with their updates ("By" import), each audited as
        ``ActionRepository.add`` and ``add_update`` audit one; returns the new ids in order. The row journal's
        triggers record each row for undo, as for any write."""
        if not actions:
            return []
        first_action = int(self.store.scalar("SELECT coalesce(max(id), 0) + 1 FROM actions"))
        first_update = int(self.store.scalar("SELECT coalesce(max(id), 0) + 1 FROM action_updates"))
        now = utc_now()
        ids = list(range(first_action, first_action + len(actions)))
        action_rows: list[tuple[object, ...]] = []
        update_rows: list[tuple[object, ...]] = []
        for action_id, action in zip(ids, actions, strict=True):
            values = {**_ACTION_DEFAULTS, **{k: _plain(v) for k, v in action.fields.items() if k in _ACTION_DEFAULTS}}
            keys = (action_id, forum_id, action.ref, action.ref_year, action.ref_seq, batch_id, now, now)
            action_rows.append((*keys, *values.values()))
            self.store.audit("action", action_id, "create", "description", None, values["description"])
            for on, text in action.updates:
                update_rows.append((first_update + len(update_rows), action_id, on.isoformat(), text, "import", now))
                self.store.audit("action", action_id, "update", "update", None, f"{on.isoformat()}: {text}")
        insert_rows(self.store, "actions", (*_ACTION_KEYS, *_ACTION_DEFAULTS), action_rows)
        insert_rows(self.store, "action_updates", _UPDATE_COLUMNS, update_rows)
        if update_rows:
            self.store.conn.execute(
                "UPDATE actions SET latest_update_id = (SELECT u.id FROM action_updates u WHERE u.action_id ="
                " actions.id ORDER BY u.on_date DESC, u.id DESC LIMIT 1)"
                " WHERE id IN (SELECT action_id FROM action_updates WHERE id >= ?)",
                (first_update,),
            )
        return ids

    # -- lookups the import needs -------------------------------------------------------------------------
    def meeting_on(self, forum_id: int, day: date) -> int | None:
        value = self.store.scalar(
            "SELECT id FROM meetings WHERE forum_id = ? AND substr(starts_at, 1, 10) = ? ORDER BY starts_at LIMIT 1",
            (forum_id, day.isoformat()),
        )
        return None if value is None else int(value)

    def action_by_description(self, forum_id: int, description: str) -> int | None:
        """An action of the forum with this exact text (any case): how a row without a ref is found again."""
        value = self.store.scalar(
            "SELECT id FROM actions WHERE forum_id = ? AND description = ? COLLATE NOCASE ORDER BY id LIMIT 1",
            (forum_id, description),
        )
        return None if value is None else int(value)

    def update_exists(self, action_id: int, on: date, text: str) -> bool:
        return (
            self.store.scalar(
                "SELECT 1 FROM action_updates WHERE action_id = ? AND on_date = ? AND text = ?",
                (action_id, on.isoformat(), text),
            )
            is not None
        )

    def references(self, table: str, row_id: int) -> int:
        """How many rows of any table point at this row (found through the schema's foreign keys)."""
        total = 0
        tables = [r[0] for r in self.store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for other in tables:
            for fk in self.store.query(f"PRAGMA foreign_key_list({_quoted(other)})"):
                if fk["table"] == table:
                    total += int(
                        self.store.scalar(
                            f"SELECT count(*) FROM {_quoted(other)} WHERE {_quoted(fk['from'])} = ?", (row_id,)
                        )
                    )
        return total


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _plain(value: object) -> object:
    """A value as the column holds it: dates as ISO text, enums as their value."""
    if isinstance(value, date):
        return iso(value)
    return getattr(value, "value", value)

