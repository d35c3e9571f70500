"""Bulk writes through sqlite-utils (``insert_all``) stay inside the caller's transaction: all or nothing.

sqlite-utils commits on its own when no transaction is open; inside our ``BEGIN IMMEDIATE`` it must only use
savepoints. A failure half-way through a bulk insert must leave nothing of it in the file, and another
connection must see none of the rows until the caller commits.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from forumdesk.db.repositories.bulk import BulkRepository, insert_rows
from forumdesk.services import Services
from forumdesk.services.demo import build_demo


def _rows(forum_id: int, first_id: int, count: int, *, clash_at: int | None = None) -> list[tuple[object, ...]]:
    """``count`` actions; the one at ``clash_at`` repeats the first row's ref (UNIQUE (forum_id, ref))."""
    rows = []
    for n in range(count):
        seq = 1 if n == clash_at else n + 1
        rows.append(
            (first_id + n, forum_id, f"BULK/26/{seq:03}", 2026, seq, None, None, "", f"Bulk action number {n}",
             None, None, "2026-11-01", None, None, "open", None)
        )
    return rows


def _counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("SELECT count(*) FROM actions").fetchone()[0],
            conn.execute("SELECT count(*) FROM actions_fts WHERE actions_fts MATCH 'bulk'").fetchone()[0],
            conn.execute("SELECT count(*) FROM audit_log").fetchone()[0],
        )
    finally:
        conn.close()


def test_a_bulk_insert_failing_half_way_leaves_nothing(services: Services, db_path: Path) -> None:
    forum = services.forums.forums()[0]
    bulk = BulkRepository(services.store)
    before = _counts(db_path)
    rows = _rows(forum.id, bulk.next_id("actions"), 400, clash_at=300)  # batches of 55: several went in first
    with pytest.raises(Exception, match="UNIQUE"), services.store.transaction():
        services.store.audit("database", None, "bulk test")
        bulk.actions(rows)
    assert not services.store.conn.in_transaction
    assert _counts(db_path) == before
    assert services.store.scalar("SELECT count(*) FROM actions WHERE ref LIKE 'BULK/%'") == 0


def test_bulk_rows_are_unseen_by_others_until_the_caller_commits(services: Services, db_path: Path) -> None:
    forum = services.forums.forums()[0]
    bulk = BulkRepository(services.store)
    actions, found, audit = _counts(db_path)
    with services.store.transaction():
        bulk.actions(_rows(forum.id, bulk.next_id("actions"), 400))
        assert services.store.conn.in_transaction
        assert _counts(db_path) == (actions, found, audit)  # another connection: nothing committed yet
    assert _counts(db_path) == (actions + 400, found + 400, audit)


def test_a_bulk_insert_outside_a_transaction_is_refused(services: Services) -> None:
    with pytest.raises(RuntimeError, match="inside the caller's transaction"):
        insert_rows(services.store, "districts", ("name",), [("Nowhere",)])
    assert services.store.scalar("SELECT count(*) FROM districts WHERE name = 'Nowhere'") == 0


def test_a_demo_failing_half_way_leaves_the_file_as_it_was(
    services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = services.store.scalar("SELECT count(*) FROM people")
    written: list[str] = []
    original = BulkRepository.action_aims

    def failing(self: BulkRepository, rows: object) -> None:
        written.append("aims")
        original(self, rows)  # type: ignore[arg-type]
        if len(written) == 3:
            raise RuntimeError("disk trouble")

    monkeypatch.setattr(BulkRepository, "action_aims", failing)
    with pytest.raises(RuntimeError, match="disk trouble"):
        build_demo(services, actions=300, seed=3)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == people
        assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM action_aims").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0
    finally:
        conn.close()


def test_opening_and_reading_a_file_does_not_import_sqlite_utils(db_path: Path) -> None:
    """sqlite-utils is imported on first bulk write or rebuild: the app's first paint does not pay for it."""
    script = (
        "import sys\n"
        "from forumdesk.domain.queries import ActionQuery\n"
        "from forumdesk.services import open_services\n"
        f"services = open_services({str(db_path)!r})\n"
        "services.actions.list(ActionQuery(text='patrols'))\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"
