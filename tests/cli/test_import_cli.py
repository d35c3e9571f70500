"""``forumdesk import``: the dry run's plan, the import and its undo, and bad files refused in one line with
the database file untouched (its bytes hashed before and after)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from forumdesk.cli import main
from forumdesk.services import open_services

DATA = Path(__file__).resolve().parents[1] / "data"
FORUM = "Basildon Community Safety Partnership"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumdesk", *args], capture_output=True, text=True, timeout=120, check=False
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(db_path: Path) -> Path:
    services = open_services(db_path)
    services.forums.create(FORUM)
    services.close()
    return db_path


def count(db: Path, table: str) -> int:
    services = open_services(db, create=False)
    try:
        return int(services.store.scalar(f"SELECT count(*) FROM {table}"))
    finally:
        services.close()


def test_dry_run_prints_the_plan_and_writes_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(db)
    code = main(
        ["import", "actions", "--db", str(db), str(DATA / "basildon_csp_actions.xlsx"), "--forum", FORUM, "--dry-run"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert digest(db) == before and count(db, "actions") == 0
    lines = out.splitlines()
    assert lines[0] == f"Dry run: basildon_csp_actions.xlsx into {FORUM} (nothing was written)"
    assert "Sheet 'Open actions': header on row 5; columns: Ref=A (Ref), Date raised=B (Date Raised)," in out
    assert "Sheet 'Lists': left out: no action table found in its first 20 rows" in lines
    assert sum(1 for line in lines if ": add " in line) == 9
    assert "Open actions, row 6: skip: a section heading ('Domestic Abuse')" in lines
    assert (
        "Open actions, row 7: skip: ref BCSP/25/001 is also on the closed sheet (Closed actions, row 8), which wins"
        in lines
    )
    assert "Open actions, row 13: warning: Due date: '13/25/2025' is not a real date (kept in a note)" in lines
    assert any(line.startswith("People to create: Jan Wójcik, PC Ann Lee (Essex Police)") for line in lines)
    assert lines[-1] == "Summary: 9 to add, 0 to update, 0 unchanged, 4 skipped; 6 new people, 3 new agencies"


def test_import_then_undo(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "actions", "--db", str(db), str(DATA / "chelmsford_da_actions.csv"), "--forum", FORUM]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Imported chelmsford_da_actions.csv: 4 added, 0 updated, 0 unchanged, 0 skipped; 4 new people, 0 new agencies"
    )
    batch = out[1].rsplit(" ", 1)[1]
    assert count(db, "actions") == 4
    assert main(["import", "list", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith(batch)
    assert main(["import", "undo", "--db", str(db), batch]) == 0
    assert capsys.readouterr().out.startswith(f"Undid import {batch}: ")
    assert main(["import", "list", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["id"], b["kind"], b["source"], b["forum"]) for b in listed] == [
        (batch, "actions", "chelmsford_da_actions.csv", FORUM)
    ]
    assert listed[0]["undone_at"] is not None and set(listed[0]) == {
        "id",
        "kind",
        "source",
        "forum",
        "imported_at",
        "user",
        "summary",
        "undone_at",
    }
    assert count(db, "actions") == 0 and count(db, "people") == 0
    assert main(["import", "undo", "--db", str(db), batch]) == 1
    assert "already undone" in capsys.readouterr().err


def test_people_with_forum(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "people", "--db", str(db), str(DATA / "members.xlsx"), "--forum", FORUM]) == 0
    assert capsys.readouterr().out.startswith(
        f"Imported members.xlsx: 4 people to add, 0 to update, 0 unchanged, 1 skipped; 4 to join {FORUM}"
    )
    assert count(db, "memberships") == 4


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("not_a_spreadsheet.xlsx", "is not a spreadsheet"),
        ("password_protected.xlsx", "is password protected"),
        ("no_header.xlsx", "no recognisable header"),
        ("billion_laughs.xlsx", "XML entity declarations"),
        ("zip_bomb.xlsx", "zip bomb"),
        ("too_many_rows.xlsx", "more than 200,000 rows"),
    ],
)
def test_bad_files_one_line_exit_1_database_untouched(db: Path, name: str, fragment: str) -> None:
    before = digest(db)
    result = run("import", "actions", "--db", str(db), str(DATA / name), "--forum", FORUM)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"forumdesk: {name}") and fragment in lines[0]
    assert result.stdout == ""
    assert digest(db) == before


def test_unknown_forum_and_missing_sheet(db: Path) -> None:
    before = digest(db)
    result = run("import", "actions", "--db", str(db), str(DATA / "utf8_bom_actions.csv"), "--forum", "Nowhere")
    assert result.returncode == 1 and result.stderr.strip() == "forumdesk: there is no forum called 'Nowhere'"
    result = run(
        "import",
        "actions",
        "--db",
        str(db),
        str(DATA / "basildon_csp_actions.xlsx"),
        "--forum",
        FORUM,
        "--sheet",
        "Archive",
    )
    assert result.returncode == 1 and "has no sheet called 'Archive'" in result.stderr
    assert digest(db) == before
