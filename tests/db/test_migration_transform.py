"""Migration 0006: attendance rebuilt by sqlite-utils' ``table.transform`` (ALTER TABLE cannot change a
foreign key's ON DELETE), so that deleting an agenda item takes its item-only attendance with it.

A file made by the previous version migrates with its rows, indexes, triggers and foreign keys intact.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from forumdesk.db import migrations, open_store
from forumdesk.db.connection import APPLICATION_ID, connect
from forumdesk.db.connection import Store as _Store
from forumdesk.db.schema_change import transform
from forumdesk.domain.enums import AttendanceStatus
from forumdesk.domain.errors import StoreError
from forumdesk.services import Services
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures"
NAME = "0006_attendance_item_cascade"
NUMBER = next(n for n, (name, _) in enumerate(migrations.MIGRATIONS, start=1) if name == NAME)


def _before_0006(path: Path) -> None:
    """A file as the previous version leaves it: every migration before 0006 applied."""
    conn = connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    store = _Store(path, conn)
    migrations.migrate_store(store, backup_first=False, upto=NUMBER - 1)
    store.close()


def _item_cascade(conn: sqlite3.Connection) -> str:
    rows = conn.execute("PRAGMA foreign_key_list(attendance)").fetchall()
    return next(str(r[6]) for r in rows if r[3] == "agenda_item_id")


def _schema(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') ORDER BY 1, 2",
        (table,),
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def test_an_item_only_guest_goes_with_the_item(services: Services) -> None:
    forum_id = services.forums.create("Testshire CSP").value
    meeting_id = services.cycle.plan_meeting(forum_id, datetime.combine(TODAY, datetime.min.time())).value
    item_id = services.cycle.add_item(meeting_id, "Knife crime hot-spots").value
    services.room.add_guest(meeting_id, "Dr Ada Guest", "University of Essex", item_id=item_id)
    services.room.add_guest(meeting_id, "Sam Visitor", "Essex Fire")
    statuses = [a.status for a in services.meetings.attendance(meeting_id)]
    assert sorted(statuses) == [AttendanceStatus.GUEST, AttendanceStatus.ITEM_ONLY]
    services.cycle.remove_item(item_id)
    assert [a.name for a in services.meetings.attendance(meeting_id)] == ["Sam Visitor"]


def test_a_file_of_the_previous_version_migrates_keeping_rows_indexes_and_triggers(tmp_path: Path) -> None:
    path = tmp_path / "previous.sqlite"
    _before_0006(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(
        """
        INSERT INTO forums (id, name) VALUES (1, 'Testshire CSP');
        INSERT INTO meetings (id, forum_id, starts_at) VALUES (1, 1, '2026-11-25T10:00');
        INSERT INTO agenda_items (id, meeting_id, position, title) VALUES (1, 1, 1, 'Welcome'), (2, 1, 2, 'Knives');
        INSERT INTO people (id, name) VALUES (1, 'Jan Wójcik');
        INSERT INTO attendance (id, meeting_id, person_id, status) VALUES (1, 1, 1, 'present');
        INSERT INTO attendance (id, meeting_id, guest_name, status, agenda_item_id)
            VALUES (2, 1, 'Dr Ada Guest', 'item_only', 2);
        CREATE TABLE attendance_journal (what TEXT);
        CREATE TRIGGER attendance_journal_insert AFTER INSERT ON attendance
            BEGIN INSERT INTO attendance_journal VALUES ('insert ' || new.id); END;
        """
    )
    assert _item_cascade(conn) == "SET NULL"
    before_rows = conn.execute("SELECT * FROM attendance ORDER BY id").fetchall()
    before_schema = _schema(conn, "attendance")
    conn.close()

    store = open_store(path)
    assert store.scalar("PRAGMA user_version") == migrations.LATEST
    assert NAME in {r[0] for r in store.query("SELECT name FROM schema_migrations")}
    assert [tuple(r) for r in store.query("SELECT * FROM attendance ORDER BY id")] == before_rows
    assert _schema(store.conn, "attendance") == before_schema  # both indexes and the trigger are back
    assert _item_cascade(store.conn) == "CASCADE"
    assert store.query("PRAGMA foreign_key_check") == []
    assert store.scalar("PRAGMA integrity_check") == "ok"
    assert "STRICT" in store.scalar("SELECT sql FROM sqlite_master WHERE name = 'attendance'")
    with store.transaction():
        store.conn.execute("INSERT INTO attendance (meeting_id, guest_name, status) VALUES (1, 'Late', 'guest')")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.conn.execute("INSERT INTO attendance (meeting_id, status) VALUES (1, 'asleep')")
    assert store.scalar("SELECT count(*) FROM attendance_journal") == 1  # the trigger still fires
    with store.transaction():
        store.conn.execute("DELETE FROM agenda_items WHERE id = 2")
    assert [r[0] for r in store.query("SELECT guest_name FROM attendance ORDER BY id")] == ["", "Late"]
    store.close()


def test_the_first_released_schema_migrates_through_0006(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema1.sqlite", path)
    store = open_store(path)
    try:
        assert _item_cascade(store.conn) == "CASCADE"
        assert store.query("PRAGMA foreign_key_check") == []
        assert store.scalar("PRAGMA integrity_check") == "ok"
        assert {name for _, name in _schema(store.conn, "attendance")} == {
            "attendance_meeting", "attendance_person",  # its indexes, and the row journal's triggers (0005)
            "journal_attendance_insert", "journal_attendance_update", "journal_attendance_delete",
        }
    finally:
        store.close()


def test_transform_refuses_a_table_it_would_damage(services: Services) -> None:
    """sqlite-utils reads columns with PRAGMA table_info: generated columns and collations would be lost."""
    conn = services.store.conn
    schema = "SELECT sql FROM sqlite_master WHERE name IN ('actions', 'forums') ORDER BY name"
    before = [r[0] for r in conn.execute(schema)]
    for table in ("actions", "forums"):
        with pytest.raises(StoreError, match="cannot be rebuilt"), services.store.transaction():
            transform(conn, table, types={"description" if table == "actions" else "note": str})
    assert [r[0] for r in conn.execute(schema)] == before
