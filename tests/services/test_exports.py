"""ExportService: marking rules, the audit trail, and each export built from a real database."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from forumdesk.domain.enums import Marking, MeetingStatus, MinutesStatus
from forumdesk.domain.errors import ExportError, NotFoundError, ValidationError
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.exports import ExportCancelled, ExportFormat, resolve_marking
from tests.conftest import TODAY


@pytest.fixture
def svc(db_path: Path) -> Services:
    services = open_services(db_path, today=lambda: TODAY)
    yield services
    services.close()


@pytest.fixture
def demo(demo_copy: Path) -> Services:
    services = open_services(demo_copy, today=lambda: TODAY)
    yield services
    services.close()


def _sensitive_forum(svc: Services) -> int:
    forum_id = svc.forums.create("Łódź Twinning Board", marking=Marking.OFFICIAL_SENSITIVE).value
    person_id = svc.directory.add_person("Zoë Łukasiewicz", "Essex Police").value
    svc.actions.record(NewAction(forum_id, "Share <restricted> intelligence & plans", person_id, date(2026, 12, 1)))
    return forum_id


def _text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize(
    ("default", "requested", "allow", "expected"),
    [
        (Marking.OFFICIAL, None, False, Marking.OFFICIAL),
        (Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE, False, Marking.OFFICIAL_SENSITIVE),
        (Marking.OFFICIAL_SENSITIVE, Marking.OFFICIAL_SENSITIVE, False, Marking.OFFICIAL_SENSITIVE),
        (Marking.OFFICIAL_SENSITIVE, Marking.OFFICIAL, True, Marking.OFFICIAL),
    ],
)
def test_resolve_marking(default: Marking, requested: Marking | None, allow: bool, expected: Marking) -> None:
    assert resolve_marking(default, requested, allow) is expected


def test_lowering_needs_an_explicit_choice_and_writes_nothing(svc: Services, tmp_path: Path) -> None:
    forum_id = _sensitive_forum(svc)
    target = tmp_path / "log.pdf"
    query = ActionQuery(forum_ids=(forum_id,))
    with pytest.raises(ValidationError, match="lowering it to OFFICIAL needs an explicit choice"):
        svc.exports.export_actions(query, ExportFormat.PDF, target, marking=Marking.OFFICIAL)
    assert not target.exists()
    result = svc.exports.export_actions(query, ExportFormat.PDF, target, marking=Marking.OFFICIAL, allow_lower=True)
    assert result.marking is Marking.OFFICIAL and "OFFICIAL-SENSITIVE" not in _text(target)


def test_the_forum_marking_is_carried_and_the_export_audited(svc: Services, tmp_path: Path) -> None:
    forum_id = _sensitive_forum(svc)
    target = tmp_path / "log.xlsx"
    result = svc.exports.export_actions(ActionQuery(forum_ids=(forum_id,)), ExportFormat.XLSX, target)
    assert result.marking is Marking.OFFICIAL_SENSITIVE and result.count == 1
    ws = load_workbook(target)["Action log"]
    assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert ws["E2"].value == "Share <restricted> intelligence & plans"
    assert ws["F2"].value == "Zoë Łukasiewicz (Essex Police)"
    audit = svc.store.query("SELECT entity, operation, field, new_value FROM audit_log WHERE entity = 'export'")
    assert [tuple(r) for r in audit] == [("export", "export", "actions", "xlsx OFFICIAL-SENSITIVE 1 log.xlsx")]


def test_an_export_to_a_missing_folder_fails_cleanly(svc: Services, tmp_path: Path) -> None:
    _sensitive_forum(svc)
    with pytest.raises(ExportError, match="does not exist"):
        svc.exports.export_actions(ActionQuery(), ExportFormat.CSV, tmp_path / "missing" / "x.csv")
    assert svc.store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'export'") == 0


def test_csv_of_the_demo(demo: Services, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    result = demo.exports.export_actions(ActionQuery(), ExportFormat.CSV, target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert result.count == 600 and len(rows) == 601


def test_xlsx_history_sheet_holds_every_update(demo: Services, tmp_path: Path) -> None:
    target = tmp_path / "all.xlsx"
    forum = demo.forums.find("Basildon Community Safety Partnership")
    demo.exports.export_actions(ActionQuery(forum_ids=(forum.id,)), ExportFormat.XLSX, target)
    actions = demo.actions.list(ActionQuery(forum_ids=(forum.id,)))
    expected = sum(len(demo.actions.updates(a.id)) for a in actions)
    assert expected > 0
    assert load_workbook(target)["Update history"].max_row == expected + 1


def _meetings(demo: Services, status: MeetingStatus) -> list:  # type: ignore[type-arg]
    forum = demo.forums.find("Basildon Community Safety Partnership")
    return [m for m in demo.meetings.meetings(forum.id) if m.status is status]


def test_minutes_of_a_circulated_meeting_are_watermarked(demo: Services, tmp_path: Path) -> None:
    meeting = [m for m in _meetings(demo, MeetingStatus.HELD) if m.minutes_status is MinutesStatus.CIRCULATED][-1]
    target = tmp_path / "minutes.pdf"
    result = demo.exports.export_minutes(meeting.id, target)
    text = _text(target)
    assert "DRAFT" in text and "Attendance" in text and "quorate" in text
    assert result.kind == "minutes"
    agreed = [m for m in _meetings(demo, MeetingStatus.HELD) if m.minutes_status is MinutesStatus.AGREED][-1]
    demo.exports.export_minutes(agreed.id, target)
    assert "DRAFT" not in _text(target)


def test_board_pack_and_chase_list(demo: Services, tmp_path: Path) -> None:
    meeting = _meetings(demo, MeetingStatus.PLANNED)[0]
    pack = tmp_path / "pack.pdf"
    demo.exports.export_board_pack(meeting.id, pack)
    reader = PdfReader(str(pack))
    assert [o.title for o in reader.outline] == [
        "Agenda", "Minutes of the previous meeting", "Open action log", "Progress against the strategy"]
    progress = demo.exports.area_progress(meeting.forum_id)
    assert progress and sum(p.open + p.closed for p in progress) > 0
    owner = demo.actions.list(ActionQuery(forum_ids=(meeting.forum_id,), open_only=True))[0]
    chase = tmp_path / "chase.pdf"
    result = demo.exports.export_owner(owner.owner_id, ExportFormat.PDF, chase)
    assert result.count == demo.actions.count(ActionQuery(owner_id=owner.owner_id, open_only=True))
    assert owner.ref in _text(chase).replace("\n", "")


def test_calendar_of_one_forum(demo: Services, tmp_path: Path) -> None:
    forum = demo.forums.find("Basildon Community Safety Partnership")
    target = tmp_path / "cal.ics"
    result = demo.exports.export_calendar(target, forum.id)
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert len(events) == result.count == len(demo.meetings.meetings(forum.id))


def test_unknown_meeting_is_one_clear_error(svc: Services, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no meeting with id 999"):
        svc.exports.export_minutes(999, tmp_path / "x.pdf")


def test_suggested_name_is_safe(svc: Services) -> None:
    svc.exports.now = lambda: datetime(2026, 11, 25, 9, 0)
    assert svc.exports.suggested_name("Minutes: CSP 10/11", ExportFormat.PDF) == "Minutes- CSP 10-11 2026-11-25.pdf"


def test_a_cancelled_export_keeps_the_old_file_and_is_not_audited(demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "log.xlsx"
    target.write_bytes(b"old")
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if done >= 500:  # mid-way through the PDF's rows
            raise ExportCancelled()

    def at_once(done: int, total: int) -> None:
        raise ExportCancelled()

    before = demo.store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'export'")
    with pytest.raises(ExportCancelled, match="nothing was written"):
        demo.exports.export_actions(ActionQuery(), ExportFormat.PDF, target.with_suffix(".pdf"), progress=progress)
    with pytest.raises(ExportCancelled):
        demo.exports.export_actions(ActionQuery(), ExportFormat.XLSX, target, progress=at_once)
    assert target.read_bytes() == b"old" and sorted(p.name for p in out.iterdir()) == ["log.xlsx"]
    assert demo.store.scalar("SELECT count(*) FROM audit_log WHERE entity = 'export'") == before
    assert calls[0] == (0, 600) and calls[-1][0] == 500


def test_word_minutes_and_the_agenda_are_audited_marked_exports(demo: Services, tmp_path: Path) -> None:
    """Issue 16: the entry points the mail drafts call: ``export_minutes(fmt=DOCX)`` and ``export_agenda``."""
    import docx

    meeting = _meetings(demo, MeetingStatus.HELD)[-1]
    result = demo.exports.export_minutes(meeting.id, tmp_path / "m.docx", fmt=ExportFormat.DOCX,
                                         marking=Marking.OFFICIAL_SENSITIVE)
    assert (result.kind, result.marking, result.count) == ("minutes", Marking.OFFICIAL_SENSITIVE,
                                                           len(demo.minutes.document(meeting.id).items))
    assert docx.Document(str(tmp_path / "m.docx")).sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    agenda = demo.exports.export_agenda(meeting.id, tmp_path / "a.docx", fmt=ExportFormat.DOCX)
    top = [i for i in demo.meetings.items(meeting.id) if i.parent_id is None]
    assert (agenda.kind, agenda.count) == ("agenda", len(top))
    demo.exports.export_agenda(meeting.id, tmp_path / "a.pdf")
    assert all(" ".join(i.title.split()) in " ".join(_text(tmp_path / "a.pdf").split()) for i in top)
    audit = demo.store.query("SELECT field, new_value FROM audit_log WHERE entity = 'export' ORDER BY id")
    assert [tuple(r) for r in audit][-3:] == [
        ("minutes", f"docx OFFICIAL-SENSITIVE {result.count} m.docx"), ("agenda", f"docx OFFICIAL {len(top)} a.docx"),
        ("agenda", f"pdf OFFICIAL {len(top)} a.pdf"),
    ]
    with pytest.raises(ValidationError, match="cannot be exported as xlsx"):
        demo.exports.export_minutes(meeting.id, tmp_path / "m.xlsx", fmt=ExportFormat.XLSX)
    assert not (tmp_path / "m.xlsx").exists()
