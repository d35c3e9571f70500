"""The command line's contract (the foundation issue): every command, its JSON keys and its errors."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from forumdesk.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real process: exit code, stdout and stderr as a user sees them."""
    return subprocess.run(
        [sys.executable, "-m", "forumdesk", *args], capture_output=True, text=True, timeout=120, env=env
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def json_of(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in lines[0]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("ForumDesk ")


def test_init_then_aims_and_forums_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite")
    assert main(["init", "--db", db]) == 0
    capsys.readouterr()
    aims = json_of(capsys, "list", "aims", "--db", db)
    assert len(aims) == 46
    assert set(aims[0]) >= {"id", "code", "priority", "text"}
    first = aims[0]
    assert first["code"] == "DA-1" and first["priority"] == "Domestic Abuse"
    assert first["text"].startswith("To focus on the needs of the victims of domestic abuse")
    forums = json_of(capsys, "list", "forums", "--db", db)
    by_name = {f["name"]: f for f in forums}
    assert set(forums[0]) >= {"id", "name", "priorities"}
    assert by_name["Community Safety Hubs"]["priorities"] == [
        "Gangs and Knife Crime",
        "Night Time Economy",
        "Digital Crime and Fraud",
        "House Burglary and Street Robbery",
        "Serious and Organised Crime",
    ]
    priorities = json_of(capsys, "list", "priorities", "--db", db)
    assert [p["name"] for p in priorities][:2] == ["Domestic Abuse", "Gangs and Knife Crime"]
    assert set(priorities[0]) >= {"id", "name", "objective"}


def test_init_over_an_existing_file_refuses(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    db.write_bytes(b"keep me")
    assert_one_line_error(run("init", "--db", str(db)), "already exists")
    assert db.read_bytes() == b"keep me"


def test_init_with_another_forces_strategy_and_a_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "kent.toml"
    good.write_text(
        'format = 1\nname = "Kent Prevention Plan"\nowner = "Kent Police"\n'
        '[[forums]]\nname = "Kent CSP"\n'
        '[[areas]]\ncode = "ASB"\nname = "Anti-social behaviour"\nobjective = "Reduce ASB."\nforums = ["Kent CSP"]\n'
        '[[areas.aims]]\ncode = "ASB-1"\ntext = "Map hot-spots"\n',
        encoding="utf-8",
    )
    db = tmp_path / "kent.sqlite"
    assert run("init", "--db", str(db), "--strategy", str(good)).returncode == 0
    aims = json.loads(run("list", "aims", "--db", str(db), "--json").stdout)
    assert aims == [
        {"id": aims[0]["id"], "code": "ASB-1", "priority": "Anti-social behaviour", "text": "Map hot-spots"}
    ]
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace('code = "ASB-1"', 'code = "XYZ-1"'), encoding="utf-8")
    result = run("init", "--db", str(tmp_path / "bad.sqlite"), "--strategy", str(bad))
    assert_one_line_error(result, "line")
    assert not (tmp_path / "bad.sqlite").exists()


def test_demo_list_actions_filters_and_keys(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_copy)
    actions = json_of(capsys, "list", "actions", "--db", db)
    assert len(actions) == 600
    keys = {
        "id",
        "ref",
        "forum",
        "meeting_id",
        "description",
        "owner",
        "owner_org",
        "raised_on",
        "due_date",
        "revised_due_date",
        "status",
        "rag",
        "aims",
        "closed_on",
    }
    assert keys <= set(actions[0])
    all_overdue = [a for a in actions if a["rag"] == "red" and a["rag_overridden"] is False]
    forum = all_overdue[0]["forum"]
    overdue = json_of(capsys, "list", "actions", "--db", db, "--forum", str(forum), "--overdue")
    assert overdue and all(a["forum"] == forum and a["rag"] == "red" and a["closed_on"] is None for a in overdue)
    assert len(overdue) == sum(1 for a in all_overdue if a["forum"] == forum)
    owner = actions[0]["owner"]
    owned = json_of(capsys, "list", "actions", "--db", db, "--owner", str(owner), "--status", "complete")
    assert all(a["owner"] == owner and a["status"] == "complete" for a in owned)
    aim = actions[0]["aims"][0]
    assert all(aim in a["aims"] for a in json_of(capsys, "list", "actions", "--db", db, "--aim", str(aim)))
    meetings = json_of(capsys, "list", "meetings", "--db", db)
    assert {"id", "forum", "starts_at", "status", "minutes_status"} <= set(meetings[0])
    assert {m["status"] for m in meetings} <= {"planned", "held", "cancelled"}
    people = json_of(capsys, "list", "people", "--db", db)
    assert {"id", "name", "organisation", "email"} <= set(people[0])
    assert any(not p["name"].isascii() for p in people)


def test_list_errors_are_one_line(demo_copy: Path) -> None:
    db = str(demo_copy)
    assert_one_line_error(run("list", "actions", "--db", db, "--forum", "Nowhere Board"), "no forum called")
    assert_one_line_error(run("list", "actions", "--db", db, "--status", "finished"), "unknown status")
    assert_one_line_error(run("list", "actions", "--db", db, "--aim", "ZZ-1"), "no aim")
    assert_one_line_error(run("list", "actions", "--db", db, "--owner", "Nobody Atall"), "no person")
    assert_one_line_error(run("list", "gizmos", "--db", db), "invalid choice")


def test_bad_database_files_are_refused_untouched(tmp_path: Path) -> None:
    text = tmp_path / "minutes.docx"
    text.write_bytes(b"PK\x03\x04 not a database at all" * 10)
    before = digest(text)
    assert_one_line_error(run("list", "forums", "--db", str(text)), "not a ForumDesk database")
    assert digest(text) == before
    assert_one_line_error(run("list", "forums", "--db", str(tmp_path)), "is a folder")
    assert_one_line_error(
        run("list", "forums", "--db", str(tmp_path / "none.sqlite")), "no ForumDesk database"
    )
    assert not (tmp_path / "none.sqlite").exists()


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = digest(db_path)
    assert_one_line_error(run("check", "--db", str(db_path)), "newer ForumDesk")
    assert digest(db_path) == before


def test_check_and_backup(db_path: Path, tmp_path: Path) -> None:
    result = run("check", "--db", str(db_path))
    assert result.returncode == 0 and "ok" in result.stdout
    copy = tmp_path / "copy.sqlite"
    assert run("backup", "--db", str(db_path), "-o", str(copy)).returncode == 0
    assert run("check", "--db", str(copy)).returncode == 0
    assert_one_line_error(
        run("backup", "--db", str(db_path), "-o", str(tmp_path / "no/such/dir.sqlite")), "does not exist"
    )
    assert_one_line_error(run("backup", "--db", str(db_path)), "required")


def test_check_reports_damage_with_exit_1(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(page_size * 3, min(len(data), page_size * 12), 97):
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    result = run("check", "--db", str(db_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_db_defaults_to_the_environment_variable(db_path: Path) -> None:
    import os

    env = {**os.environ, "FORUMDESK_DB": str(db_path)}
    result = run("list", "priorities", "--json", env=env)
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 9


def test_demo_is_deterministic_and_refuses_existing(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run("demo", "--db", str(a), "--actions", "200", "--seed", "3").returncode == 0
    assert run("demo", "--db", str(b), "--actions", "200", "--seed", "3").returncode == 0
    list_a = json.loads(run("list", "actions", "--db", str(a), "--json").stdout)
    list_b = json.loads(run("list", "actions", "--db", str(b), "--json").stdout)
    assert list_a == list_b and len(list_a) == 200
    assert_one_line_error(run("demo", "--db", str(a)), "already exists")
