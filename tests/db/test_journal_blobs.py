"""The row journal carries binary columns (issue 16, papers): a row with a BLOB is written, undone and redone
byte for byte. ``json_object`` cannot hold a BLOB, so before the fix any write to such a table failed."""

from __future__ import annotations

import os
from pathlib import Path

from forumdesk.db import open_store
from forumdesk.db.journal import sync_triggers
from forumdesk.db.replay import revert

BYTES = bytes(range(256)) + os.urandom(4096) + b"\x00" * 17


def test_a_blob_column_is_journaled_and_put_back_byte_for_byte(db_path: Path) -> None:
    store = open_store(db_path, create=False)
    try:
        with store.transaction(journal=False) as conn:
            conn.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB) STRICT")
            sync_triggers(conn)
        with store.transaction("Add blob") as conn:
            conn.execute("INSERT INTO blobs (id, name, data) VALUES (1, 'a', ?)", (BYTES,))
            conn.execute("INSERT INTO blobs (id, name, data) VALUES (2, 'b', NULL)")
        added = store.op_id
        with store.transaction("Remove blob") as conn:
            conn.execute("DELETE FROM blobs WHERE id = 1")
        removed = store.op_id
        assert added is not None and removed is not None
        with store.operation("Undo", kind="undo"):
            revert(store, removed, "undo 'Remove blob'")
        assert store.scalar("SELECT data FROM blobs WHERE id = 1") == BYTES
        with store.operation("Undo", kind="undo"):
            revert(store, added, "undo 'Add blob'")
        assert store.scalar("SELECT count(*) FROM blobs") == 0
    finally:
        store.close()
