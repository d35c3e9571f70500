"""The store's environment errors: each SQLite failure becomes the right one-line error, and an I/O
error is never reported as damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from forumdesk.db import open_store
from forumdesk.db.errors import is_cannot_open, translate, translated
from forumdesk.domain.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskFullError,
    ReadOnlyError,
    StoreError,
)


def _error(message: str, code: int) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("message", "code", "kind", "words"),
    [
        ("database or disk is full", 13, DiskFullError, "is full"),
        ("attempt to write a readonly database", 8, ReadOnlyError, "read-only"),
        ("database is locked", 5, DatabaseBusyError, "busy"),
        ("database disk image is malformed", 11, DatabaseDamagedError, "damaged"),
        ("disk I/O error", 778, StoreError, "disk I/O error"),
        ("unable to open database file", 14, StoreError, "Cannot open"),
    ],
)
def test_each_sqlite_failure_is_one_plain_line(message: str, code: int, kind: type, words: str) -> None:
    mapped = translate(_error(message, code), Path("/x/forum.sqlite"))
    assert type(mapped) is kind and words in str(mapped) and "\n" not in str(mapped)
    assert "forum.sqlite" in str(mapped)


def test_an_io_error_is_not_damage_and_cannot_open_is_recognised() -> None:
    io = translate(_error("disk I/O error", 266), "forum.sqlite")
    assert not isinstance(io, DatabaseDamagedError)
    with pytest.raises(StoreError) as caught, translated("forum.sqlite"):
        raise _error("unable to open database file", 14)
    assert is_cannot_open(caught.value)


def test_programming_errors_are_not_hidden() -> None:
    assert translate(sqlite3.OperationalError("no such table: nothing"), "forum.sqlite") is None


def test_probe_writable_changes_nothing(db_path: Path) -> None:
    before = db_path.read_bytes()
    store = open_store(db_path, create=False)
    try:
        total = store.conn.total_changes
        store.probe_writable()
        assert store.conn.total_changes == total and not store.conn.in_transaction
    finally:
        store.close()
    assert db_path.read_bytes() == before
    ro = open_store(db_path, create=False, read_only=True)
    try:
        with pytest.raises(ReadOnlyError):
            ro.probe_writable()
    finally:
        ro.close()


def test_a_failed_commit_is_rolled_back_and_the_store_still_works(db_path: Path) -> None:
    store = open_store(db_path, create=False)
    try:
        with pytest.raises(ZeroDivisionError), store.transaction():
            store.audit("test", 1, "create")
            _ = 1 / 0
        assert not store.conn.in_transaction
        assert store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'test'") == 0
        with store.transaction():
            store.audit("test", 2, "create")
        assert store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'test'") == 1
    finally:
        store.close()
