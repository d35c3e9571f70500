"""People's data: a subject access request finds and exports everything about one person; erasure
anonymises them everywhere (records, minutes, decisions, actions, updates, the audit trail, the file's
free pages and search index) and is itself recorded."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from forumdesk.domain.enums import AttendanceStatus
from forumdesk.domain.errors import ValidationError
from forumdesk.services import Services
from forumdesk.services.actions import NewAction

NAME, EMAIL, PHONE = "Jane Smithson", "jane.smithson@example.org", "01245 555 0199"


@pytest.fixture
def jane(services: Services) -> int:
    forum = services.forums.forums()[0]
    person_id = services.directory.add_person(NAME, "Essex Police", "Inspector", EMAIL, PHONE).value
    other_id = services.directory.add_person("Sam Other", "Essex Police").value
    services.forums.add_member(forum.id, person_id)
    meeting_id = services.meetings.schedule(forum.id, datetime(2026, 11, 20, 10, 0)).value
    item_id = services.cycle.add_item(meeting_id, "Night-time economy").value
    services.room.set_attendance(meeting_id, person_id, AttendanceStatus.PRESENT)
    services.room.save_notes(item_id, f"{NAME} reported a rise in incidents near the station.")
    services.room.add_decision(meeting_id, item_id, f"Agreed that {NAME} leads the patrol review.")
    services.actions.record(NewAction(forum.id, "Review patrol routes", owner_id=person_id))
    mention = services.actions.record(NewAction(forum.id, f"Send {NAME} the CCTV map", owner_id=other_id)).value
    services.actions.add_update(mention, f"Map sent to {NAME.upper()} by email ({EMAIL})")
    services.actions.record(NewAction(forum.id, "Unrelated action about lighting"))
    return person_id


def test_subject_access_finds_everything_about_the_person(services: Services, jane: int) -> None:
    report = services.privacy.subject_access(jane)
    kinds = {
        kind: report.count(kind)
        for kind in (
            "person",
            "membership",
            "attendance",
            "action owned",
            "minutes",
            "decision",
            "action mention",
            "action update",
        )
    }
    assert kinds == dict.fromkeys(kinds, 1)
    assert not any("lighting" in r.text for r in report.records)


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_the_export_is_read_back_and_audited(services: Services, jane: int, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"sar{suffix}"
    path, report = services.privacy.export_subject_access(jane, target)
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["person"]["name"] == NAME and len(data["records"]) == len(report.records)
        assert any("patrol review" in r["text"] for r in data["records"])
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == len(report.records) and rows[0]["kind"] == "person"
    assert not list(tmp_path.glob(".*partial"))
    history = services.privacy.history("person", jane)
    assert history[0].operation == "export" and history[0].new_value == target.name


def test_an_export_to_a_missing_folder_writes_nothing_and_audits_nothing(
    services: Services, jane: int, tmp_path: Path
) -> None:
    before = len(services.privacy.history("person", jane))
    with pytest.raises(Exception, match="does not exist"):
        services.privacy.export_subject_access(jane, tmp_path / "missing" / "sar.json")
    assert len(services.privacy.history("person", jane)) == before


def test_erasure_anonymises_the_person_everywhere(services: Services, jane: int) -> None:
    done = services.privacy.erase(jane)
    result, changes = done.value, done.changes
    assert changes.people and result.new_name == f"Former member {jane}"
    person = services.directory.person(jane)
    assert (person.name, person.email, person.phone, person.role, person.anonymised) == (
        result.new_name,
        "",
        "",
        "",
        True,
    )
    assert services.privacy.subject_access(jane).count("minutes") == 1  # found now under the new name
    assert services.admin.check().ok
    dump = "\n".join(services.store.conn.iterdump())
    for secret in (NAME, NAME.upper(), EMAIL, PHONE):
        assert secret.lower() not in dump.lower()
    assert result.new_name in dump
    erasures = [e for e in services.privacy.history("person", jane) if e.operation == "erase"]
    assert [e.new_value for e in erasures] == [  # newest first: the summary, then the name's own change
        f"{result.records_changed} records changed, {result.audit_values_redacted} earlier audit values redacted",
        result.new_name,
    ]
    with pytest.raises(ValidationError, match="already been erased"):
        services.privacy.erase(jane)


def test_erasure_leaves_no_trace_in_the_file_bytes(services: Services, jane: int) -> None:
    services.privacy.erase(jane)
    services.close()
    raw = services.path.read_bytes()
    wal = Path(f"{services.path}-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert b"Smithson" not in raw and b"SMITHSON" not in raw and EMAIL.encode() not in raw


def test_the_audit_trail_stays_append_only_after_an_erasure(services: Services, jane: int) -> None:
    services.privacy.erase(jane)
    with pytest.raises(Exception, match="append-only"), services.store.transaction():
        services.store.conn.execute("DELETE FROM audit_log")
    with pytest.raises(Exception, match="append-only"), services.store.transaction():
        services.store.conn.execute("UPDATE audit_log SET os_user = 'someone else'")


# (a leading tab or CR cannot be typed into an update: entry strips it; csv_neutralise covers them too)
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(1)"]


def test_the_subject_access_csv_keeps_formula_like_text_as_text(
    services: Services, jane: int, tmp_path: Path
) -> None:
    forum = services.forums.forums()[0]
    for n, formula in enumerate(FORMULAS):
        action_id = services.actions.record(NewAction(forum.id, f"Follow-up {n}")).value
        services.actions.add_update(action_id, f"{formula} {NAME}")
    path, _ = services.privacy.export_subject_access(jane, tmp_path / "sar.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    from forumdesk.export.text import csv_unneutralise

    for formula in FORMULAS:
        cell = next(t for t in texts if csv_unneutralise(t) == f"{formula} {NAME}")
        assert cell == f"'{formula} {NAME}"  # the action log CSV's rule: a leading quote, exactly reversible
    assert all(not t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in texts)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_subject_access_csv_without_formulas(
    services: Services, jane: int, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    forum = services.forums.forums()[0]
    action_id = services.actions.record(NewAction(forum.id, "Follow-up")).value
    services.actions.add_update(action_id, f"=1+1 then ask {NAME}")
    path, _ = services.privacy.export_subject_access(jane, tmp_path / "sar.csv")
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    cells = [c for row in load_workbook(out / "sar.xlsx").active.iter_rows() for c in row]
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert any(isinstance(c.value, str) and "=1+1 then ask" in c.value for c in cells)
