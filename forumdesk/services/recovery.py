"""Opening a file safely: damage detected and recovered from a backup, read-only fallback, risky locations.

``open_checked`` is what the desktop app calls to open its database. It raises ``DatabaseDamagedError``
for a damaged file (never for an I/O error, which stays a plain ``StoreError``); the app then shows
``damage_report(path, error)`` and, if the user agrees, ``recover_from_backup`` moves the damaged file
aside (renamed ``.damaged-<stamp>``, never deleted) and puts the newest good backup in its place.
A file that is not a ForumDesk database is refused unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from forumdesk.db import Store, open_store
from forumdesk.db.connection import OPEN_FILES
from forumdesk.db.damage import looks_like_forumdesk, quick_check_open, wal_is_garbage, wal_path
from forumdesk.db.errors import is_cannot_open
from forumdesk.db.snapshots import backup_folder, copy_file, fsync_dir, os_error
from forumdesk.domain.errors import DatabaseDamagedError, NotADatabaseError, ReadOnlyError, StoreError
from forumdesk.services import Services
from forumdesk.services.backups import BackupInfo, newest_good
from forumdesk.tempfiles import temp_path

NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smbfs",
    "smb2",
    "smb3",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "davfs",
    "webdav",
    "sshfs",
    "lustre",
    "gpfs",
}
CLOUD_FOLDERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud": "iCloud",
    "mobile documents": "iCloud",
    "box sync": "Box",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud": "pCloud",
}
READ_ONLY_BANNER = "{name} is open read-only (the file or its folder cannot be written): changes cannot be saved"


@dataclass(frozen=True)
class OpenResult:
    services: Services
    read_only: bool = False
    notices: tuple[str, ...] = field(default_factory=tuple)
    journal_set_aside: Path | None = None  # a damaged -wal moved aside (never deleted) before opening

    @property
    def banner(self) -> str | None:
        """The line the window shows above its pages, if any."""
        return " · ".join(self.notices) or None


@dataclass(frozen=True)
class DamageReport:
    path: Path
    message: str
    backup: BackupInfo | None

    @property
    def offer(self) -> str:
        if self.backup is None:
            return f"{self.message}. No backup of it was found: it will be kept as it is, set aside."
        return (
            f"{self.message}. The newest good backup is from {self.backup.label} ({self.backup.actions} actions,"
            f" {self.backup.meetings} meetings). Restore it? The damaged file will be kept, set aside."
        )


# -- risky locations --------------------------------------------------------------------------------------
def filesystem_type(path: Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    """The type of the file system holding ``path`` (Linux: the longest mount point above it)."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(Path(path).expanduser().resolve())
    best, kind = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def location_warning(path: str | Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    """A warning, with the reason, when the file sits in a cloud-synced or network folder; else None."""
    resolved = Path(path).expanduser().resolve()
    lowered = str(resolved).lower()
    why = (
        "SQLite's locking is not safe there: two computers (or the sync program) can write at once and"
        " damage the file, or a half-synced copy can overwrite your changes. Keep the database on this"
        " computer's own disk and let backups go to the shared folder instead."
    )
    for marker, service in CLOUD_FOLDERS.items():
        if marker in lowered:
            return f"{resolved.name} is in a cloud-synced folder ({service}). {why}"
    kind = filesystem_type(resolved.parent if not resolved.exists() else resolved, mounts)
    if kind and (kind in NETWORK_FILESYSTEMS or kind.startswith("fuse.") or kind.startswith("nfs")):
        return f"{resolved.name} is on a network drive ({kind}). {why}"
    return None


# -- opening ----------------------------------------------------------------------------------------------
def open_checked(
    path: str | Path,
    *,
    create: bool = True,
    today: Callable[[], date] = date.today,
    allow_read_only: bool = True,
) -> OpenResult:
    """Open for the app: a garbage -wal is set aside, damage raises, an unwritable file opens read-only."""
    path = Path(path).expanduser()
    aside, notices = _journal_set_aside(path, APP_JOURNAL_NOTICE)
    def writable() -> Store:
        store = open_store(path, create=create)
        _probe(store)
        return store

    try:
        store, read_only = _writable_or_read_only(path, writable, allow_read_only)
    except NotADatabaseError as error:
        raise as_damage(path, error) from error
    if read_only:
        notices.append(READ_ONLY_BANNER.format(name=path.name))
    try:
        quick_check_open(store.conn, path)
    except BaseException:
        store.close()
        raise
    return OpenResult(Services(store, today), read_only, tuple(notices), aside)


def open_for_command(path: str | Path, *, today: Callable[[], date] = date.today) -> OpenResult:
    """The command line's way in, with the app's care: a damaged journal is set aside (never deleted) with a
    notice, a damaged header is called damage, and a file on read-only media is opened read-only.

    The file is switched to WAL only at its first write, so a command that reads or refuses leaves a backup
    or a copy byte for byte as it was.
    """
    path = Path(path).expanduser()
    aside, notices = _journal_set_aside(path, COMMAND_JOURNAL_NOTICE)
    try:
        store, read_only = _writable_or_read_only(
            path, lambda: open_store(path, create=False, wal_now=False), allow_read_only=True
        )
    except NotADatabaseError as error:
        raise _with_recover_hint(as_damage(path, error)) from error
    except DatabaseDamagedError as error:
        raise _with_recover_hint(error) from error
    if read_only:
        notices.append(READ_ONLY_BANNER.format(name=path.name))
    return OpenResult(Services(store, today), read_only, tuple(notices), aside)


APP_JOURNAL_NOTICE = (
    "The journal beside {name} was damaged and was set aside as {aside}; if recent changes"
    " are missing, File > Restore from backup lists the backups"
)
COMMAND_JOURNAL_NOTICE = (
    "the journal beside {name} was damaged: it was set aside as {aside}, not deleted;"
    " changes saved in it since the last checkpoint are not in the database"
)


def _journal_set_aside(path: Path, notice: str) -> tuple[Path | None, list[str]]:
    """A damaged journal beside ``path`` set aside (never deleted): where it went, and ``notice`` saying so."""
    aside = set_aside_damaged_journal(path)
    return aside, [] if aside is None else [notice.format(name=path.name, aside=aside.name)]


def _writable_or_read_only(
    path: Path, open_writable: Callable[[], Store], allow_read_only: bool
) -> tuple[Store, bool]:
    """The store and whether it is read-only: a file that cannot be written (read-only file, folder or media)
    is opened read-only when allowed; damage and foreign files are the caller's to name."""
    try:
        return open_writable(), False
    except (NotADatabaseError, DatabaseDamagedError):
        raise
    except StoreError as error:
        unwritable = isinstance(error, ReadOnlyError) or is_cannot_open(error)
        if not (unwritable and allow_read_only and path.is_file()):
            raise
        return _open_read_only(path), True


def _with_recover_hint(error: StoreError) -> StoreError:
    if isinstance(error, DatabaseDamagedError) and "forumdesk recover" not in str(error):
        return DatabaseDamagedError(f"{error} (forumdesk recover sets it aside and restores the newest backup)")
    return error


def set_aside_damaged_journal(path: Path) -> Path | None:
    """Move a -wal that SQLite would silently ignore (and then delete) aside; returns its new name.

    Left alone while this process holds the file open: then the journal is SQLite's own, in use.
    """
    if not path.exists() or OPEN_FILES.holds(path) or not wal_is_garbage(path):
        return None
    return move_aside_one(wal_path(path))


def as_damage(path: Path, error: StoreError) -> StoreError:
    """A "not a database" error on a file that holds ForumDesk's schema is damage to its header."""
    if isinstance(error, NotADatabaseError) and path.is_file() and looks_like_forumdesk(path):
        return DatabaseDamagedError(f"{path.name} is damaged (its header was overwritten)")
    return error


def _open_read_only(path: Path) -> Store:
    """Read-only; in a read-only folder SQLite cannot even make its -shm file, so the file is opened as
    immutable (safe there: nobody can write through that folder either)."""
    store = open_store(path, create=False, migrate=False, read_only=True)
    try:
        store.data_version()  # the first read is where SQLite finds it cannot make the -shm file
    except StoreError as error:
        store.close()
        if not is_cannot_open(error):
            raise
        return open_store(path, create=False, migrate=False, read_only=True, immutable=True)
    return store


def _probe(store: Store) -> None:
    try:
        store.probe_writable()
    except BaseException:
        store.close()
        raise


def damage_report(path: str | Path, error: StoreError) -> DamageReport:
    """The plain message and the newest good backup to offer for a damaged file."""
    path = Path(path).expanduser()
    message = str(error) if isinstance(error, DatabaseDamagedError) else f"{path.name} is damaged"
    return DamageReport(path, message.rstrip("."), newest_good(backup_folder(path)))


# -- moving aside and recovering --------------------------------------------------------------------------
def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def move_aside_one(file: Path, stamp: str | None = None) -> Path:
    """Rename one file to ``<name>.damaged-<stamp>`` (with a counter if taken); never deletes anything."""
    stamp = stamp or _stamp()
    target = file.with_name(f"{file.name}.damaged-{stamp}")
    counter = 2
    while target.exists():
        target = file.with_name(f"{file.name}.damaged-{stamp}-{counter}")
        counter += 1
    try:
        os.rename(file, target)
    except OSError as error:
        raise os_error(error, file.name) from error
    fsync_dir(file.parent)
    return target


def move_aside(path: Path) -> Path:
    """Set a damaged database aside with its -wal and -shm files; returns the new name of the main file."""
    stamp = _stamp()
    aside = move_aside_one(path, stamp)
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            move_aside_one(extra, stamp)
    return aside


def recover_from_backup(path: str | Path, backup: BackupInfo | Path) -> Path:
    """Move the damaged file aside and put a checked copy of ``backup`` in its place; returns the aside path.

    The copy is written beside the target first, so a failure leaves the damaged file where it was.
    """
    path = Path(path).expanduser()
    source = backup.path if isinstance(backup, BackupInfo) else Path(backup)
    staged = temp_path(path.parent)  # short, whatever the name's length; cleaned on the next start if killed
    copy_file(source, staged)
    try:
        aside = move_aside(path) if path.exists() else path
        os.replace(staged, path)
        fsync_dir(path.parent)
    except OSError as error:
        raise os_error(error, path.name) from error
    finally:
        staged.unlink(missing_ok=True)
    return aside
