"""Migrations: empty to latest, the first released schema to latest, newer files refused, failures roll back."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from forumdesk.db import migrations, open_store
from forumdesk.domain.errors import ForeignDatabaseError, NewerDatabaseError, NotADatabaseError

FIXTURES = Path(__file__).parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_file_migrates_to_latest(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite")
    assert store.scalar("PRAGMA user_version") == migrations.LATEST
    names = [r[0] for r in store.query("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [name for name, _ in migrations.MIGRATIONS]
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    store.close()


def test_first_released_schema_migrates_to_latest_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema1.sqlite", path)
    store = open_store(path)
    assert store.scalar("PRAGMA user_version") == migrations.LATEST
    row = store.query_one("SELECT ref, description FROM actions")
    assert tuple(row) == ("CSP/25/001", "Map knife crime hot-spots")
    assert store.scalar("SELECT count(*) FROM aims") == 46
    store.close()
    if migrations.LATEST > 1:  # the file was copied (into its backups folder) before migrating
        from forumdesk.db.snapshots import backup_folder

        copies = list(backup_folder(path).glob("*before-0002*"))
        assert len(copies) == 1
        copy = sqlite3.connect(copies[0])
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        copy.close()


def test_newer_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 5}")
    conn.close()
    before = digest(path)
    with pytest.raises(NewerDatabaseError, match="newer ForumDesk"):
        open_store(path)
    assert digest(path) == before


def test_a_failing_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.sqlite"
    open_store(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_broken", broken)])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    with pytest.raises(RuntimeError, match="boom"):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1
    conn.close()


def test_not_sqlite_folder_and_foreign_files_are_refused_unchanged(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("Minutes of the last meeting\n" * 20)
    before = digest(text)
    with pytest.raises(NotADatabaseError, match="not an SQLite file"):
        open_store(text)
    assert digest(text) == before

    with pytest.raises(NotADatabaseError, match="is a folder"):
        open_store(tmp_path)

    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(foreign)
    with pytest.raises(ForeignDatabaseError, match="another program"):
        open_store(foreign)
    assert digest(foreign) == before
    assert not (tmp_path / "other.db-wal").exists()
