"""The command line's way into a file: the app's care (damaged journal set aside, damage called damage), reads
that change no byte, read-only media, and another program's write reported as "busy", never as damage."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forumdesk.cli import main
from forumdesk.services import open_services
from forumdesk.services.actions import NewAction
from tests.conftest import TODAY
from tests.safety.conftest import tmpfs
from tests.safety.helpers import python_env


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def committed_in_wal(db: Path) -> Path:
    """A database whose last action lives only in its -wal (as after a crash), which we then damage."""
    keep = db.with_name("keep.sqlite")
    services = open_services(db, today=lambda: TODAY)
    services.store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    forum = services.forums.forums()[0]
    services.actions.record(NewAction(forum.id, "Only in the journal"))
    # copy the file pair as they are on disk while the connection is open (a crash leaves them so)
    shutil.copyfile(db, keep)
    shutil.copyfile(f"{db}-wal", f"{keep}-wal")
    services.close()
    return keep


def test_check_sets_a_damaged_journal_aside_and_says_so(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = committed_in_wal(db_path)
    wal = Path(f"{db}-wal")
    with wal.open("r+b") as handle:  # the header of a journal that holds a committed change
        handle.write(b"\x00" * 32)
    garbage = digest(wal)
    code, out, err = cli(capsys, "check", "--db", str(db))
    assert code == 1
    assert err.startswith(
        "forumdesk: the journal beside keep.sqlite was damaged: it was set aside as keep.sqlite-wal.damaged-"
    )
    assert err.count("\n") == 1 and "ok" not in out
    kept = list(db.parent.glob("keep.sqlite-wal.damaged-*"))
    assert len(kept) == 1 and digest(kept[0]) == garbage  # never deleted: the bytes are all there


def test_a_damaged_application_id_is_damage_not_another_programs_file(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db_path.open("r+b") as handle:  # not open in this process: the test may write the bytes
        handle.seek(68)
        handle.write(b"\x00\x00\x00\x00")
    before = digest(db_path)
    code, _, err = cli(capsys, "list", "forums", "--db", str(db_path))
    assert code == 1
    assert err.startswith("forumdesk: forum.sqlite is damaged (its header was overwritten)")
    assert "another program" not in err and digest(db_path) == before


def test_an_empty_file_is_called_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    code, _, err = cli(capsys, "check", "--db", str(empty))
    assert (code, err) == (1, "forumdesk: empty.sqlite is empty (0 bytes): it holds no ForumDesk database\n")
    assert empty.stat().st_size == 0


def test_a_refused_command_leaves_a_backup_copy_byte_for_byte(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.sqlite"
    assert cli(capsys, "backup", "-o", str(copy), "--db", str(db_path))[0] == 0  # journal mode DELETE
    before = digest(copy)
    code, _, err = cli(capsys, "list", "actions", "--forum", "No such forum", "--db", str(copy))
    assert code == 1 and err.count("\n") == 1
    assert cli(capsys, "list", "forums", "--db", str(copy))[0] == 0
    assert cli(capsys, "history", "action", "999", "--db", str(copy))[0] == 1
    assert digest(copy) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.sqlite"]


def test_a_backup_on_read_only_media_can_be_read(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "stick", "8m") as stick:
        assert cli(capsys, "backup", "-o", str(stick / "backup.sqlite"), "--db", str(db_path))[0] == 0
        remount = subprocess.run(["mount", "-o", "remount,ro", str(stick)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {remount.stderr.decode().strip()}")
        code, out, err = cli(capsys, "list", "forums", "--db", str(stick / "backup.sqlite"))
        assert code == 0, err
        assert "Community Safety Partnerships" in out
        assert cli(capsys, "check", "--db", str(stick / "backup.sqlite"))[0] == 0


WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE forums SET purpose = purpose")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def test_check_during_another_programs_write_says_busy_not_damaged(db_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), "12"], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "holding"
        done = subprocess.run(
            [sys.executable, "-m", "forumdesk", "check", "--db", str(db_path)],
            capture_output=True,
            text=True,
            env=python_env(),
            timeout=60,
        )
    finally:
        other.kill()
        other.communicate()
    assert done.returncode == 1
    assert done.stderr == "forumdesk: forum.sqlite is busy in another program: try again in a moment\n"
    assert "damage" not in done.stdout + done.stderr and "integrity" not in done.stdout


def test_check_waits_out_a_short_write_and_reports_ok(db_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), "1"], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "holding"
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "forumdesk", "check", "--db", str(db_path)],
            capture_output=True,
            text=True,
            env=python_env(),
            timeout=60,
        )
    finally:
        other.communicate()
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(": ok\n") and time.monotonic() - started < 5


@pytest.mark.parametrize(
    "command",
    [
        ["export", "actions", "--format", "csv", "-o", "{db}"],
        ["backup", "-o", "{db}-wal"],
        ["backup", "-o", "{db}-shm"],
    ],
)
def test_nothing_is_written_over_the_database_or_its_journal(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = tmp_path / "db.csv"  # a database whose name looks like an export's
    shutil.copyfile(db_path, db)
    before = digest(db)
    args = [part.replace("{db}", str(db)) for part in command]
    code, _, err = cli(capsys, *args, "--db", str(db))
    assert code == 1
    assert err.startswith("forumdesk: ") and "is part of the ForumDesk database" in err and err.count("\n") == 1
    assert digest(db) == before and cli(capsys, "check", "--db", str(db))[0] == 0


@pytest.mark.parametrize("typed", ["Chloe Clarke", "CHLOÉ  CLARKE", "Chloe\u0301 Clarke", " chloé clarke "])
def test_a_person_is_found_however_their_name_is_typed(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    services = open_services(db_path, today=lambda: TODAY)
    person_id = services.directory.add_person("Chloé Clarke", "Essex Police").value
    services.close()
    target = tmp_path / "sar.json"
    code, _, err = cli(capsys, "person", "export", typed, "-o", str(target), "--db", str(db_path))
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["person"]["id"] == person_id
