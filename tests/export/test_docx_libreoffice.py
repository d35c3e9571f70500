"""Issue 16 acceptance: the Word minutes open in LibreOffice. The DOCX is converted to PDF with
``soffice --headless --convert-to pdf`` (as a member without Word would print it) and the PDF's text read back
with pypdf: every attendee, the dates, every action's ref, owner and due date, the marking on every page and
DRAFT on every page of draft minutes. Skipped only when LibreOffice (with Writer) is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from export.conftest import pdf_pages, squash
from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import AttendanceStatus, MeetingStatus, MinutesStatus
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import open_services
from forumdesk.services.exports import ExportFormat

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) is not installed: the DOCX cannot be converted")


def test_word_minutes_print_through_libreoffice(demo_copy: Path, tmp_path: Path) -> None:
    services = open_services(demo_copy)
    try:
        held = [m for m in services.meetings.meetings() if m.status is MeetingStatus.HELD
                and m.minutes_status is not MinutesStatus.AGREED]
        meeting = max(held, key=lambda m: services.actions.count(ActionQuery(meeting_id=m.id)))
        target = tmp_path / "minutes.docx"
        services.exports.export_minutes(meeting.id, target, fmt=ExportFormat.DOCX)
        rows = services.meetings.attendance(meeting.id)
        attendees = [a.name for a in rows if a.status is not AttendanceStatus.ABSENT]
        actions = services.actions.list(ActionQuery(meeting_id=meeting.id))
        marking = services.exports.default_marking_for_meeting(meeting.id).value
    finally:
        services.close()
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(target)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    pdf = tmp_path / "pdf" / "minutes.pdf"
    if not pdf.exists() and "source file could not be loaded" in done.stderr:
        pytest.skip("LibreOffice is installed without Writer (libreoffice-writer): it cannot open a DOCX")
    assert pdf.exists(), done.stderr
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert page.count(marking) >= 2, f"page {number}: the marking is not top and bottom"
        assert "DRAFT" in page, f"page {number}: no DRAFT"
        assert f"Page {number} of {len(pages)}" in page  # the fields were updated by LibreOffice
    text = squash("".join(pages))
    assert squash(format_uk_date(meeting.starts_at.date())) in text
    assert attendees and actions
    for name in attendees:
        assert squash(name) in text, name
    for action in actions:
        for value in (action.ref, action.owner_name, format_uk_date(action.due_date)):
            assert squash(value) in text, f"{value!r} of {action.ref}"


def test_action_refs_are_not_broken_across_lines_in_word_minutes(demo_copy: Path, tmp_path: Path) -> None:
    """Found trying issue 16 (Word minutes converted by LibreOffice and looked at): the Ref column of the actions
    and matters arising tables was too narrow, so "BSOCB/26/010" printed as "BSOCB/" over "26/010"."""
    services = open_services(demo_copy)
    try:
        held = [m for m in services.meetings.meetings() if m.status is MeetingStatus.HELD
                and services.actions.count(ActionQuery(meeting_id=m.id))]

        def longest_ref(meeting_id: int) -> int:
            return max(len(a.ref) for a in services.actions.list(ActionQuery(meeting_id=meeting_id)))

        meeting = max(held, key=lambda m: (longest_ref(m.id), m.starts_at))
        refs = [a.ref for a in services.actions.list(ActionQuery(meeting_id=meeting.id))]
        target = tmp_path / "minutes.docx"
        services.exports.export_minutes(meeting.id, target, fmt=ExportFormat.DOCX)
    finally:
        services.close()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(target)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    pdf = tmp_path / "pdf" / "minutes.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice could not convert the DOCX here")
    lines = {line.strip() for page in pdf_pages(pdf) for line in page.splitlines()}
    assert max(len(r) for r in refs) >= 13  # e.g. SETDAB/26/010: the longest the demo has
    for ref in refs:
        assert any(ref in line for line in lines), f"{ref} is broken across lines"
