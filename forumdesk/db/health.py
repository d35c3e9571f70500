"""Health checks on the file: SQLite's integrity and foreign-key checks and the full-text indexes."""

from __future__ import annotations

import sqlite3

from forumdesk.db.connection import Store
from forumdesk.db.errors import translate, translated
from forumdesk.domain.errors import DatabaseBusyError

FTS_TABLES = ("actions_fts", "agenda_items_fts", "decisions_fts")


def problems(store: Store) -> list[str]:
    """Every problem found, as one line each; an empty list means healthy."""
    found: list[str] = []
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
                if isinstance(translate(error, store.path), DatabaseBusyError):
                    raise  # another program is writing: that is "busy", not damage (translated above)
                found.append(f"search index {table}: {error}")
    return found
