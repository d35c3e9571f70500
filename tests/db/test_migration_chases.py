"""Migration 0008: the chases table (journaled like every table, so undo reaches it) and the file's identity.

A file of the previous version migrates; one opened read-only without migrating still lists its actions (with
no "last chased"), and its calendar identity is absent rather than an error.
"""

from __future__ import annotations

import re
from pathlib import Path

from forumdesk.db import migrations, open_store
from forumdesk.db.connection import APPLICATION_ID, connect
from forumdesk.db.connection import Store as _Store
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from tests.conftest import TODAY

NAME = "0008_chases"
NUMBER = next(n for n, (name, _) in enumerate(migrations.MIGRATIONS, start=1) if name == NAME)


def _before_chases(path: Path) -> None:
    conn = connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    store = _Store(path, conn)
    migrations.migrate_store(store, backup_first=False, upto=NUMBER - 1)
    with store.transaction("Seed"):
        forum = int(store.conn.execute("INSERT INTO forums (name) VALUES ('Testshire CSP')").lastrowid or 0)
        store.conn.execute(
            "INSERT INTO actions (forum_id, ref, ref_year, ref_seq, description, raised_on, created_at, updated_at)"
            " VALUES (?, 'T/26/001', 2026, 1, 'Walk the route', '2026-11-01', '2026-11-01', '2026-11-01')",
            (forum,),
        )
    store.close()


def test_a_previous_file_migrates_and_the_chases_are_journaled(tmp_path: Path) -> None:
    path = tmp_path / "previous.sqlite"
    _before_chases(path)
    store = open_store(path, create=False)
    try:
        triggers = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                              " AND tbl_name = 'chases'")}
        assert len(triggers) == 3 and all(t.startswith("journal_") for t in triggers)
        indexes = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'index'"
                                             " AND tbl_name = 'chases'")}
        assert "chases_action" in indexes
        services = Services(store, lambda: TODAY)
        assert re.fullmatch(r"[0-9a-f]{32}", services.repos.chases.identity())
        assert [a.last_chased for a in services.actions.list(ActionQuery())] == [None]
    finally:
        store.close()


def test_a_file_opened_read_only_before_the_migration_still_lists_its_actions(tmp_path: Path) -> None:
    path = tmp_path / "previous.sqlite"
    _before_chases(path)
    store = open_store(path, create=False, read_only=True)
    try:
        services = Services(store, lambda: TODAY)
        (action,) = services.actions.list(ActionQuery())
        assert action.ref == "T/26/001" and action.last_chased is None
        assert services.mail.last_chased([action.id]) == {} and services.repos.chases.identity() == ""
    finally:
        store.close()


def test_two_files_have_different_identities(services: Services, tmp_path: Path) -> None:
    from forumdesk.services.setup import create_database

    other_path = tmp_path / "other.sqlite"
    create_database(other_path)
    other = Services(open_store(other_path, create=False), lambda: TODAY)
    try:
        assert services.repos.chases.identity() != other.repos.chases.identity()
    finally:
        other.close()
