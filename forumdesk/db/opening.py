"""Opening a ForumDesk file: judge its header, connect, switch to WAL, and migrate it.

Kept apart from ``connection.py`` so that ``migrations.py`` (which needs ``Store``) and this module (which
runs the migrations) import in one direction only: connection <- migrations <- opening.
"""

from __future__ import annotations

from pathlib import Path

from forumdesk.db.connection import (
    APPLICATION_ID,
    OPEN_FILES,
    OUR_SCHEMA_TABLES,
    Store,
    connect,
    inspect_file,
    refuse_long_name,
)
from forumdesk.db.errors import translated
from forumdesk.db.migrations import check_version, migrate_store
from forumdesk.domain.errors import DatabaseDamagedError, ForeignDatabaseError, NotADatabaseError, StoreError


def open_store(
    path: str | Path,
    *,
    create: bool = True,
    migrate: bool = True,
    read_only: bool = False,
    immutable: bool = False,
    wal_now: bool = True,
) -> Store:
    """Open (and, unless told not to, create and migrate) the ForumDesk database at ``path``.

    Raises a ``StoreError`` with a one-line message for a folder, a file that is not SQLite, an SQLite file
    of another program, a database written by a newer ForumDesk, or a missing file when ``create`` is false.
    None of these cases writes to the file. ``wal_now=False`` puts off switching a file to WAL until its
    first write (the command line: a command that only reads changes no byte of a backup or a copy).
    """
    path = Path(path).expanduser()
    with OPEN_FILES.raw_access(path):  # no thread of ours connects while the header is being judged
        application_id, user_version = inspect_file(path)
        exists = path.exists()
        is_new = not exists or path.stat().st_size == 0
        if is_new and not create:
            if exists:
                raise NotADatabaseError(f"{path.name} is empty (0 bytes): it holds no ForumDesk database")
            raise StoreError(f"There is no ForumDesk database at {path} (create one with: forumdesk init --db {path})")
        if is_new and not path.parent.exists():
            raise StoreError(f"The folder {path.parent} does not exist")
        if is_new:
            refuse_long_name(path)
        if not is_new and application_id != APPLICATION_ID:
            _refuse_foreign(path)
        check_version(user_version, path)
        conn = connect(path, read_only=read_only, immutable=immutable)
        store = Store(path, conn, read_only=read_only)
    try:
        with translated(path):
            if not read_only:
                if wal_now or is_new:
                    conn.execute("PRAGMA journal_mode = WAL")
                else:
                    store._wal_pending = conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
                conn.execute("PRAGMA synchronous = NORMAL")
            if migrate and not read_only:
                migrate_store(store, backup_first=not is_new)
    except BaseException:
        store.close()
        raise
    return store


def _refuse_foreign(path: Path) -> None:
    """An SQLite file without our application id: empty ones are ours to use, ones holding our schema have a
    damaged header, others belong to another program and are refused."""
    conn = connect(path, read_only=True)
    try:
        with translated(path):
            names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    if names and set(OUR_SCHEMA_TABLES) <= names:
        raise DatabaseDamagedError(f"{path.name} is damaged (its header was overwritten)")
    if names:
        raise ForeignDatabaseError(
            f"{path.name} is an SQLite database of another program, not ForumDesk: it was left unchanged"
        )
