"""Turns SQLite's exceptions into the domain's environment errors, each with a plain one-line message."""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from forumdesk.domain.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskFullError,
    NotADatabaseError,
    ReadOnlyError,
    StoreError,
)

SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


def translate(error: sqlite3.Error, path: Path | str) -> StoreError | None:
    """The domain error for an SQLite error, or None when it is a programming error (bad SQL, constraint)."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    message = str(error).lower()
    name = Path(path).name
    if message.startswith("could not decode to utf-8 column"):  # Python's own error: the bytes of a text value are bad
        column = re.search(r"column '([^']*)'", str(error))
        where = f"column {column.group(1)}" if column else "a column"
        return DatabaseDamagedError(f"{name} is damaged (the text in {where} is not valid UTF-8)")
    if primary == SQLITE_FULL or "disk is full" in message:
        return DiskFullError(f"The disk holding {name} is full: free some space and try again (nothing was saved)")
    if primary == SQLITE_READONLY or "readonly database" in message:
        return ReadOnlyError(f"{name} is read-only: changes cannot be saved")
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in message:
        return DatabaseBusyError(f"{name} is busy in another program: try again in a moment")
    if primary == SQLITE_CORRUPT or "malformed" in message:
        return DatabaseDamagedError(f"{name} is damaged (SQLite reports: {error})")
    if primary == SQLITE_NOTADB or "file is not a database" in message:
        return NotADatabaseError(f"{name} is not a ForumDesk database (it is not an SQLite file)")
    if primary == SQLITE_IOERR or "disk i/o error" in message:
        if _nearly_full(Path(path)):
            return DiskFullError(f"The disk holding {name} is full: free some space and try again (nothing was saved)")
        return StoreError(f"Could not read or write {name} (disk I/O error): the disk may be full, removed or failing")
    if primary == SQLITE_CANTOPEN or "unable to open" in message:
        return StoreError(f"Cannot open {name}: check that the folder exists and can be written")
    return None


def is_cannot_open(error: BaseException) -> bool:
    """True for a ``StoreError`` raised because SQLite could not open the file (or make its -wal/-shm)."""
    cause = error.__cause__
    code = getattr(cause, "sqlite_errorcode", None)
    return isinstance(cause, sqlite3.Error) and code is not None and code & 0xFF == SQLITE_CANTOPEN


def _nearly_full(path: Path) -> bool:
    """An I/O error on a disk with almost no space left is a full disk, whatever SQLite called it."""
    try:
        return shutil.disk_usage(path.parent if path.parent.exists() else Path.cwd()).free < 1024 * 1024
    except OSError:
        return False


@contextlib.contextmanager
def translated(path: Path | str) -> Iterator[None]:
    """Re-raise environment errors from SQLite as ``StoreError``s; let programming errors through."""
    try:
        yield
    except sqlite3.Error as error:
        mapped = translate(error, path)
        if mapped is None:
            raise
        raise mapped from error
