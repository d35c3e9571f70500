"""The connection: ``connect``, the one function that connects, and the ``Store`` that holds the connection.

Every connection gets foreign keys on, WAL, ``synchronous=NORMAL`` and a busy timeout. A file is looked at
(header, application id, schema version) before anything is written to it, so that a foreign or newer file
is refused unchanged. Each thread opens its own ``Store``; a connection is never shared across threads.

``open_store`` (``db/opening.py``) opens, creates and migrates a database with them.

One rule keeps other programs from losing our work: this process never opens a database file with Python's
``open()`` while it holds an SQLite connection to it. POSIX locks belong to the process, and closing *any*
descriptor of the file drops them all; another process then believes it is alone, checkpoints and deletes the
-wal and -shm files under us (https://www.sqlite.org/howtocorrupt.html, section 2.2). ``OPEN_FILES`` knows
which files this process holds; ``raw_header`` reads bytes only when it holds none, and asks SQLite otherwise.
Paths reach SQLite as percent-encoded ``file:`` URIs, so ``#``, ``?`` and ``%`` in a name mean themselves.
Each outermost transaction is one undoable operation (``forumdesk.db.journal``); ``opening.py`` opens files.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import os
import sqlite3
import threading
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from forumdesk.db.errors import translated
from forumdesk.db.journal import Journal
from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.errors import (
    NotADatabaseError,
    ReadOnlyError,
    StoreError,
)

APPLICATION_ID = 0x46524D44  # "FRMD"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
NAME_MAX = 255  # bytes in a file name on the file systems a laptop has (ext4, NTFS, APFS)
OUR_SCHEMA_TABLES = ("audit_log", "actions", "forums")  # a file holding these is ours, whatever its header says
T = TypeVar("T")


class OpenFiles:
    """The database files (by device and inode) that this process holds SQLite connections to.

    ``raw_access(path)`` is the only way to read a database file's bytes: it yields False, and the caller
    must ask SQLite instead, while this process holds a connection to that file.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._held: Counter[tuple[int, int]] = Counter()

    def hold(self, key: tuple[int, int] | None) -> None:
        if key is not None:
            with self._lock:
                self._held[key] += 1

    def release(self, key: tuple[int, int] | None) -> None:
        if key is not None:
            with self._lock:
                self._held[key] -= 1
                if self._held[key] <= 0:
                    del self._held[key]

    def holds(self, path: Path) -> bool:
        key = file_identity(path)
        with self._lock:
            return key is not None and key in self._held

    @contextlib.contextmanager
    def raw_access(self, path: Path) -> Iterator[bool]:
        """True inside when ``path`` may be opened with ``open()``: no connection to it in this process.

        The lock is held throughout, so no thread of ours connects to the file while its bytes are read.
        """
        with self._lock:
            yield not self.holds(path)


OPEN_FILES = OpenFiles()


def sqlite_uri(path: Path, *, read_only: bool = False, immutable: bool = False) -> str:
    """A ``file:`` URI naming exactly ``path``: every character SQLite's URI parser would read as syntax
    (``?``, ``#``, ``%``, and anything not plain ASCII) is percent-encoded."""
    absolute = Path(os.path.abspath(path))
    if os.name == "nt":  # pragma: no cover - file:///C:/folder/name
        text = "/" + urllib.parse.quote(absolute.as_posix(), safe="/:")
    else:
        text = urllib.parse.quote(str(absolute), safe="/")
    params = []
    if read_only:
        params.append("mode=ro")
        if immutable:
            params.append("immutable=1")
    return f"file:{text}" + (f"?{'&'.join(params)}" if params else "")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some frozen or service environments
        return "unknown"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def raw_header(path: Path) -> bytes | None:
    """The file's first 100 bytes, or None when this process holds a connection to it (ask SQLite then)."""
    with OPEN_FILES.raw_access(path) as allowed:
        if not allowed:
            return None
        try:
            with path.open("rb") as handle:
                return handle.read(100)
        except OSError as error:
            raise StoreError(f"Cannot read {path.name}: {error.strerror or error}") from error


def inspect_file(path: Path) -> tuple[int, int]:
    """Return ``(application_id, user_version)`` from the header, or raise for a file that is no SQLite.

    ``(0, 0)`` for a missing or empty file. Nothing in the file changes. While this process holds a
    connection to the file, the two numbers are asked of SQLite instead of read from the bytes.
    """
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a ForumDesk database")
    if not path.exists() or path.stat().st_size == 0:
        return 0, 0
    header = raw_header(path)
    if header is None:
        return _pragmas(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotADatabaseError(f"{path.name} is not a ForumDesk database (it is not an SQLite file)")
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    return application_id, user_version


def _pragmas(path: Path) -> tuple[int, int]:
    conn = connect(path)
    try:
        with translated(path):
            application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    return application_id, user_version


class Store:
    """One connection to one ForumDesk file, with transactions that are all or nothing."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._thread = threading.get_ident()
        self.user = os_user()
        self._identity = file_identity(path)
        self._wal_pending = False  # WAL is switched on at the first write (see ``open_store``)
        self._wal_identity: tuple[int, int] | None = None  # the -wal this connection last committed to
        self._closed = False
        self.op_id: int | None = None  # the running operation's id; after it, the last one committed
        self._journal = Journal(conn, self.user)
        OPEN_FILES.hold(self._identity)

    def is_in_place(self) -> bool:
        """False once the file was deleted, moved or replaced since it was opened."""
        return self._identity is None or file_identity(self.path) == self._identity

    def check_in_place(self) -> None:
        """Refuse to write when the file was deleted or moved while open: those writes would be lost.

        The open connection still reads the old file, so ``AdminService.backup`` can save a copy of it.
        """
        if not self.is_in_place():
            self._settle_moved_file()
            raise StoreError(
                f"{self.path.name} was moved or deleted while ForumDesk had it open: nothing more was saved;"
                " save a copy (File > Save a copy, or forumdesk backup) and open that"
            )

    @functools.cached_property
    def db(self) -> Any:
        """The same connection as a ``sqlite_utils.Database``, imported on first use: it costs ~0.1 s of
        start-up, which the desktop app's first paint cannot spare."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # -- transactions -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, label: str = "", *, journal: bool = True) -> Iterator[sqlite3.Connection]:
        """One user action, one transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``; nested calls join the outer.

        The outermost transaction is one operation (``forumdesk.db.journal``): it gets an id, held in
        ``op_id`` while it runs and stamped on its audit rows, and the triggers journal every row it writes
        so that ``HistoryService.undo`` can replay it. ``journal=False`` (bulk loads that are not user
        edits: demo creation, restore, migrations) records no operation.
        """
        with self.operation(label, journal=journal) as conn:
            yield conn

    @contextlib.contextmanager
    def operation(
        self, label: str = "", *, kind: str = "do", reverts: int | None = None, journal: bool = True
    ) -> Iterator[sqlite3.Connection]:
        """``transaction`` with the operation's kind: ``undo`` and ``redo`` name the operation they revert."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is open read-only: changes cannot be saved")
        with translated(self.path):
            if self.conn.in_transaction:
                yield self.conn
                return
            self.check_in_place()
            self._check_journal()
            self._switch_to_wal()
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.op_id = self._journal.begin(label, kind, reverts, utc_now()) if journal else None
                yield self.conn
                if self.op_id is not None and not self._journal.end(self.op_id):
                    self.op_id = None  # it wrote nothing: no operation to undo
            except BaseException:
                self.op_id = None
                self._rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.op_id = None
                self._rollback()
                raise
            self._remember_journal()

    def outcome(self, value: T, changes: Changes) -> Outcome[T]:
        """A write's typed result, carrying the id of the operation it ran in (or last committed)."""
        return Outcome(value, changes, self.op_id)

    def _check_journal(self) -> None:
        """Refuse to write when the -wal file this connection wrote to was removed or replaced since.

        While any connection of ours is open SQLite keeps the -wal; only another program (or a process that
        broke SQLite's locking) removes it, and a write then would go to a file nobody will read again.
        """
        if self._wal_identity is None:
            return
        if file_identity(Path(f"{self.path}-wal")) != self._wal_identity:
            raise StoreError(
                f"Another program removed the journal of {self.path.name} (its -wal file) while ForumDesk had"
                " it open: nothing more was saved; close ForumDesk and open the file again"
            )

    def _remember_journal(self) -> None:
        if not self._wal_pending:
            self._wal_identity = file_identity(Path(f"{self.path}-wal"))

    def _switch_to_wal(self) -> None:
        """WAL, put off until the first write, so that a command which only reads (or refuses) leaves a
        file in another journal mode (a backup, a copy) byte for byte as it was."""
        if self._wal_pending:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self._wal_pending = False

    def _settle_moved_file(self) -> None:
        """Copy the write-ahead log into the (moved or unlinked) file through the open handle.

        SQLite does not checkpoint a moved file when it closes, so the last saved changes would stay in a
        -wal file beside the old name, where a new file of that name could later pick them up.
        """
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _rollback(self) -> None:
        """Undo the open transaction; a failing rollback (disk gone) must not hide the first error."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with translated(self.path):
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        with translated(self.path):
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def audit(
        self,
        entity: str,
        entity_id: int | None,
        operation: str,
        field: str = "",
        old: object = None,
        new: object = None,
    ) -> None:
        """Append one row to the audit trail, stamped with the operation's id; call inside the transaction."""
        self._journal.audited = True
        row = (utc_now(), self.user, entity, entity_id, operation, field, _text(old), _text(new))
        if self._journal.ready:
            self.conn.execute(
                "INSERT INTO audit_log (at, os_user, entity, entity_id, operation, field, old_value, new_value,"
                " op_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*row, self.op_id),
            )
        else:
            self.conn.execute(
                "INSERT INTO audit_log (at, os_user, entity, entity_id, operation, field, old_value, new_value)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )

    def probe_writable(self) -> None:
        """Raise ``ReadOnlyError`` when SQLite quietly opened the file read-only (an unwritable file).

        Writes the header's own value back inside a transaction that is rolled back: nothing changes.
        """
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is open read-only: changes cannot be saved")
        with translated(self.path):
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute(f"PRAGMA user_version = {version}")
            finally:
                self._rollback()

    def data_version(self) -> int:
        """Changes when another connection commits (``PRAGMA data_version``)."""
        return int(self.scalar("PRAGMA data_version"))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        OPEN_FILES.release(self._identity)


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file, or None when there is none (or the platform has no inodes)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def connect(path: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A raw connection with the project's settings. ``read_only`` opens with the ``mode=ro`` URI;
    ``immutable`` also tells SQLite that nobody can change the file (a read-only folder, where even the
    -shm file cannot be made)."""
    uri = sqlite_uri(path, read_only=read_only, immutable=immutable)
    with translated(path):
        conn = sqlite3.connect(
            uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


def refuse_long_name(path: Path) -> None:
    """A database name must leave room for the ``-journal`` SQLite puts after it, or every later open fails."""
    if len(f"{path.name}-journal".encode()) > NAME_MAX:
        raise StoreError(
            f"The name {path.name[:40]}... is too long: SQLite needs room for '-journal' after it"
            f" ({NAME_MAX - len('-journal')} bytes at most)"
        )
