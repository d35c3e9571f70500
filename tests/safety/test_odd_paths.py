"""Paths with ``#``, ``?``, ``%``, quotes, accents and 200+ bytes name exactly that file, for every face.

SQLite reads ``file:`` URIs: an unescaped ``#`` ends the path, ``?`` starts parameters (``?mode=memory`` would
make an in-memory database and write nothing), ``%20`` is a space. Each command must act on the file named and
leave no other file behind.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forumdesk.cli import main
from forumdesk.services.recovery import open_checked

PIECES = ["CSP ", "#2", "?mode=memory", "%20", "%", "&x=1", "'", '"', "Zoë", "Łódź", "日本語", " ", "-", "a", "#"]


def _name(parts: list[str], long: bool) -> str:
    stem = "".join(parts).strip() or "x"
    if long:
        stem = (stem + "-" + "ü" * 120)[:110]  # 200+ bytes in UTF-8, room left for suffixes
    return stem


names = st.builds(_name, st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.booleans())


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def actions_in(path: Path) -> int:
    conn = sqlite3.connect(path)  # a plain path (no URI): the reference for what the file holds
    try:
        return int(conn.execute("SELECT count(*) FROM actions").fetchone()[0])
    finally:
        conn.close()


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stem=names)
def test_every_command_acts_on_exactly_the_file_named(
    stem: str, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(f"{stem}.sqlite-journal".encode()) <= 255
    folder = tmp_path_factory.mktemp("odd")
    db = folder / f"{stem}.sqlite"

    code, out, err = cli(capsys, "init", "--db", str(db))
    assert code == 0, err
    assert listing(folder) == {db.name} and db.stat().st_size > 0

    code, out, err = cli(capsys, "list", "forums", "--json", "--db", str(db))
    assert code == 0, err
    forum = json.loads(out)[0]["name"]
    assert cli(capsys, "check", "--db", str(db))[0] == 0

    copy = folder / f"{stem} copy.sqlite"
    code, _, err = cli(capsys, "backup", "-o", str(copy), "--db", str(db))
    assert code == 0, err
    assert listing(folder) == {db.name, copy.name}

    demo = folder / f"{stem} demo.sqlite"
    code, _, err = cli(capsys, "demo", "--actions", "40", "--db", str(demo))
    assert code == 0, err
    assert actions_in(demo) >= 40 and listing(folder) == {db.name, copy.name, demo.name}

    log = folder / f"{stem}.xlsx"
    code, _, err = cli(capsys, "export", "actions", "--format", "xlsx", "-o", str(log), "--db", str(demo))
    assert code == 0, err
    assert log.stat().st_size > 0

    before = actions_in(db)
    code, _, err = cli(capsys, "import", "actions", "--forum", forum, str(log), "--db", str(db))
    assert code == 0, err
    assert actions_in(db) > before  # the import reached the file named, not "CSP " or memory
    assert actions_in(copy) == before

    opened = open_checked(db, create=False)  # the desktop app's way in
    try:
        assert opened.services.store.scalar("SELECT count(*) FROM actions") == actions_in(db)
    finally:
        opened.services.close()
    assert listing(folder) == {db.name, copy.name, demo.name, log.name}
    assert not [p for p in Path.cwd().iterdir() if p.name.startswith(stem[:3]) and p.is_file()]


def test_a_name_that_looks_like_uri_parameters_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x?mode=memory"
    code, _, err = cli(capsys, "init", "--db", str(db))
    assert code == 0, err
    assert db.is_file() and actions_in(db) == 0 and os.listdir(tmp_path) == [db.name]


def test_a_name_with_no_room_for_the_journal_is_refused_before_anything_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / ("a" * 250)
    code, _, err = cli(capsys, "init", "--db", str(db))
    assert code == 1 and "is too long" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
