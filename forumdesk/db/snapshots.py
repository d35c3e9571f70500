"""Consistent copies of a database file: SQLite's backup API to a temp file, synced, renamed, then checked.

Used by the backups service, by the copy taken before a migration, and by recovery. Each copy is a
self-contained file (journal mode DELETE, no -wal beside it) that ``quick_check`` has passed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from forumdesk.db.connection import sqlite_uri
from forumdesk.db.errors import translated
from forumdesk.domain.errors import DiskFullError, StoreError

BACKUP_SUFFIX = ".sqlite"
STAMP_FORMAT = "%Y%m%d-%H%M%S"


def backup_folder(db_path: Path, root: Path | None = None) -> Path:
    """The folder that holds one database's backups: ``<user data>/backups/<name>-<hash of its path>``."""
    if root is None:
        from forumdesk.paths import user_data_dir

        root = user_data_dir() / "backups"
    resolved = Path(db_path).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return root / f"{resolved.stem}-{digest}"


STEM_BYTES = 120  # a backup's name, with its stamp, reason and a temp file's prefix and suffix, fits 255 bytes


def backup_name(db_path: Path, when: datetime, reason: str) -> str:
    clean = "".join(c if c.isalnum() else "-" for c in reason.lower()).strip("-")[:40] or "manual"
    stem = Path(db_path).stem.encode("utf-8")[:STEM_BYTES].decode("utf-8", errors="ignore")
    return f"{stem}-{when.astimezone(UTC).strftime(STAMP_FORMAT)}-{clean}{BACKUP_SUFFIX}"


def parse_stamp(name: str) -> datetime | None:
    """The UTC time written into a backup's file name, or None for a file that is not one of ours."""
    parts = Path(name).stem.split("-")
    for i in range(len(parts) - 1):
        with contextlib.suppress(ValueError):
            return datetime.strptime(f"{parts[i]}-{parts[i + 1]}", STAMP_FORMAT).replace(tzinfo=UTC)
    return None


def os_error(error: OSError, name: str) -> StoreError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFullError(
            f"The disk holding {name} is full: free some space and try again (nothing was saved)"
        )
    return StoreError(f"Could not write {name}: {error.strerror or error}")


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (a no-op where folders cannot be opened, as on Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_copy(source: sqlite3.Connection, dest: Path, *, check: bool = True) -> Path:
    """Copy the database behind ``source`` to ``dest``: temp file, fsync, rename; checked before the rename.

    ``dest`` is never left half-written: on any failure the temp file is removed and ``dest`` is untouched.
    """
    temp = dest.with_name(f".{dest.name}.partial")
    try:
        with translated(dest):
            copy = sqlite3.connect(temp, isolation_level=None)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                if check:
                    problems = [r[0] for r in copy.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
                    if problems:
                        raise StoreError(
                            f"The copy {dest.name} failed its check ({problems[0]}): it was not kept"
                        )
            finally:
                copy.close()
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, dest)
        fsync_dir(dest.parent)
    except OSError as error:
        raise os_error(error, dest.name) from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return dest


def copy_file(source: Path, dest: Path) -> Path:
    """A checked copy of a database file that is not open (a backup being restored, say)."""
    conn = sqlite3.connect(sqlite_uri(source, read_only=True), uri=True)
    try:
        return write_copy(conn, dest)
    finally:
        conn.close()


def quick_check(path: Path) -> bool:
    """True when SQLite's quick check passes on the file (opened read-only; nothing is written)."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return [r[0] for r in rows] == ["ok"]


@dataclass(frozen=True)
class CopySummary:
    """What a copy holds, for the restore list."""

    actions: int
    meetings: int
    last_change: int  # the newest audit row's id: equal ids mean the same content


def summarise(path: Path) -> CopySummary | None:
    """Counts read from a copy, or None when the copy cannot be read."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)
        try:
            actions = conn.execute("SELECT count(*) FROM actions").fetchone()[0]
            meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
            last = conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return CopySummary(int(actions), int(meetings), int(last))


def last_change(conn: sqlite3.Connection) -> int:
    """The newest audit row's id: it moves on with every audited change."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])


def restore_into(target: sqlite3.Connection, source: Path, db_name: str) -> None:
    """Replace the whole content of the open database ``target`` with the copy at ``source``, atomically.

    SQLite's backup API writes into the live file under its write lock, as one transaction: a crash part
    way leaves the old content, and other connections see the new content once it is done.
    """
    with translated(db_name):
        src = sqlite3.connect(sqlite_uri(source, read_only=True), uri=True)
        try:
            src.backup(target)
        finally:
            src.close()
