"""``forumdesk mail``: circulate and chase write drafts that parse, one line each; mistakes are one line, exit 1."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from forumdesk.cli import main
from forumdesk.domain.enums import MeetingStatus
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import open_services

FORUM = "Basildon Community Safety Partnership"


def _demo_facts(db: Path) -> tuple[int, int, str, int]:
    """A held meeting and a planned one of FORUM, an owner of its open actions and how many the owner has."""
    services = open_services(db)
    try:
        forum = services.forums.find(FORUM)
        meetings = services.meetings.meetings(forum.id)
        held = [m for m in meetings if m.status is MeetingStatus.HELD][-1]
        planned = next(m for m in meetings if m.status is MeetingStatus.PLANNED)
        open_actions = services.actions.list(ActionQuery(forum_ids=(forum.id,), open_only=True))
        owner = next(a for a in open_actions if a.owner_id is not None)
        count = services.actions.count(ActionQuery(owner_id=owner.owner_id, open_only=True))
        return held.id, planned.id, owner.owner_name, count
    finally:
        services.close()


def test_circulate_without_what_sends_a_planned_meetings_agenda_and_a_held_meetings_minutes(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held, planned, _, _ = _demo_facts(demo_copy)
    db = ["--db", str(demo_copy)]
    subjects = []
    for meeting in (planned, held):
        assert main(["mail", "circulate", *db, "--meeting", str(meeting), "-o", str(tmp_path)]) == 0
        line = capsys.readouterr().out.strip().splitlines()[0]
        eml = Path(line.removeprefix("wrote ").split(" (to ")[0])
        subjects.append(BytesParser(policy=policy.default).parsebytes(eml.read_bytes())["Subject"])
    assert " agenda and papers for " in subjects[0] and " draft minutes of " in subjects[1]


def _fail(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("forumdesk: "), captured.err
    return lines[0]


def test_circulate_and_chase_write_drafts_named_one_line_each(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held, _, owner, count = _demo_facts(demo_copy)
    out = tmp_path / "drafts"
    out.mkdir()
    db = ["--db", str(demo_copy)]
    assert main(["mail", "circulate", *db, "--meeting", str(held), "--what", "minutes", "-o", str(out)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith(f"wrote {out}") and "2 attachments): OFFICIAL" in lines[0]
    eml = Path(lines[0].removeprefix("wrote ").split(" (to ")[0])
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert message["X-Unsent"] == "1" and message["To"].addresses

    assert main(["mail", "chase", *db, "--person", owner, "--reply-by", "09/12/2026", "-o", str(out)]) == 0
    (line,) = capsys.readouterr().out.strip().splitlines()
    assert f"{count} action" in line and line.endswith("please reply with your update by 09/12/2026")

    assert main(["mail", "chase", *db, "--forum", FORUM, "-o", str(out)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and all(line.startswith(f"wrote {out}") for line in lines if not line.startswith(("no ", "open")))

    assert main(["list", "actions", *db, "--owner", owner, "--status", "open"]) == 0  # "last chased" is listed
    table = capsys.readouterr().out.splitlines()
    assert table[0].rstrip().endswith("last_chased") and all(
        re.search(r"\d\d/\d\d/\d{4}$", line.rstrip()) for line in table[1:])


def test_mail_mistakes_are_one_line(demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, planned, owner, _ = _demo_facts(demo_copy)
    db = ["--db", str(demo_copy)]
    out = str(tmp_path)
    assert "has not been held" in _fail(capsys, "mail", "circulate", *db, "--meeting", str(planned), "--what",
                                        "minutes", "-o", out)
    assert "does not exist" in _fail(capsys, "mail", "chase", *db, "--forum", FORUM, "-o", str(tmp_path / "no"))
    assert "no forum called" in _fail(capsys, "mail", "chase", *db, "--forum", "Nowhere", "-o", out)
    assert "--reply-by" in _fail(capsys, "mail", "chase", *db, "--person", owner, "--reply-by", "31/02/2026", "-o",
                                 out)
    assert "has passed" in _fail(capsys, "mail", "chase", *db, "--person", owner, "--reply-by", "01/01/2020", "-o",
                                 out)
    assert "there is no meeting with id 999999" in _fail(capsys, "mail", "circulate", *db, "--meeting", "999999",
                                                        "--what", "agenda", "-o", out)
    with pytest.raises(SystemExit) as stopped:  # --forum or --person is required: argparse's one line
        main(["mail", "chase", *db, "-o", out])
    assert stopped.value.code == 1 and "--forum --person is required" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.eml"))
