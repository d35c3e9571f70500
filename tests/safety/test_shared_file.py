"""Another process on the same open file: SQLite's locks must hold while this process has the file open.

POSIX advisory locks belong to the process: closing *any* descriptor of the file drops them all (SQLite's
"How To Corrupt An SQLite Database File", 2.2). If ForumDesk ever opens its live file with Python's ``open()``,
the next process that closes its connection believes it is the last one, checkpoints and deletes the -wal and
-shm files under the running app, and the app's next write fails or is lost.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from forumdesk.services import open_services
from forumdesk.services.actions import NewAction
from tests.conftest import TODAY
from tests.safety.conftest import descriptions
from tests.safety.helpers import python_env


def held_locks(path: Path) -> list[str]:
    """Lines of /proc/locks that this process holds on ``path``'s inode."""
    info = path.stat()
    inode = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    pid = str(os.getpid())
    lines = Path("/proc/locks").read_text().splitlines()
    return [line for line in lines if inode in line.split() and pid in line.split()]


def forumdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumdesk", *args], capture_output=True, text=True, env=python_env(), timeout=60
    )


def test_a_command_on_the_open_file_leaves_the_apps_journal_and_locks(db_path: Path) -> None:
    app = open_services(db_path, today=lambda: TODAY)  # the GUI thread's connection
    worker = app.for_thread()  # the write lane's connection, as the app opens it
    try:
        forum = worker.forums.forums()[0]
        worker.actions.record(NewAction(forum.id, "Typed before the command ran"))
        assert held_locks(db_path), "this process holds no SQLite lock on its open file"
        for args in (["list", "forums"], ["check"]):
            done = forumdesk(*args, "--db", str(db_path))
            assert done.returncode == 0, done.stderr
            assert Path(f"{db_path}-wal").exists(), f"`forumdesk {args[0]}` removed the journal of the open file"
            assert Path(f"{db_path}-shm").exists()
        worker.actions.record(NewAction(forum.id, "Typed after the command ran"))
        assert held_locks(db_path)
    finally:
        worker.close()
        app.close()
    assert descriptions(db_path)[-2:] == ["Typed before the command ran", "Typed after the command ran"]


def test_a_journal_removed_by_another_program_is_named_as_the_cause(db_path: Path) -> None:
    """Provoke the trap on purpose (open and close the live file in this process), then let another process
    remove the journal: the next save names what happened instead of blaming the disk."""
    import pytest

    from forumdesk.domain.errors import StoreError

    app = open_services(db_path, today=lambda: TODAY)
    try:
        forum = app.forums.forums()[0]
        app.actions.record(NewAction(forum.id, "Saved before"))
        with db_path.open("rb"):  # what ForumDesk itself must never do: this drops the process's locks
            pass
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
                " c.execute('select count(*) from sqlite_master').fetchone(); c.close()",
                str(db_path),
            ],
            check=True,
            timeout=30,
        )
        assert other.returncode == 0 and not Path(f"{db_path}-wal").exists()
        with pytest.raises(StoreError, match=r"^Another program removed the journal of forum\.sqlite"):
            app.actions.record(NewAction(forum.id, "Saved after"))
    finally:
        app.close()
