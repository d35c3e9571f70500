"""``forumdesk import``: the dry run's plan, the import and its undo, and bad files refused in one line with
the database file untouched (its bytes hashed before and after)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from forumdesk.cli import main
from forumdesk.domain.queries import ActionQuery
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


def test_date_order_mdy_reads_ambiguous_columns_month_first(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracker = str(DATA / "real" / "inconsistent.csv")
    assert main(["import", "actions", "--db", str(db), tracker, "--forum", FORUM, "--dry-run"]) == 0
    default = capsys.readouterr().out.splitlines()
    assert default[1] == "Date order where a column's dates read either way: day first (dd/mm/yyyy) (--date-order dmy)"
    assert (
        "  Dates in C (Date raised): day first (dd/mm/yyyy): every date here reads either way: the date order"
        " chosen is followed; e.g. '10/05/2025' is 10 May 2025"
    ) in default
    assert "  Date raised: column C (Date raised): 'Date raised' is a name for Date raised" in default
    assert (
        "inconsistent, row 2: warning: the due date 01/05/2025 is before the date raised 10/05/2025:"
        " imported as written"
    ) in default
    assert main(["import", "actions", "--db", str(db), tracker, "--forum", FORUM, "--date-order", "mdy"]) == 0
    services = open_services(db, create=False)
    try:
        raised = {a.ref: a.raised_on for a in services.actions.list(ActionQuery())}
    finally:
        services.close()
    assert raised["IN-4"] == date(2025, 10, 5)  # month first, as asked
    assert len(raised) == 4  # the rows whose dates contradict are imported too


def test_a_bad_date_order_is_refused_in_one_line(db: Path) -> None:
    before = digest(db)
    result = run("import", "actions", "--db", str(db), str(DATA / "real" / "us_dates.csv"), "--forum", FORUM)
    assert result.returncode == 0  # the US columns are read month first without being asked
    after_import = digest(db)
    assert after_import != before
    result = run(
        "import",
        "actions",
        "--db",
        str(db),
        str(DATA / "real" / "us_dates.csv"),
        "--forum",
        FORUM,
        "--date-order",
        "ymd",
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "forumdesk import actions: argument --date-order: invalid choice: 'ymd' (choose from 'dmy', 'mdy')"
        " (see forumdesk import actions --help)"
    ]
    assert digest(db) == after_import


def test_a_raid_log_says_what_it_left_out_and_reads_a_sheet_when_named(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raid = str(DATA / "real" / "raid_log.xlsx")
    assert main(["import", "actions", "--db", str(db), raid, "--forum", FORUM, "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Sheet 'Risks': left out: a risk log (name it with --sheet, or tick it, to import it)" in lines
    assert lines[-1] == "Summary: 3 to add, 0 to update, 0 unchanged, 0 skipped; 2 new people, 0 new agencies"
    named = ["--sheet", "Risks", "--sheet", "actions", "--dry-run"]
    assert main(["import", "actions", "--db", str(db), raid, "--forum", FORUM, *named]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Risks, row 2: add R-01 'Funding for the CCTV upgrade is withdrawn'" in lines
    assert lines[-1] == "Summary: 3 to add, 0 to update, 0 unchanged, 0 skipped; 2 new people, 0 new agencies"


def test_row_numbers_of_another_tracker_never_overwrite_unrelated_actions(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two trackers numbered 1, 2, 3 ("S.No", "No.", "#") into one forum: the second's rows are other actions."""
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(
        "S.No,Action,Due\n1,Patrol the park at night,30/01/2026\n2,Repaint the underpass,30/01/2026\n",
        encoding="utf-8",
    )
    second.write_text(
        "No.,Action,Due\n1,Knife amnesty bins at the station,28/02/2026\n2,Repaint the underpass,30/03/2026\n",
        encoding="utf-8",
    )
    forum = "Community Safety Hubs"
    assert main(["import", "actions", "--forum", forum, str(first), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["import", "actions", "--forum", forum, str(second), "--dry-run", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "ref 1 already names another action" in out
    assert main(["import", "actions", "--forum", forum, str(second), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["list", "actions", "--forum", forum, "--json", "--db", str(db_path)]) == 0
    actions = {a["description"]: a for a in json.loads(capsys.readouterr().out)}
    assert set(actions) == {"Patrol the park at night", "Repaint the underpass", "Knife amnesty bins at the station"}
    assert actions["Patrol the park at night"]["due_date"] == "2026-01-30"  # untouched
    assert actions["Repaint the underpass"]["due_date"] == "2026-03-30"  # the same action, updated
    # importing the second tracker again finds its rows again: nothing is duplicated
    assert main(["import", "actions", "--forum", forum, str(second), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["list", "actions", "--forum", forum, "--json", "--db", str(db_path)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_an_import_is_one_operation_on_the_shared_history(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13: ``forumdesk undo`` takes a whole import back, ``redo`` puts it back, and ``import list``
    follows; ``import undo`` refuses once a record the import wrote was changed by another program."""
    assert main(["import", "actions", "--db", str(db), str(DATA / "chelmsford_da_actions.csv"), "--forum", FORUM]) == 0
    batch = capsys.readouterr().out.splitlines()[1].rsplit(" ", 1)[1]
    assert main(["undo", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("Undone: Import actions (change ")
    assert count(db, "actions") == 0 and count(db, "people") == 0
    assert main(["import", "list", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["undone_at"] is not None
    assert main(["redo", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("Redone: Import actions")
    assert count(db, "actions") == 4 and count(db, "people") == 4
    assert main(["import", "list", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["undone_at"] is None
    conn = sqlite3.connect(db)
    conn.execute("UPDATE actions SET description = 'changed by hand' WHERE id = (SELECT min(id) FROM actions)")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["import", "undo", "--db", str(db), batch]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"forumdesk: Cannot undo the import {batch}: action ") and "was changed since" in err
    assert count(db, "actions") == 4
