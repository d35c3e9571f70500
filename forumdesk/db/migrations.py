"""Named, ordered migrations. A released migration is never edited: add a new one at the end.

``PRAGMA user_version`` holds how many migrations a file has had; ``schema_migrations`` names them.
Each migration runs in its own transaction, so a failing one leaves the file as it was. Before migrating
an existing file, a checked copy is put in its backups folder with SQLite's backup API.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from forumdesk.db.connection import APPLICATION_ID, Store, utc_now
from forumdesk.db.journal import create_journal, sync_triggers
from forumdesk.domain.errors import NewerDatabaseError

Migration = Callable[[sqlite3.Connection], None]


def run_sql_file(conn: sqlite3.Connection, name: str) -> None:
    """Run a bundled .sql file statement by statement (``executescript`` would commit mid-transaction)."""
    text = resources.files("forumdesk.db").joinpath(name).read_text(encoding="utf-8")
    statement = ""
    for line in text.splitlines(keepends=True):
        if not statement and (not line.strip() or line.lstrip().startswith("--")):
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"{name} ends with an incomplete statement")


def _initial(conn: sqlite3.Connection) -> None:
    run_sql_file(conn, "schema_0001.sql")


def _meeting_cycle(conn: sqlite3.Connection) -> None:
    run_sql_file(conn, "schema_0002_meeting_cycle.sql")


def _imports(conn: sqlite3.Connection) -> None:
    run_sql_file(conn, "schema_0003_imports.sql")


def _scale_indexes(conn: sqlite3.Connection) -> None:
    run_sql_file(conn, "schema_0004_scale_indexes.sql")


def _operations(conn: sqlite3.Connection) -> None:
    """The operations, the row journal and its triggers, and ``audit_log.op_id`` (see ``db/journal.py``)."""
    create_journal(conn)
def _attendance_item_cascade(conn: sqlite3.Connection) -> None:
    """Deleting an agenda item deletes the attendance recorded for that item only.

    Someone who comes for one item is recorded as ``item_only`` with the item in ``agenda_item_id``. The
    foreign key said ON DELETE SET NULL, so removing the item from the agenda left a row that still read
    "For one item" with no item: the register and the minutes listed a guest for nothing. The item's other
    dependants (its sub-items, its aims) already go with it; so does this row now (ON DELETE CASCADE).
    SQLite's ALTER TABLE cannot change a foreign key, so the table is rebuilt with sqlite-utils' transform
    (``db.schema_change``: rows, ids, indexes, triggers, CHECK and STRICT kept). Rows already left without
    their item by earlier versions are kept as they are.
    """
    from sqlite_utils.db import ForeignKey

    from forumdesk.db.schema_change import transform

    transform(
        conn,
        "attendance",
        drop_foreign_keys=["agenda_item_id"],
        add_foreign_keys=[ForeignKey("attendance", "agenda_item_id", "agenda_items", "id", on_delete="CASCADE")],
    )


CHASES_SCHEMA = (
    """CREATE TABLE chases (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
        chased_at TEXT NOT NULL,
        draft TEXT NOT NULL DEFAULT '',
        op_id INTEGER
    ) STRICT""",
    "CREATE INDEX chases_action ON chases(action_id, chased_at)",
    "CREATE INDEX chases_person ON chases(person_id)",
    "CREATE TABLE database_identity (one INTEGER PRIMARY KEY CHECK (one = 1), uid TEXT NOT NULL) STRICT",
    "INSERT INTO database_identity (one, uid) VALUES (1, lower(hex(randomblob(16))))",
)


def _chases(conn: sqlite3.Connection) -> None:
    """Each chaser e-mail drafted for an action's owner (``services.mail``): which action, to whom, when, in which
    draft file, by which operation; the tracker's "Last chased" is the newest. Also the file's own random
    identity, which makes the calendar entries of a chaser (.ics UIDs) stable across sends and distinct
    between two files. The row journal's triggers on ``chases`` come from ``sync_triggers`` like any table's.
    Depends on no migration after 0006."""
    for statement in CHASES_SCHEMA:
        conn.execute(statement)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial", _initial),
    ("0002_meeting_cycle", _meeting_cycle),
    ("0003_imports", _imports),
    ("0004_scale_indexes", _scale_indexes),
    ("0005_operations", _operations),
    ("0006_attendance_item_cascade", _attendance_item_cascade),
    ("0008_chases", _chases),  # 0007_papers is another branch's: the lead orders them when merging
]
LATEST = len(MIGRATIONS)
JOURNAL_SINCE = 5  # the migration that made the row journal


def check_version(user_version: int, path: Path) -> None:
    if user_version > LATEST:
        raise NewerDatabaseError(
            f"{path.name} was written by a newer ForumDesk (schema {user_version}, this version knows "
            f"{LATEST}): update ForumDesk to open it; the file was left unchanged"
        )


def pending(store: Store) -> list[tuple[int, str, Migration]]:
    current = int(store.scalar("PRAGMA user_version"))
    check_version(current, store.path)
    return [(number, name, fn) for number, (name, fn) in enumerate(MIGRATIONS, start=1) if number > current]


def migrate_store(store: Store, *, backup_first: bool = True, upto: int | None = None) -> list[str]:
    """Apply every pending migration (or those up to ``upto``); returns the names applied."""
    todo = [m for m in pending(store) if upto is None or m[0] <= upto]
    if not todo:
        return []
    if backup_first and int(store.scalar("PRAGMA user_version")) > 0:
        backup_before_migration(store, todo[0][1])
    applied = []
    for number, name, fn in todo:
        with store.transaction(journal=False) as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            fn(conn)
            conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (name, utc_now()))
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number}")
            if number >= JOURNAL_SINCE:
                sync_triggers(conn)  # a table or column a migration added is journaled too
        applied.append(name)
    return applied


def backup_before_migration(store: Store, first_name: str) -> Path:
    """A checked copy in the database's backups folder (see ``forumdesk.db.snapshots``) before migrating."""
    from forumdesk.db.snapshots import backup_folder, backup_name, write_copy

    folder = backup_folder(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(store.path, datetime.now(UTC), f"before-{first_name}")
    return write_copy(store.conn, target)
