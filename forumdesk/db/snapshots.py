"""Consistent copies of a database file: SQLite's backup API to a temp file, synced, renamed, then checked.

Used by the backups service, by the copy taken before a migration, and by recovery. Each copy is a
self-contained file (journal mode DELETE, no -wal beside it) that ``quick_check`` has passed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from forumdesk.db.connection import sqlite_uri
from forumdesk.db.errors import translate, translated
from forumdesk.domain.errors import DatabaseDamagedError, DiskFullError, StoreError
from forumdesk.tempfiles import not_regular, remove_stale, remove_temp, temp_path

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
    The temp file has a short name of ours (see ``forumdesk.tempfiles``) so any ``dest`` name fits; a dead
    process's leftovers in the folder are removed first. Damage found while copying is the source's.
    """
    if not_regular(dest):
        raise StoreError(f"{dest} is not a regular file (a folder, device or pipe): give a file name for the copy")
    remove_stale(dest.parent)
    source_name = source_file(source)
    temp = temp_path(dest.parent)
    try:
        try:
            copy = sqlite3.connect(temp, isolation_level=None)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                if check:
                    problems = first_problems(copy)
                    if problems:
                        raise DatabaseDamagedError(
                            f"{source_name} is damaged ({describe_problem(problems[0])}): no copy was kept"
                        )
            finally:
                copy.close()
        except sqlite3.Error as error:
            mapped = translate(error, dest)
            if isinstance(mapped, DatabaseDamagedError):  # the copy is new: the damage came with the pages
                mapped = translate(error, source_name)
            if mapped is None:
                raise
            raise mapped from error
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, dest)
        fsync_dir(dest.parent)
    except OSError as error:
        raise os_error(error, dest.name) from error
    finally:
        remove_temp(temp)
    return dest


def source_file(conn: sqlite3.Connection) -> str:
    """The name of the file behind a connection (for messages), or "the database"."""
    with contextlib.suppress(sqlite3.Error):
        row = conn.execute("PRAGMA database_list").fetchone()
        if row is not None and row[2]:
            return Path(row[2]).name
    return "the database"


def first_problems(conn: sqlite3.Connection, limit: int = 1) -> list[str]:
    """The first problems SQLite's quick check reports, or [] when there are none.

    ``LIMIT`` stops the check after its first report: without it SQLite goes on, fails on the damaged
    page with "malformed", and Python's cursor drops the row that named the page.
    """
    rows = conn.execute(f"SELECT * FROM pragma_quick_check LIMIT {int(limit)}").fetchall()
    lines = [line for row in rows for line in str(row[0]).splitlines() if not line.startswith("***")]
    return [] if lines == ["ok"] else lines


def describe_problem(line: str) -> str:
    """``"damaged page 228; SQLite's check reports: Page 228: ..."`` when SQLite names a page."""
    found = re.search(r"\bpage (\d+)", line, re.IGNORECASE)
    said = f"SQLite's check reports: {line}"
    return f"damaged page {found.group(1)}; {said}" if found else said


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
    with translated(source_file(conn)):
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
