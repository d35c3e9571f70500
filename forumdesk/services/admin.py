"""Looking after the file: health checks and consistent copies (each copy recorded in the audit trail in the
transaction that gives it its name, ``services.publish``)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forumdesk.db import health
from forumdesk.db.connection import sqlite_uri
from forumdesk.db.repositories.audit import RECORD_TABLES
from forumdesk.db.snapshots import backup_folder, describe_problem, first_problems, write_copy
from forumdesk.domain.errors import StoreError, ValidationError
from forumdesk.services.base import Service
from forumdesk.services.publish import publish, staged
from forumdesk.tempfiles import clean_folders


@dataclass(frozen=True)
class HealthReport:
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class AdminService(Service):
    def check(self) -> HealthReport:
        """Integrity, foreign keys and the full-text indexes."""
        return HealthReport(tuple(health.problems(self.store)))

    def rebuild_search(self) -> list[str]:
        """Rebuild the full-text search indexes from their tables (mends one ``check`` reports damaged)."""
        with self.store.transaction():
            names = self.repos.search.rebuild()
            self.store.audit("database", None, "rebuild", "search", None, ", ".join(names))
        return names

    def backup(self, target: str | Path) -> Path:
        """A consistent, checked copy through SQLite's backup API: written beside the target, synced, renamed.

        Writing over the database's own path is refused while the file is there; once it was deleted or
        moved away while open, saving the copy back where it was is exactly what rescues the data.
        """
        dest = Path(target).expanduser()
        if dest.is_dir():
            raise StoreError(f"{dest} is a folder: give a file name for the copy")
        if not dest.parent.exists():
            raise StoreError(f"The folder {dest.parent} does not exist")
        if dest.resolve() == self.store.path.resolve() and self.store.is_in_place():
            raise StoreError("The copy cannot overwrite the database itself")
        with staged(dest) as temp:
            write_copy(self.store.conn, temp)
            publish(self.store, temp, dest, self._record(dest))
        return dest

    def _record(self, dest: Path) -> Callable[[], None] | None:
        """The copy's audit row (a whole database leaving); none on a read-only file or one moved away while
        open, whose copy is its rescue."""
        if self.store.read_only or not self.store.is_in_place():
            return None
        return lambda: self.store.audit("database", None, "backup", "copy", None, dest.name)

    def record_exists(self, entity: str, entity_id: int) -> bool:
        """Whether a record of this kind and id is (or was) in the file; unknown kinds are refused."""
        found = self.repos.audit.record_exists(entity, entity_id)
        if found is None:
            raise ValidationError(
                f"unknown kind of record {entity!r} (one of: {', '.join(sorted(RECORD_TABLES))})", "entity"
            )
        return found


def clean_leftovers(db_path: Path) -> None:
    """Remove temp files that killed ForumDesk processes left beside the database and among its backups."""
    db_path = Path(db_path).expanduser()
    with contextlib.suppress(OSError, ValueError):  # a chore: never the reason a command fails
        clean_folders(db_path.parent, backup_folder(db_path))


def damage_detail(db_path: Path) -> str | None:
    """SQLite's first complaint about the file, opened read-only ("damaged page 228; ..."), or None."""
    with contextlib.suppress(sqlite3.Error, OSError, ValueError):
        conn = sqlite3.connect(sqlite_uri(Path(db_path).expanduser(), read_only=True), uri=True)
        try:
            problems = first_problems(conn)
        finally:
            conn.close()
        return describe_problem(problems[0]) if problems else None
    return None
