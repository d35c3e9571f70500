"""Health checks on the file: SQLite's integrity and foreign-key checks and the full-text indexes."""

from __future__ import annotations

import sqlite3

from forumdesk.db.connection import Store
from forumdesk.db.errors import translate, translated
from forumdesk.domain.errors import DatabaseBusyError, ReadOnlyError

FTS_TABLES = ("actions_fts", "agenda_items_fts", "decisions_fts")
UNFINISHED = "forumdesk_unfinished"  # present only while a new file is being built (init, demo)


def mark_unfinished(store: Store, what: str) -> None:
    """Mark a file being built: if the build is killed, ``problems`` reports the file as never finished.

    The marker (with the schema and the header's application id) is folded into the file itself, so a
    killed build's file is recognised as ForumDesk's without its write-ahead log.
    """
    with store.transaction(journal=False):
        store.conn.execute(f"CREATE TABLE {UNFINISHED} (what TEXT NOT NULL) STRICT")
        store.conn.execute(f"INSERT INTO {UNFINISHED} (what) VALUES (?)", (what,))
    with translated(store.path):
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def mark_finished(store: Store) -> None:
    """The build is complete: drop the marker and fold the write-ahead log into the file."""
    with store.transaction(journal=False):
        store.conn.execute(f"DROP TABLE {UNFINISHED}")
    with translated(store.path):
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def unfinished(store: Store) -> str | None:
    """What was building the file when it stopped ("demo", "init"), or None for a finished file."""
    with translated(store.path):
        known = store.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (UNFINISHED,)
        ).fetchone()
        if known is None:
            return None
        row = store.conn.execute(f"SELECT what FROM {UNFINISHED}").fetchone()
    return "a build" if row is None else str(row[0])


def problems(store: Store) -> list[str]:
    """Every problem found, as one line each; an empty list means healthy."""
    found: list[str] = []
    building = unfinished(store)
    if building is not None:
        found.append(
            f"unfinished: this file was never finished (forumdesk {building} was interrupted while building it);"
            " delete it and build it again"
        )
    with translated(store.path):
        for (message,) in store.conn.execute("PRAGMA integrity_check").fetchall():
            if message != "ok":
                found.append(f"integrity: {message}")
        for row in store.conn.execute("PRAGMA foreign_key_check").fetchall():
            found.append(f"foreign key: {row[0]} row {row[1]} points to a missing {row[2]}")
        for table in FTS_TABLES:
            try:
                store.conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as error:
                mapped = translate(error, store.path)
                if isinstance(mapped, DatabaseBusyError):
                    raise  # another program is writing: that is "busy", not damage (translated above)
                if isinstance(mapped, ReadOnlyError):
                    continue  # read-only media: SQLite runs this check only where it may write
                found.append(f"search index {table}: {error}")
    return found
