"""Our temp files (``forumdesk.tempfiles``): what counts as stale, and renames that never clobber."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forumdesk.tempfiles import HOST_TAG, create_temp, publish_new, remove_stale, temp_path


def _ended_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _touch(path: Path, age: float) -> None:
    path.write_bytes(b"x")
    then = time.time() - age
    os.utime(path, (then, then))


def test_only_a_dead_writers_old_files_of_our_naming_are_removed(tmp_path: Path) -> None:
    dead = _ended_pid()
    stale = [f".fd-{dead}-{HOST_TAG}00000000.part", f".fd-{dead}-{HOST_TAG}00000000.part-journal"]
    kept = [
        f".fd-{os.getpid()}-{HOST_TAG}00000001.part",  # a live writer (this process)
        f".fd-{dead}-{HOST_TAG}0000000z.part",  # not our pattern: 'z' is not hex
        f"fd-{dead}-00000002.part",  # not hidden: not ours
        f".fd-{dead}-{'0000' if HOST_TAG != '0000' else '1111'}00000004.part",  # another machine's (a share)
        "report.xlsx",
    ]
    for name in stale + kept:
        _touch(tmp_path / name, 3600)
    _touch(tmp_path / f".fd-{dead}-{HOST_TAG}00000003.part", 3600)
    _touch(tmp_path / f".fd-{dead}-{HOST_TAG}00000003.part-wal", 0)  # changed after this process started
    removed = remove_stale(tmp_path)
    assert sorted(p.name for p in removed) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*kept, f".fd-{dead}-{HOST_TAG}00000003.part", f".fd-{dead}-{HOST_TAG}00000003.part-wal"]
    )


def test_temp_names_are_short_and_new(tmp_path: Path) -> None:
    first, second = create_temp(tmp_path), create_temp(tmp_path)
    assert first != second and first.exists() and second.exists()
    assert len(temp_path(tmp_path).name) <= 32
    assert oct(first.stat().st_mode & 0o777) == "0o600"


def test_publishing_never_replaces_a_file_that_appeared(tmp_path: Path) -> None:
    temp = create_temp(tmp_path)
    temp.write_bytes(b"new")
    target = tmp_path / "db.sqlite"
    target.write_bytes(b"someone else's")
    with pytest.raises(FileExistsError):
        publish_new(temp, target)
    assert target.read_bytes() == b"someone else's" and temp.exists()
    target.unlink()
    publish_new(temp, target)
    assert target.read_bytes() == b"new" and not temp.exists()
