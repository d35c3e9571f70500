"""Operations and the row journal: what makes every write undoable (migration 0005).

Each outermost write transaction is one *operation*: a row in ``operations`` (when, who, a label for the
menus, and its kind: ``do`` for an ordinary write, ``undo``/``redo`` with the id of the operation it
``reverts``). While it runs, its id sits in the one-row table ``op_current``; it is set just after
``BEGIN IMMEDIATE`` and cleared before ``COMMIT``, so outside our transactions it is always NULL.

Every domain table has three AFTER INSERT/UPDATE/DELETE triggers, generated here from the schema
(``sync_triggers``: run by migration 0005 and after every later migration, so a new table or column
cannot be forgotten). When ``op_current`` holds an id they append the row's before and after images
(``json_object`` of every column; a BLOB column's value as ``["blob", "<hex>"]``, which JSON can hold
and ``forumdesk.db.replay`` turns back into the same bytes) to ``journal``; when it is NULL (another
program such as the sqlite3 command-line tool, or a bulk load run with ``journal=False``) they do nothing,
so such writes are neither journaled nor refused. Plain SQL only: no application-defined function, which
other programs lack.

An operation's journal rows are contiguous (write transactions are serialised), so ``operations`` keeps
their first id and count instead of an index on ``journal``. An operation that wrote no row and no audit
row is removed at its end. ``forumdesk.db.replay`` plays an operation's images backwards (undo).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

JOURNAL_TABLES = ("operations", "journal", "op_current")
# Bookkeeping, not domain rows: the audit trail, migrations, and which operation each import was.
# Papers' bytes (``paper_files``) are stored once by SHA-256 and never changed: the ``papers`` rows naming
# them are journaled.
NOT_JOURNALED = {*JOURNAL_TABLES, "audit_log", "schema_migrations", "import_batches", "import_records", "paper_files"}
TRIGGER_PREFIX = "journal_"

SCHEMA = (
    """CREATE TABLE operations (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('do', 'undo', 'redo')),
        reverts INTEGER REFERENCES operations(id),
        first_row INTEGER,
        rows INTEGER NOT NULL DEFAULT 0
    ) STRICT""",
    "CREATE INDEX operations_reverts ON operations(reverts)",
    """CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        op_id INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        before TEXT,
        after TEXT
    ) STRICT""",
    "CREATE TABLE op_current (one INTEGER PRIMARY KEY CHECK (one = 1), op_id INTEGER) STRICT",
    "INSERT INTO op_current (one, op_id) VALUES (1, NULL)",
    "ALTER TABLE audit_log ADD COLUMN op_id INTEGER",
    "CREATE INDEX audit_op ON audit_log(op_id) WHERE op_id IS NOT NULL",
    "ALTER TABLE import_batches ADD COLUMN op_id INTEGER",
)


def create_journal(conn: sqlite3.Connection) -> None:
    """Migration 0005: the tables above, then the triggers on every domain table."""
    for statement in SCHEMA:
        conn.execute(statement)
    sync_triggers(conn)


class Journal:
    """One connection's side of the operations: begin and end them inside its transactions."""

    def __init__(self, conn: sqlite3.Connection, user: str) -> None:
        self._conn = conn
        self._user = user
        self._ready = False
        self.audited = False  # an audit row was written in the running operation

    @property
    def ready(self) -> bool:
        """True once the file has the operations tables (migration 0005)."""
        if not self._ready:
            self._ready = self._conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'op_current'"
            ).fetchone() is not None
        return self._ready

    def begin(self, label: str, kind: str, reverts: int | None, at: str) -> int | None:
        """Record a new operation and make it current; None on a file without the journal."""
        if not self.ready:
            return None
        conn = self._conn
        first = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM journal").fetchone()[0])
        cursor = conn.execute(
            "INSERT INTO operations (at, os_user, label, kind, reverts, first_row) VALUES (?, ?, ?, ?, ?, ?)",
            (at, self._user, label, kind, reverts, first),
        )
        op_id = int(cursor.lastrowid or 0)
        conn.execute("UPDATE op_current SET op_id = ?", (op_id,))
        self.audited = False
        return op_id

    def end(self, op_id: int) -> bool:
        """Clear the current operation and count its rows; False when it was dropped for writing nothing."""
        conn = self._conn
        conn.execute("UPDATE op_current SET op_id = NULL")
        first, last = conn.execute(
            "SELECT o.first_row, (SELECT coalesce(max(id), 0) FROM journal) FROM operations o WHERE o.id = ?",
            (op_id,),
        ).fetchone()
        rows = max(0, int(last) - int(first) + 1)
        if rows == 0 and not self.audited:
            conn.execute("DELETE FROM operations WHERE id = ?", (op_id,))
            return False
        conn.execute("UPDATE operations SET rows = ? WHERE id = ?", (rows, op_id))
        return True


# -- the triggers -------------------------------------------------------------------------------------------
def domain_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table whose rows are journaled: all but SQLite's own, the audit trail, the journal's tables,
    migrations' bookkeeping, and full-text indexes (virtual tables and their shadow tables)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    virtual = [str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name in (str(r[0]) for r in rows)
        if not name.startswith("sqlite_")
        and name not in NOT_JOURNALED
        and name not in virtual
        and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({quote(table)})")]


def key_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The primary key's columns in order (``rowid`` for a table without one)."""
    info = sorted((int(r[5]), str(r[1])) for r in conn.execute(f"PRAGMA table_info({quote(table)})") if r[5])
    return [name for _, name in info] or ["rowid"]


def blob_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """Columns that can hold a BLOB: declared BLOB or ANY, or with no type (a STRICT table's TEXT cannot)."""
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({quote(table)})")
            if str(r[2]).upper() in ("BLOB", "ANY", "")}


def image_sql(conn: sqlite3.Connection, table: str, alias: str) -> str:
    """``json_object('col', alias.col, ...)`` over every column (and the rowid of a table without a key).

    JSON cannot hold a BLOB (``json_object`` fails on one), so a BLOB goes in as ``["blob", "<hex>"]``."""
    names = columns(conn, table)
    binary = blob_columns(conn, table)
    if key_columns(conn, table) == ["rowid"]:
        names = ["rowid", *names]

    def value(name: str) -> str:
        column = f"{alias}.{quote(name)}"
        if name not in binary:
            return column
        return f"CASE WHEN typeof({column}) = 'blob' THEN json_array('blob', hex({column})) ELSE {column} END"

    return "json_object(" + ", ".join(f"'{n}', {value(n)}" for n in names) + ")"


def trigger_sql(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """The three journal triggers of ``table``, by name."""
    current = "(SELECT op_id FROM op_current)"
    out = {}
    for event, before, after in (
        ("INSERT", "NULL", image_sql(conn, table, "NEW")),
        ("UPDATE", image_sql(conn, table, "OLD"), image_sql(conn, table, "NEW")),
        ("DELETE", image_sql(conn, table, "OLD"), "NULL"),
    ):
        name = f"{TRIGGER_PREFIX}{table}_{event.lower()}"
        out[name] = (
            f"CREATE TRIGGER {quote(name)} AFTER {event} ON {quote(table)} WHEN {current} IS NOT NULL BEGIN"
            f" INSERT INTO journal (op_id, tbl, before, after) VALUES ({current}, '{table}', {before}, {after});"
            " END"
        )
    return out


def sync_triggers(conn: sqlite3.Connection) -> list[str]:
    """Create (or re-create, after a table's columns changed) every domain table's journal triggers, and
    drop those of tables that are gone; returns the names (re)created. Call inside a transaction."""
    existing = {
        str(r[0]): str(r[1])
        for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        if str(r[0]).startswith(TRIGGER_PREFIX)
    }
    wanted: dict[str, str] = {}
    for table in domain_tables(conn):
        wanted.update(trigger_sql(conn, table))
    made = []
    for name, sql in wanted.items():
        if existing.get(name) != sql:
            conn.execute(f"DROP TRIGGER IF EXISTS {quote(name)}")
            conn.execute(sql)
            made.append(name)
    for name in set(existing) - set(wanted):
        conn.execute(f"DROP TRIGGER IF EXISTS {quote(name)}")
    return made


@contextlib.contextmanager
def suspended(conn: sqlite3.Connection) -> Iterator[None]:
    """No journal triggers at all for a bulk load inside the caller's transaction (the demo's million rows):
    even a trigger whose WHEN is false costs a little per row. They are dropped here and made again at
    the end, in the same transaction, so no other connection ever sees the file without them."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        if str(name).startswith(TRIGGER_PREFIX):
            conn.execute(f"DROP TRIGGER {quote(str(name))}")
    yield
    sync_triggers(conn)


def purge(conn: sqlite3.Connection) -> None:
    """Forget every row image (a person's erasure: the journal must not keep what was erased); the
    operations stay, for the audit trail, but none of them can be undone any more."""
    conn.execute("DELETE FROM journal")
    conn.execute("UPDATE operations SET rows = 0")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
