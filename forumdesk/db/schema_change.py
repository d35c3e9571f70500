"""Schema changes that ALTER TABLE cannot make (a column's type, NOT NULL, default or foreign key, dropping a
column), for migrations: sqlite-utils' ``table.transform``, with what it leaves out put back.

``transform`` rebuilds the table: creates the new one, copies the rows (ids kept), drops the old one, renames
the new one, and re-creates the table's indexes, all inside the migration's transaction. It keeps CHECK and
UNIQUE constraints, defaults, STRICT and the foreign keys, and checks the foreign keys before returning
(``PRAGMA defer_foreign_keys`` while it works: ``PRAGMA foreign_keys`` cannot change inside a transaction).
It does not keep:
- the table's **triggers** (DROP TABLE drops them): this module re-creates each from its own SQL;
- **generated columns** and **column collations** (it reads columns with ``PRAGMA table_info``): a table with
  either (``actions``; ``forums``, ``organisations``, ``districts`` and their NOCASE names) is refused here,
  before anything changes;
- it refuses by itself a table that other tables reference with ON DELETE CASCADE or SET NULL: dropping the
  old table inside a transaction would fire those actions.
Afterwards the table's indexes and triggers are checked to be the ones it had, and its foreign keys to hold.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from forumdesk.domain.errors import StoreError


def transform(conn: sqlite3.Connection, table: str, **changes: Any) -> None:
    """``sqlite_utils`` ``Table.transform(**changes)`` on ``table``, inside the caller's open transaction."""
    import sqlite_utils  # here, not at the top: only a migration that rebuilds a table pays for the import

    if not conn.in_transaction:
        raise RuntimeError("a table is rebuilt only inside the migration's transaction")
    _refuse_what_transform_would_lose(conn, table)
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY rowid", (table,)
    ).fetchall()
    before = _indexes_and_triggers(conn, table)
    try:
        sqlite_utils.Database(conn).table(table).transform(**changes)
    except sqlite3.IntegrityError as error:
        raise StoreError(
            f"The table {table} could not be rebuilt: rows point at rows that are missing ({error});"
            " forumdesk check lists them. The file was left as it was."
        ) from error
    for _, sql in triggers:
        conn.execute(sql)
    after = _indexes_and_triggers(conn, table)
    if after != before:
        raise StoreError(f"The table {table} lost {sorted(before - after)} when rebuilt: nothing was changed")
    if conn.execute(f"PRAGMA foreign_key_check({_quoted(table)})").fetchall():
        raise StoreError(f"The table {table} has rows pointing at missing rows after rebuilding: nothing was changed")


def _refuse_what_transform_would_lose(conn: sqlite3.Connection, table: str) -> None:
    hidden = [r[1] for r in conn.execute(f"PRAGMA table_xinfo({_quoted(table)})") if r[6] != 0]
    sql = str(conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0])
    if hidden or "COLLATE" in sql.upper():
        what = f"generated columns ({', '.join(hidden)})" if hidden else "a column collation"
        raise StoreError(f"The table {table} cannot be rebuilt with sqlite-utils' transform: it has {what}")


def _indexes_and_triggers(conn: sqlite3.Connection, table: str) -> set[tuple[str, str]]:
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')", (table,)
    ).fetchall()
    return {(str(r[0]), str(r[1])) for r in rows}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
