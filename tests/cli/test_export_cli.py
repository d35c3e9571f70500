"""``forumdesk export``: each kind writes a file that reads back; mistakes are one line and write nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from forumdesk.cli import main
from forumdesk.domain.enums import Marking, MeetingStatus
from forumdesk.domain.patches import ForumPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import open_services

FORUM = "Basildon Community Safety Partnership"


def _ids(db: Path) -> tuple[int, int, str]:
    """A held meeting, a planned meeting and an owner with open actions, from the demo."""
    services = open_services(db)
    try:
        forum = services.forums.find(FORUM)
        meetings = services.meetings.meetings(forum.id)
        held = [m for m in meetings if m.status is MeetingStatus.HELD][-1]
        planned = next(m for m in meetings if m.status is MeetingStatus.PLANNED)
        open_actions = services.actions.list(ActionQuery(forum_ids=(forum.id,), open_only=True))
        owner = next(a.owner_name for a in open_actions if a.owner_name)
        return held.id, planned.id, owner
    finally:
        services.close()


def _ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote ")
    return out


def _fail(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("forumdesk: "), captured.err
    return lines[0]


def test_actions_in_each_format_with_filters(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_copy)
    for fmt in ("xlsx", "pdf", "csv"):
        target = tmp_path / f"log.{fmt}"
        out = _ok(capsys, "export", "actions", "--db", db, "--forum", FORUM, "--status", "complete", "--format", fmt,
                  "-o", str(target))
        assert "marked OFFICIAL" in out and target.stat().st_size > 0
    ws = load_workbook(tmp_path / "log.xlsx")["Action log"]
    assert {ws.cell(row, 9).value for row in range(2, ws.max_row + 1)} == {"Complete"}
    assert FORUM in (PdfReader(str(tmp_path / "log.pdf")).pages[0].extract_text() or "")
    assert (tmp_path / "log.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_minutes_board_pack_owner_calendar(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_copy)
    held, planned, owner = _ids(demo_copy)
    _ok(capsys, "export", "minutes", "--db", db, "--meeting", str(held), "-o", str(tmp_path / "m.pdf"),
        "--marking", "official-sensitive")
    assert "OFFICIAL-SENSITIVE" in (PdfReader(str(tmp_path / "m.pdf")).pages[0].extract_text() or "")
    _ok(capsys, "export", "board-pack", "--db", db, "--meeting", str(planned), "-o", str(tmp_path / "b.pdf"))
    assert len(PdfReader(str(tmp_path / "b.pdf")).outline) == 4
    for fmt in ("pdf", "xlsx"):
        _ok(capsys, "export", "owner", "--db", db, "--owner", owner, "--format", fmt, "-o", str(tmp_path / f"o.{fmt}"))
    out = _ok(capsys, "export", "calendar", "--db", db, "--forum", FORUM, "-o", str(tmp_path / "c.ics"))
    events = list(Calendar.from_ical((tmp_path / "c.ics").read_bytes()).walk("VEVENT"))
    assert f"({len(events)} meetings" in out and len(events) > 1


def test_lowering_the_marking_needs_the_flag(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = open_services(demo_copy)
    forum = services.forums.find(FORUM)
    services.forums.update(forum.id, ForumPatch(marking=Marking.OFFICIAL_SENSITIVE))
    services.close()
    target = tmp_path / "log.xlsx"
    args = ["export", "actions", "--db", str(demo_copy), "--forum", FORUM, "--format", "xlsx", "-o", str(target),
            "--marking", "OFFICIAL"]
    assert "--allow-lower-marking" in _fail(capsys, *args)
    assert not target.exists()
    assert "marked OFFICIAL)" in _ok(capsys, *args, "--allow-lower-marking")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["actions", "--format", "pdf", "-o", "{tmp}/x.xlsx"], "should end in .pdf"),
        (["actions", "--format", "csv", "-o", "{tmp}/x.csv", "--marking", "SECRET"], "unknown marking"),
        (["actions", "--format", "csv", "-o", "{tmp}/x.csv", "--forum", "Nowhere"], "no forum called 'Nowhere'"),
        (["minutes", "--meeting", "99999", "-o", "{tmp}/x.pdf"], "no meeting with id 99999"),
        (["owner", "--owner", "Nobody Atall", "--format", "pdf", "-o", "{tmp}/x.pdf"], "no person called"),
        (["actions", "--format", "csv", "-o", "{tmp}/missing/x.csv"], "does not exist"),
    ],
)
def test_mistakes_are_one_line(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    filled = [a.replace("{tmp}", str(tmp_path)) for a in args]
    line = _fail(capsys, "export", filled[0], "--db", str(demo_copy), *filled[1:])
    assert fragment in line
    assert not any(p.is_file() for p in tmp_path.rglob("x.*"))


def test_real_process_error_is_one_line(demo_copy: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "forumdesk", "export", "board-pack", "--db", str(demo_copy), "--meeting", "0",
         "-o", str(tmp_path / "x.pdf")], capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_minutes_and_agenda_as_word_and_pdf(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    db = str(demo_copy)
    held, planned, _ = _ids(demo_copy)
    out = _ok(capsys, "export", "minutes", "--db", db, "--meeting", str(held), "--format", "docx", "-o",
              str(tmp_path / "m.docx"))
    assert "items, marked OFFICIAL" in out
    doc = docx.Document(str(tmp_path / "m.docx"))
    assert doc.paragraphs[0].text == FORUM and doc.sections[0].header.paragraphs[0].text == "OFFICIAL"
    for fmt in ("pdf", "docx"):
        _ok(capsys, "export", "agenda", "--db", db, "--meeting", str(planned), "--format", fmt, "-o",
            str(tmp_path / f"a.{fmt}"))
    assert "Agenda" in (PdfReader(str(tmp_path / "a.pdf")).pages[0].extract_text() or "")
    assert docx.Document(str(tmp_path / "a.docx")).paragraphs[1].text == "Agenda"
    assert "should end in .docx" in _fail(capsys, "export", "minutes", "--db", db, "--meeting", str(held),
                                          "--format", "docx", "-o", str(tmp_path / "m.pdf"))
    assert "invalid choice" in _fail_usage(capsys, "export", "agenda", "--db", db, "--meeting", str(held),
                                           "--format", "xlsx", "-o", str(tmp_path / "a.xlsx"))


def _fail_usage(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as raised:
        main(list(args))
    assert raised.value.code == 1  # a usage mistake: one line, exit 1 like every other mistake
    return capsys.readouterr().err
