"""Papers attached to agenda items (``papers``, migration 0007): their details, and their bytes read apart.

A file's bytes live once in ``paper_files`` under their SHA-256 (not journaled: see schema_0007_papers.sql);
listing never reads them (up to 25 MB each); ``content`` reads one paper's bytes.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from forumdesk.db.connection import Store
from forumdesk.domain.enums import Marking
from forumdesk.domain.papers import Paper, PaperFile, PaperKind

_COLUMNS = "p.id, p.agenda_item_id, p.position, p.file_name, p.kind, p.marking, p.pages, p.size, p.sha256, p.added_at"


class PaperRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_meeting(self, meeting_id: int) -> list[Paper]:
        """Every paper of the meeting's agenda items, by item then position (the service orders by agenda)."""
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM papers p JOIN agenda_items i ON i.id = p.agenda_item_id"
            " WHERE i.meeting_id = ? ORDER BY p.agenda_item_id, p.position, p.id",
            (meeting_id,),
        )
        return [_paper(r) for r in rows]

    def for_item(self, item_id: int) -> list[Paper]:
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM papers p WHERE p.agenda_item_id = ? ORDER BY p.position, p.id", (item_id,)
        )
        return [_paper(r) for r in rows]

    def paper(self, paper_id: int) -> Paper | None:
        row = self.store.query_one(f"SELECT {_COLUMNS} FROM papers p WHERE p.id = ?", (paper_id,))
        return None if row is None else _paper(row)

    def meeting_of(self, paper_id: int) -> int | None:
        value = self.store.scalar(
            "SELECT i.meeting_id FROM papers p JOIN agenda_items i ON i.id = p.agenda_item_id WHERE p.id = ?",
            (paper_id,),
        )
        return None if value is None else int(value)

    def content(self, paper_id: int) -> bytes | None:
        value = self.store.scalar(
            "SELECT f.content FROM papers p JOIN paper_files f ON f.sha256 = p.sha256 WHERE p.id = ?", (paper_id,)
        )
        return None if value is None else bytes(value)

    def prune(self) -> int:
        """Drop the files no paper and no row image of the undo journal names (what undo could still need
        stays); returns how many went. Call inside the caller's transaction."""
        cursor = self.store.conn.execute(
            "DELETE FROM paper_files WHERE sha256 NOT IN (SELECT sha256 FROM papers) AND NOT EXISTS ("
            " SELECT 1 FROM journal j WHERE j.tbl = 'papers'"
            " AND (instr(j.before, paper_files.sha256) > 0 OR instr(j.after, paper_files.sha256) > 0))"
        )
        return int(cursor.rowcount or 0)

    def add(self, item_id: int, name: str, found: PaperFile, marking: Marking, data: bytes, added_at: str) -> int:
        """Insert a paper at the end of the item's papers; call inside the caller's transaction."""
        position = int(self.store.scalar(
            "SELECT coalesce(max(position), -1) + 1 FROM papers WHERE agenda_item_id = ?", (item_id,)
        ))
        self.store.conn.execute(
            "INSERT OR IGNORE INTO paper_files (sha256, size, content) VALUES (?, ?, ?)",
            (found.sha256, found.size, sqlite3.Binary(data)),
        )
        cursor = self.store.conn.execute(
            "INSERT INTO papers (agenda_item_id, position, file_name, kind, marking, pages, size, sha256, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item_id, position, name, found.kind.value, marking.value, found.pages, found.size, found.sha256,
             added_at),
        )
        paper_id = int(cursor.lastrowid or 0)
        self.store.audit("paper", paper_id, "create", "file_name", None, name)
        return paper_id

    def remove(self, paper_id: int, name: str) -> None:
        self.store.conn.execute("DELETE FROM papers WHERE id = ?", (paper_id,))
        self.store.audit("paper", paper_id, "delete", "file_name", name, None)


def _paper(row: sqlite3.Row) -> Paper:
    return Paper(
        id=int(row["id"]), agenda_item_id=int(row["agenda_item_id"]), position=int(row["position"]),
        file_name=str(row["file_name"]), kind=PaperKind(row["kind"]), marking=Marking(row["marking"]),
        pages=int(row["pages"]), size=int(row["size"]), sha256=str(row["sha256"]),
        added_at=datetime.fromisoformat(str(row["added_at"])),
    )
