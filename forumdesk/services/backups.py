"""Automatic and on-demand backups, thinning, listing and restoring.

Backups are consistent copies made with SQLite's backup API (``forumdesk.db.snapshots``): written to a
temp file, synced, renamed, then checked. Each database has its own folder under the user data folder.
Automatic backups are taken at most every 30 minutes and only when something changed; a backup is also
taken before every migration, every import (``backup_now("import")``) and every restore. A backup the user
asks for ("manual") is recorded in the audit trail, in the transaction that gives the file its name
(``services.publish``); the automatic ones are not (a record would count as a change to back up).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from forumdesk.db import Store
from forumdesk.db.migrations import migrate_store
from forumdesk.db.snapshots import (
    BACKUP_SUFFIX,
    backup_folder,
    backup_name,
    last_change,
    parse_stamp,
    quick_check,
    restore_into,
    summarise,
    write_copy,
)
from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.errors import NotFoundError, StoreError
from forumdesk.services.publish import publish, staged

AUTO_INTERVAL = timedelta(minutes=30)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
KEEP_ALL_WITHIN = timedelta(hours=24)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # UTC
    reason: str
    actions: int
    meetings: int
    last_change: int
    size: int

    @property
    def label(self) -> str:
        """The date and time in local time, UK style, for lists."""
        return self.taken_at.astimezone().strftime("%d/%m/%Y %H:%M")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class BackupService:
    def __init__(self, store: Store, folder: Path | None = None, clock: Clock = _utc_now) -> None:
        self.store = store
        self.folder = folder or backup_folder(store.path)
        self.clock = clock
        self._signature = self._current_signature()

    # -- taking -------------------------------------------------------------------------------------------
    def backup_now(self, reason: str = "manual") -> BackupInfo:
        """A checked copy of the database now; the import engineer's service calls this with "import"."""
        self.folder.mkdir(parents=True, exist_ok=True)
        when = self.clock()
        target = self._free_name(backup_name(self.store.path, when, reason))
        with staged(target) as temp:
            write_copy(self.store.conn, temp)
            publish(self.store, temp, target, self._record(reason, target))
        self._signature = self._current_signature()
        info = self._info(target)
        if info is None:
            raise StoreError(f"The backup {target.name} could not be read back")
        self.thin()
        return info

    def _record(self, reason: str, target: Path) -> Callable[[], None] | None:
        """The audit row of a backup the user asked for; none for automatic ones or a file that cannot
        take it (read-only, or moved away while open: the copy is then the rescue)."""
        if reason != "manual" or self.store.read_only or not self.store.is_in_place():
            return None
        return lambda: self.store.audit("database", None, "backup", reason, None, target.name)

    def maybe_backup(self) -> BackupInfo | None:
        """The automatic backup: only when something changed and the last one is 30 minutes old."""
        newest = self.newest_good()
        if newest is not None and self.clock() - newest.taken_at < AUTO_INTERVAL:
            return None
        if newest is not None and not self._changed_since(newest):
            return None
        return self.backup_now("auto")

    def _current_signature(self) -> tuple[int, int, int]:
        conn = self.store.conn
        return conn.total_changes, self.store.data_version(), last_change(conn)

    def _changed_since(self, newest: BackupInfo) -> bool:
        signature = self._current_signature()
        return signature != self._signature or signature[2] != newest.last_change

    def _free_name(self, name: str) -> Path:
        target = self.folder / name
        counter = 2
        while target.exists():
            target = self.folder / f"{Path(name).stem}-{counter}{BACKUP_SUFFIX}"
            counter += 1
        return target

    # -- listing ------------------------------------------------------------------------------------------
    def backups(self) -> list[BackupInfo]:
        """Every readable backup of this database, newest first."""
        return list_backups(self.folder)

    def newest_good(self) -> BackupInfo | None:
        return newest_good(self.folder)

    def _info(self, path: Path) -> BackupInfo | None:
        return backup_info(path)

    # -- thinning -----------------------------------------------------------------------------------------
    def thin(self) -> list[Path]:
        """Delete the backups the policy no longer keeps; never the newest good one. Returns those deleted."""
        backups = self.backups()
        keep = keep_set([(b.taken_at, b.path) for b in backups], self.clock())
        newest = self.newest_good()
        if newest is not None:
            keep.add(newest.path)
        removed = []
        for backup in backups:
            if backup.path not in keep:
                backup.path.unlink(missing_ok=True)
                removed.append(backup.path)
        return removed

    # -- restoring ----------------------------------------------------------------------------------------
    def restore(self, backup: BackupInfo | Path) -> Outcome[BackupInfo]:
        """Replace the live content with a backup's; the current content is first kept as a backup.

        Returns the backup of what was there before, so the restore itself can be undone (by restoring that
        backup: a restore is not an operation ``HistoryService.undo`` replays, and the undo history becomes
        the restored file's).
        """
        path = backup.path if isinstance(backup, BackupInfo) else Path(backup)
        if not path.is_file():
            raise NotFoundError(f"there is no backup {path.name}")
        if not quick_check(path):
            raise StoreError(f"The backup {path.name} is damaged: choose another one (nothing was changed)")
        self.store.check_in_place()
        aside = self.backup_now("before-restore")
        restore_into(self.store.conn, path, self.store.path.name)
        migrate_store(self.store, backup_first=False)
        with self.store.transaction("Restore a backup", journal=False):
            self.store.audit("database", None, "restore", "backup", aside.path.name, path.name)
        self._signature = self._current_signature()
        return Outcome(aside, Changes.everything(), None)


def keep_set(stamped: Iterable[tuple[datetime, Path]], now: datetime) -> set[Path]:
    """The backups a thinning keeps: all of the last 24 hours, then the newest of each of the 12 latest
    days, 10 latest weeks and 9 latest months that have one, and always the newest."""
    ordered = sorted(stamped, key=lambda item: item[0], reverse=True)
    keep = {path for when, path in ordered if now - when < KEEP_ALL_WITHIN}
    if ordered:
        keep.add(ordered[0][1])
    buckets: list[tuple[Callable[[datetime], object], int]] = [
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ]
    for key, count in buckets:
        seen: list[object] = []
        for when, path in ordered:
            bucket = key(when.astimezone())
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) <= count:
                    keep.add(path)
    return keep


def backup_info(path: Path) -> BackupInfo | None:
    """What one backup file holds, or None for a file that is not a readable backup."""
    stamp = parse_stamp(path.name)
    summary = summarise(path)
    if stamp is None or summary is None:
        return None
    marker = stamp.strftime("%Y%m%d-%H%M%S")
    reason = path.stem.split(marker, 1)[1].strip("-") if marker in path.stem else ""
    return BackupInfo(
        path, stamp, reason, summary.actions, summary.meetings, summary.last_change, path.stat().st_size
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every readable backup in a folder, newest first."""
    if not folder.is_dir():
        return []
    found = [backup_info(p) for p in folder.glob(f"*{BACKUP_SUFFIX}") if not p.name.startswith(".")]
    return sorted((b for b in found if b is not None), key=lambda b: (b.taken_at, b.path.name), reverse=True)


def newest_good(folder: Path) -> BackupInfo | None:
    """The newest backup that passes SQLite's quick check."""
    return next((b for b in list_backups(folder) if quick_check(b.path)), None)
