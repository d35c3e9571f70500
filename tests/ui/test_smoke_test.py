"""``forumdesk --smoke-test``: run as a user's machine runs it, in a process of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from forumdesk.ui.shell.startup_timer import process_age_seconds

ROOT = Path(__file__).resolve().parents[2]


def _smoke(db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "c"),
               XDG_DATA_HOME=str(home / "d"))
    return subprocess.run(
        [sys.executable, "-m", "forumdesk", "--db", str(db), "--smoke-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_smoke_test_creates_the_database_visits_every_page_and_reports_startup(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    done = _smoke(db, tmp_path)
    assert done.returncode == 0, done.stderr
    match = re.fullmatch(r"startup_ms=(\d+)\n", done.stdout)
    assert match, done.stdout
    assert 0 < int(match[1]) < 60_000
    assert db.exists()
    assert "smoke test failed" not in done.stderr


def test_smoke_test_fails_with_the_reason(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("not a database at all, just some notes", encoding="utf-8")
    done = _smoke(db, tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == "smoke test failed: notes.sqlite is not a ForumDesk database (it is not an SQLite file)\n"


def test_the_process_age_comes_from_the_kernel() -> None:
    age = process_age_seconds()
    if sys.platform.startswith("linux"):
        assert age is not None and 0 <= age < 3600


def test_a_normal_start_paints_and_a_second_start_on_the_same_file_hands_over(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "c"),
               XDG_DATA_HOME=str(tmp_path / "d"), FORUMDESK_REPORT_STARTUP="1")
    command = [sys.executable, "-m", "forumdesk", "--db", str(db)]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert first.stdout is not None
        line = first.stdout.readline()
        assert re.fullmatch(r"startup_ms=\d+\n", line), line
        assert db.exists()  # created on first run, with the strategy
        second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0 and "startup_ms" not in second.stdout  # the first was asked to come forward
        assert first.poll() is None
    finally:
        first.terminate()
        first.wait(timeout=30)
        if first.stdout is not None:
            first.stdout.close()
