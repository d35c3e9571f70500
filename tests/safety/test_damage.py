"""Damaged files: each kind is detected at open with a plain message, the newest good backup is offered,
and the damaged file is moved aside, never deleted. An I/O error is not mistaken for damage, and a file
that is not a ForumDesk database is left exactly as it was.

Damage kinds tried: header bytes overwritten, an interior page scribbled, a truncated file, a garbage -wal.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from forumdesk.db import open_store
from forumdesk.domain.errors import DatabaseDamagedError, ForeignDatabaseError, NotADatabaseError, StoreError
from forumdesk.services.recovery import damage_report, open_checked, recover_from_backup
from tests.conftest import TODAY
from tests.safety.conftest import ACTIONS, descriptions, healthy, open_services_fixed

PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_backup(path: Path) -> int:
    """Take a backup, then add one more action after it; returns the actions in the backup."""
    services = open_services_fixed(path)
    try:
        info = services.backups.backup_now("manual")
        from forumdesk.services.actions import NewAction

        services.actions.record(NewAction(services.forums.forums()[0].id, "after the backup"))
        return info.actions
    finally:
        services.close()


def overwrite_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:100] = random.Random(1).randbytes(100)
    path.write_bytes(bytes(data))


def scribble_interior_page(path: Path) -> None:
    """Random bytes over a b-tree page in the middle of the file (the actions table's root page)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'actions'").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * PAGE)
        handle.write(random.Random(2).randbytes(PAGE))


def truncate(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2 + 100)


DAMAGE = {"header": overwrite_header, "interior page": scribble_interior_page, "truncated": truncate}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damage_is_reported_the_backup_offered_and_the_file_kept(filled: Path, kind: str) -> None:
    in_backup = with_backup(filled)
    DAMAGE[kind](filled)
    damaged = digest(filled)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_checked(filled, today=lambda: TODAY)
    message = str(caught.value)
    assert message.startswith(f"{filled.name} is damaged") and "\n" not in message
    report = damage_report(filled, caught.value)
    assert report.backup is not None and report.backup.actions == in_backup == ACTIONS
    assert "newest good backup" in report.offer and "kept" in report.offer
    assert digest(filled) == damaged  # detecting changed nothing

    aside = recover_from_backup(filled, report.backup)
    assert aside.name.startswith(f"{filled.name}.damaged-") and digest(aside) == damaged
    assert healthy(filled) and len(descriptions(filled)) == ACTIONS
    result = open_checked(filled, today=lambda: TODAY)
    result.services.close()


def test_a_garbage_wal_is_set_aside_not_silently_dropped(filled: Path) -> None:
    with_backup(filled)
    wal = Path(f"{filled}-wal")
    wal.write_bytes(random.Random(3).randbytes(3 * PAGE))
    garbage = digest(wal)
    result = open_checked(filled, today=lambda: TODAY)
    try:
        assert result.banner is not None and "journal beside forum.sqlite was damaged" in result.banner
        assert "Restore from backup" in result.banner
        assert result.services.admin.check().ok
        assert len(result.services.actions.list(_query())) == ACTIONS + 1
    finally:
        result.services.close()
    kept = list(filled.parent.glob("forum.sqlite-wal.damaged-*"))
    assert len(kept) == 1 and digest(kept[0]) == garbage


def _query() -> object:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery()


def test_a_damaged_file_without_backups_is_still_reported_and_kept(filled: Path) -> None:
    overwrite_header(filled)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_checked(filled)
    report = damage_report(filled, caught.value)
    assert report.backup is None and "No backup" in report.offer
    assert filled.exists()


def test_an_io_error_is_not_mistaken_for_damage(filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk I/O error while opening stays an I/O error: nothing is moved aside or offered."""
    import forumdesk.services.recovery as recovery
    from forumdesk.db.errors import translated

    before = digest(filled)

    def failing_open(path: Path, **_: object) -> object:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 266  # type: ignore[attr-defined]  # SQLITE_IOERR_READ
        with translated(path):
            raise error

    monkeypatch.setattr(recovery, "open_store", failing_open)
    with pytest.raises(StoreError) as caught:
        recovery.open_checked(filled)
    assert not isinstance(caught.value, DatabaseDamagedError)
    assert "disk I/O error" in str(caught.value)
    assert digest(filled) == before and not list(filled.parent.glob("*.damaged-*"))


def test_a_foreign_sqlite_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    other = tmp_path / "contacts.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('A. Person')")
    conn.commit()
    conn.close()
    before = digest(other)
    with pytest.raises(ForeignDatabaseError, match="left unchanged"):
        open_checked(other)
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.db"]


def test_a_text_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("minutes of the meeting\n" * 300, encoding="utf-8")
    before = digest(notes)
    with pytest.raises(NotADatabaseError):
        open_checked(notes)
    assert digest(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_the_store_itself_reports_corruption_as_damage(filled: Path) -> None:
    scribble_interior_page(filled)
    store = open_store(filled, create=False)
    try:
        with pytest.raises(DatabaseDamagedError):
            store.query("SELECT * FROM actions")
    finally:
        store.close()
    assert os.path.exists(filled)
