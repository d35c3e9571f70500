"""Environment faults: each gives one clear line, loses nothing and leaves the app usable.

Faults tried: disk full (file-size limit: SQLite's disk I/O error; a full tmpfs: SQLITE_FULL), a read-only
file (``mode=ro`` URI; an immutable file), a read-only folder (a tmpfs remounted read-only), the file
deleted while open, the file moved while open, and cloud or network folders.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from forumdesk.db import open_store
from forumdesk.domain.errors import DiskFullError, ReadOnlyError, StoreError
from forumdesk.services import Services
from forumdesk.services.actions import NewAction
from forumdesk.services.recovery import location_warning, open_checked
from tests.conftest import TODAY
from tests.safety.conftest import ACTIONS, descriptions, healthy, open_services_fixed, tmpfs
from tests.safety.helpers import run

FILL_UNDER_LIMIT = """
import os, resource, signal, sys
from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import open_services
from forumdesk.services.actions import NewAction
import forumdesk.db.errors
forumdesk.db.errors._nearly_full = lambda path: False  # the disk has room: only the file-size limit bites
path = sys.argv[1]
services = open_services(path, create=False)
forum = services.forums.forums()[0]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process instead of failing the write
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(path) + 40_000, hard))
try:
    with services.store.transaction():
        for n in range(600):
            services.actions.record(NewAction(forum.id, "x" * 3000 + str(n)))
    print("no error")
except ForumDeskError as error:
    print("error:", type(error).__name__, str(error))
print("count:", services.actions.count(ActionQuery()))
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
services.actions.record(NewAction(forum.id, "after the disk was freed"))
print("after: saved")
services.close()
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines_of(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


# -- disk full ----------------------------------------------------------------------------------------------
def test_disk_full_under_a_file_size_limit_is_one_clear_line_and_nothing_is_lost(filled: Path) -> None:
    done = run(FILL_UNDER_LIMIT, str(filled))
    assert done.returncode == 0, done.stderr
    out = lines_of(done.stdout)
    kind, _, message = out["error"].partition(" ")
    assert kind == "StoreError"  # SQLite's disk I/O error (a full disk, DiskFullError, is the tmpfs test's)
    assert message == (
        f"Could not read or write {filled.name} (disk I/O error): the disk may be full, removed or failing"
    )
    assert out["count"] == str(ACTIONS)  # the failed transaction left nothing behind
    assert out["after"] == "saved"  # and the app went on working once there was room
    assert healthy(filled)
    saved = descriptions(filled)
    assert len(saved) == ACTIONS + 1 and saved[-1] == "after the disk was freed"


def test_a_full_disk_reports_sqlite_full_plainly_and_works_again_once_space_is_freed(
    filled: Path, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "disk", "2m") as disk:
        db = Path(shutil.copy(filled, disk / "forum.sqlite"))
        filler = disk / "filler"
        free = shutil.disk_usage(disk).free
        filler.write_bytes(b"\0" * (free - 256 * 1024))
        services = open_services_fixed(db)
        try:
            forum = services.forums.forums()[0]
            with pytest.raises(DiskFullError) as caught, services.store.transaction():
                for n in range(400):
                    services.actions.record(NewAction(forum.id, "y" * 3000 + str(n)))
            assert str(caught.value).startswith(f"The disk holding {db.name} is full")
            assert len(services.actions.list(_all())) == ACTIONS
            filler.unlink()
            services.actions.record(NewAction(forum.id, "after freeing space"))
            assert services.admin.check().ok
        finally:
            services.close()
        saved = descriptions(db)
        assert len(saved) == ACTIONS + 1 and saved[-1] == "after freeing space"


def _all() -> object:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery()


# -- read-only ----------------------------------------------------------------------------------------------
def test_a_read_only_open_reads_and_refuses_writes_with_a_clear_line(filled: Path) -> None:
    before = digest(filled)
    store = open_store(filled, create=False, read_only=True)
    services = Services(store, lambda: TODAY)
    try:
        forum = services.forums.forums()[0]
        assert len(services.actions.list(_all())) == ACTIONS
        with pytest.raises(ReadOnlyError, match=r"^forum\.sqlite is open read-only: changes cannot be saved$"):
            services.actions.record(NewAction(forum.id, "not saved"))
        assert len(services.actions.list(_all())) == ACTIONS  # still usable after the refusal
    finally:
        services.close()
    assert digest(filled) == before


@pytest.fixture
def immutable(filled: Path) -> Iterator[Path]:
    if subprocess.run(["chattr", "+i", str(filled)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        yield filled
    finally:
        subprocess.run(["chattr", "-i", str(filled)], capture_output=True)


def test_an_unwritable_file_opens_read_only_with_a_banner(immutable: Path) -> None:
    before = digest(immutable)
    result = open_checked(immutable, today=lambda: TODAY)
    try:
        assert result.read_only
        assert result.banner is not None and "read-only" in result.banner and immutable.name in result.banner
        forum = result.services.forums.forums()[0]
        assert len(result.services.actions.list(_all())) == ACTIONS
        with pytest.raises(ReadOnlyError):
            result.services.actions.record(NewAction(forum.id, "not saved"))
    finally:
        result.services.close()
    assert digest(immutable) == before


def test_a_database_in_a_read_only_folder_opens_read_only(filled: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "4m") as folder:
        db = Path(shutil.copy(filled, folder / "forum.sqlite"))
        before = digest(db)
        if subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount read-only here")
        result = open_checked(db, today=lambda: TODAY)
        try:
            assert result.read_only and result.banner and "read-only" in result.banner
            assert len(result.services.actions.list(_all())) == ACTIONS
        finally:
            result.services.close()
        assert digest(db) == before


# -- the file deleted or moved while open -------------------------------------------------------------------
def test_a_file_deleted_while_open_refuses_writes_and_can_be_saved_again(filled: Path) -> None:
    services = open_services_fixed(filled)
    try:
        forum = services.forums.forums()[0]
        services.actions.record(NewAction(forum.id, "saved before the file went"))
        filled.unlink()
        with pytest.raises(StoreError, match="was moved or deleted while ForumDesk had it open"):
            services.actions.record(NewAction(forum.id, "would be lost"))
        assert len(services.actions.list(_all())) == ACTIONS + 1  # reading still works
        services.admin.backup(filled)  # "save a copy" to where it was
    finally:
        services.close()
    saved = descriptions(filled)
    assert len(saved) == ACTIONS + 1 and saved[-1] == "saved before the file went"
    assert healthy(filled)


def test_a_file_moved_while_open_refuses_writes_and_keeps_everything(filled: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere.sqlite"
    services = open_services_fixed(filled)
    try:
        forum = services.forums.forums()[0]
        services.actions.record(NewAction(forum.id, "saved before the move"))
        os.rename(filled, moved)
        with pytest.raises(StoreError, match=r"^forum\.sqlite was moved or deleted"):
            services.actions.record(NewAction(forum.id, "refused"))
    finally:
        services.close()
    saved = descriptions(moved)
    assert len(saved) == ACTIONS + 1 and saved[-1] == "saved before the move"
    orphan = Path(f"{filled}-wal")  # nothing saved may be left behind in a journal beside the old name
    assert orphan.stat().st_size == 0  # SQLite leaves it in place, empty


# -- cloud and network folders ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("OneDrive - Essex Police/Forums", "OneDrive"),
        ("Dropbox/forums", "Dropbox"),
        ("Google Drive/My Drive", "Google Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud"),
    ],
)
def test_a_cloud_synced_folder_is_warned_about(tmp_path: Path, folder: str, service: str) -> None:
    warning = location_warning(tmp_path / folder / "forum.sqlite")
    assert warning is not None and f"({service})" in warning and "locking is not safe" in warning


@pytest.mark.parametrize("kind", ["nfs4", "cifs", "fuse.sshfs"])
def test_a_network_file_system_is_warned_about(tmp_path: Path, kind: str) -> None:
    mounts = tmp_path / "mounts"
    share = tmp_path / "share"
    share.mkdir()
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nserver:/export {share} {kind} rw 0 0\n", encoding="utf-8")
    warning = location_warning(share / "forum.sqlite", mounts)
    assert warning is not None and f"network drive ({kind})" in warning
    assert location_warning(tmp_path / "local.sqlite", mounts) is None


def test_a_local_disk_gets_no_warning(filled: Path) -> None:
    assert location_warning(filled) is None
