"""Playing an operation's row journal backwards: the one primitive behind undo, redo and import undo.

``revert(store, op_id)`` runs inside the caller's transaction (the undo's own operation, so that its rows
are journaled in turn and a redo is the revert of the undo). It walks the operation's journal rows from
the last to the first and, for each, checks that the row is still as the operation left it (the current
row compared with the after-image), then puts the before-image back: an insert is deleted, a delete is
inserted again, an update is written back. Foreign keys are deferred for the replay (rows come back in
any order) and checked at COMMIT.

Anything changed since, by a later operation or by another program, stops the revert with an
``UndoConflictError`` naming the first such record, and the caller's transaction is rolled back: nothing
is half undone. A revert that would reach rows outside the operation (a cascade deleting a row added
since) is refused the same way, by comparing the rows the undo journaled with the operation's own.

``keep`` lets import undo keep a record the import added that is now used elsewhere (a person who has
since joined a forum): such a row is left in place and reported instead of deleted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from forumdesk.db.connection import Store
from forumdesk.db.journal import key_columns, quote
from forumdesk.domain.errors import UndoConflictError

Image = dict[str, Any]
ENTITIES = {
    "actions": "action", "action_updates": "action_update", "action_aims": "action", "people": "person",
    "organisations": "organisation", "forums": "forum", "forum_aims": "forum", "forum_areas": "forum",
    "memberships": "membership", "meetings": "meeting", "agenda_items": "agenda_item",
    "agenda_item_aims": "agenda_item", "attendance": "attendance", "decisions": "decision",
    "districts": "district", "matters_arising": "meeting", "forum_agenda_templates": "forum", "papers": "paper",
}


@dataclass(frozen=True)
class Entry:
    id: int
    table: str
    before: Image | None
    after: Image | None

    @property
    def image(self) -> Image:
        image = self.after if self.after is not None else self.before
        assert image is not None
        return image


Key = tuple[str, tuple[Any, ...]]  # a table and a row's primary key


@dataclass
class Reverted:
    """What a revert did: the tables it touched, the rows it removed and put back, and those it kept."""

    tables: set[str] = field(default_factory=set)
    removed: set[Key] = field(default_factory=set)
    restored: set[Key] = field(default_factory=set)
    kept: list[tuple[str, Image]] = field(default_factory=list)

    def count(self, rows: set[Key], tables: set[str]) -> int:
        """How many of ``rows`` are records of ``tables`` (an import counts actions, not their aims); a row
        the operation both added and changed counts as removed only."""
        return sum(1 for row in rows if row[0] in tables and (rows is self.removed or row not in self.removed))


def entries(conn: sqlite3.Connection, op_id: int) -> list[Entry]:
    row = conn.execute("SELECT first_row, rows FROM operations WHERE id = ?", (op_id,)).fetchone()
    if row is None or not row[1]:
        return []
    return [
        Entry(int(r[0]), str(r[1]), _load(r[2]), _load(r[3]))
        for r in conn.execute(
            "SELECT id, tbl, before, after FROM journal WHERE id >= ? AND id < ? AND op_id = ? ORDER BY id",
            (int(row[0]), int(row[0]) + int(row[1]), op_id),
        )
    ]


def revert(
    store: Store, op_id: int, what: str, keep: Callable[[str, Image], bool] | None = None
) -> Reverted:
    """Put back what operation ``op_id`` changed; ``what`` names it in a refusal ("Edit action")."""
    conn = store.conn
    conn.execute("PRAGMA defer_foreign_keys = ON")
    done = Reverted()
    keys: dict[str, list[str]] = {}
    touched: set[Key] = set()
    for entry in reversed(entries(conn, op_id)):
        columns = keys.setdefault(entry.table, key_columns(conn, entry.table))
        key = tuple(entry.image.get(c) for c in columns)
        touched.add((entry.table, key))
        current = _current(conn, entry.table, columns, key)
        if entry.before is None and keep is not None and current is not None and keep(entry.table, current):
            done.kept.append((entry.table, current))
            continue
        if entry.after is not None and (current is None or not _same(current, entry.after)):
            raise UndoConflictError(
                f"Cannot {what}: {_name(entry)} was changed since (by a later change or another program);"
                " nothing was changed"
            )
        if entry.after is None and current is not None:
            raise UndoConflictError(f"Cannot {what}: {_name(entry)} was added again since; nothing was changed")
        _put_back(store, entry, columns, key, current)
        done.tables.add(entry.table)
        (done.removed if entry.before is None else done.restored).add((entry.table, key))
    _refuse_reach(conn, store.op_id, touched, keys, what)
    return done


def _put_back(store: Store, entry: Entry, columns: list[str], key: tuple[Any, ...], current: Image | None) -> None:
    conn, table = store.conn, entry.table
    where, params = _where(columns, key)
    entity, entity_id = ENTITIES.get(table, table), _entity_id(entry.image, columns)
    if entry.before is None:
        conn.execute(f"DELETE FROM {quote(table)} WHERE {where}", params)
        store.audit(entity, entity_id, "delete", "", None, None)
        return
    values = {c: v for c, v in entry.before.items() if c != "rowid" or columns == ["rowid"]}
    if entry.after is None:
        names = ", ".join(quote(c) for c in values)
        marks = ", ".join("?" for _ in values)
        conn.execute(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", list(values.values()))
        store.audit(entity, entity_id, "create", "", None, None)
        return
    changed = {c: v for c, v in values.items() if current is None or current.get(c) != v}
    if changed:
        sets = ", ".join(f"{quote(c)} = ?" for c in changed)
        conn.execute(f"UPDATE {quote(table)} SET {sets} WHERE {where}", [*changed.values(), *params])
    for column, value in changed.items():
        store.audit(entity, entity_id, "update", column, None if current is None else current.get(column), value)


def _refuse_reach(
    conn: sqlite3.Connection,
    undo_op: int | None,
    touched: set[Key],
    keys: dict[str, list[str]],
    what: str,
) -> None:
    """Refuse when putting rows back reached others (a foreign key's cascade onto a row added since)."""
    if undo_op is None:
        return
    for entry in entries_of_running(conn, undo_op):
        columns = keys.setdefault(entry.table, key_columns(conn, entry.table))
        if (entry.table, tuple(entry.image.get(c) for c in columns)) not in touched:
            raise UndoConflictError(
                f"Cannot {what}: it would also change {_name(entry)}, which was added or changed since;"
                " nothing was changed"
            )


def entries_of_running(conn: sqlite3.Connection, op_id: int) -> list[Entry]:
    """The journal rows the running operation has written so far (its count is set only at its end)."""
    first = conn.execute("SELECT first_row FROM operations WHERE id = ?", (op_id,)).fetchone()
    if first is None:
        return []
    return [
        Entry(int(r[0]), str(r[1]), _load(r[2]), _load(r[3]))
        for r in conn.execute(
            "SELECT id, tbl, before, after FROM journal WHERE id >= ? AND op_id = ? ORDER BY id", (int(first[0]), op_id)
        )
    ]


def _current(conn: sqlite3.Connection, table: str, columns: list[str], key: tuple[Any, ...]) -> Image | None:
    where, params = _where(columns, key)
    select = "rowid, *" if columns == ["rowid"] else "*"
    cursor = conn.execute(f"SELECT {select} FROM {quote(table)} WHERE {where}", params)
    row = cursor.fetchone()
    if row is None:
        return None
    return {str(d[0]): row[i] for i, d in enumerate(cursor.description)}


def _where(columns: list[str], key: tuple[Any, ...]) -> tuple[str, list[Any]]:
    if columns == ["rowid"]:
        return "rowid = ?", [key[0]]
    return " AND ".join(f"{quote(c)} IS ?" for c in columns), list(key)


def _same(current: Image, image: Image) -> bool:
    """The row is as the image shows it (columns added since the image was taken are not compared)."""
    return all(current.get(c) == v for c, v in image.items() if c in current)


def _entity_id(image: Image, columns: list[str]) -> int | None:
    value = image.get("id", image.get(columns[0]))
    return value if isinstance(value, int) else None


def _name(entry: Entry) -> str:
    image = entry.image
    label = image.get("ref") or image.get("name") or image.get("title")
    entity = ENTITIES.get(entry.table, entry.table).replace("_", " ")
    if label:
        return f"{entity} {label}"
    ident = image.get("id")
    return f"{entity} {ident}" if ident is not None else f"a row of {entry.table}"


def _load(text: str | None) -> Image | None:
    """A row image; a BLOB journaled as ``["blob", "<hex>"]`` comes back as its bytes."""
    if text is None:
        return None
    return {k: bytes.fromhex(v[1]) if isinstance(v, list) else v for k, v in json.loads(text).items()}
