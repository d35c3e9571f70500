"""Looking after the file: health checks and consistent copies."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from forumdesk.db import Store, health
from forumdesk.db.errors import translated
from forumdesk.domain.errors import StoreError


@dataclass(frozen=True)
class HealthReport:
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class AdminService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def check(self) -> HealthReport:
        """Integrity, foreign keys and the full-text indexes."""
        return HealthReport(tuple(health.problems(self.store)))

    def backup(self, target: str | Path) -> Path:
        """A consistent copy through SQLite's backup API: written beside the target, synced, then renamed."""
        dest = Path(target).expanduser()
        if dest.is_dir():
            raise StoreError(f"{dest} is a folder: give a file name for the copy")
        if not dest.parent.exists():
            raise StoreError(f"The folder {dest.parent} does not exist")
        if dest.resolve() == self.store.path.resolve():
            raise StoreError("The copy cannot overwrite the database itself")
        temp = dest.with_name(f".{dest.name}.partial")
        try:
            with translated(dest):
                copy = sqlite3.connect(temp)
                try:
                    self.store.conn.backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")
                finally:
                    copy.close()
            with temp.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, dest)
        except OSError as error:
            raise StoreError(f"Could not write the copy {dest.name}: {error.strerror}") from error
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        return dest
