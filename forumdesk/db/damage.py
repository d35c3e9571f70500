"""Recognising damage in a ForumDesk file without writing to it.

SQLite silently ignores (and later deletes) a write-ahead log whose header is garbage, and calls a file
whose header was overwritten "not a database". These checks tell such damage apart from a foreign file
so that recovery can move the damaged file aside instead of losing it or refusing it as foreign.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from forumdesk.db.connection import OPEN_FILES
from forumdesk.db.errors import translated
from forumdesk.domain.errors import DatabaseDamagedError

WAL_MAGIC_LE, WAL_MAGIC_BE = 0x377F0682, 0x377F0683
WAL_HEADER = 32
SIGNATURE = b"CREATE TABLE audit_log"  # our schema text, stored in sqlite_master


def wal_path(path: Path) -> Path:
    return Path(f"{path}-wal")


def _checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum over ``data`` (a multiple of 8 bytes)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s0 = s1 = 0
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_is_garbage(path: Path) -> bool:
    """True when the database's -wal file exists with a header SQLite would silently throw away."""
    wal = wal_path(path)
    try:
        with wal.open("rb") as handle:
            header = handle.read(WAL_HEADER)
    except FileNotFoundError:
        return False
    if not header:
        return False
    if len(header) < WAL_HEADER:
        return True
    magic = int.from_bytes(header[:4], "big")
    if magic not in (WAL_MAGIC_LE, WAL_MAGIC_BE):
        return True
    expected = struct.unpack(">II", header[24:32])
    return _checksum(header[:24], magic == WAL_MAGIC_BE) != expected


def looks_like_forumdesk(path: Path, limit: int = 8 * 1024 * 1024) -> bool:
    """True when the file holds ForumDesk's schema text (so a bad header means damage, not a foreign file).

    A file this process holds open through SQLite is ours: its bytes are not read then (``OPEN_FILES``).
    """
    with OPEN_FILES.raw_access(path) as allowed:
        return _holds_signature(path, limit) if allowed else True


def _holds_signature(path: Path, limit: int) -> bool:
    try:
        with path.open("rb") as handle:
            tail = b""
            read = 0
            while read < limit:
                chunk = handle.read(65536)
                if not chunk:
                    return False
                if SIGNATURE in tail + chunk:
                    return True
                tail = chunk[-len(SIGNATURE) :]
                read += len(chunk)
    except OSError:
        return False
    return False


def quick_check_open(conn: sqlite3.Connection, path: Path) -> None:
    """Raise ``DatabaseDamagedError`` when SQLite's quick check finds damage in an open database."""
    with translated(path):
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        lines = [line for row in rows for line in str(row).splitlines() if not line.startswith("***")]
        first = lines[0] if lines else "damage"
        raise DatabaseDamagedError(f"{path.name} is damaged (SQLite's check reports: {first})")
