"""Papers as the service and the command line see them (issue 16): the marking rules, the refusals (one line,
nothing written), the size limit, Word and Excel papers listed as attached separately, a copy saved back byte
for byte, the listing as a table and as JSON, and the demo's packs exporting with a paper attached."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from forumdesk.cli import main
from forumdesk.domain.enums import Marking, MinutesStatus
from forumdesk.domain.errors import LockedMinutesError, ValidationError
from forumdesk.domain.papers import MAX_PAPER_BYTES, marking_in_text
from forumdesk.services import Services, open_services
from tests.papers import files
from tests.papers.test_pack_with_papers import dump


@pytest.fixture
def meeting(services: Services) -> int:
    forum = services.forums.create("Epping Forest CSP").value
    return int(services.cycle.plan_meeting(forum, datetime(2026, 12, 9, 14, 0)).value)


@pytest.mark.parametrize(("text", "found"), [
    ("OFFICIAL\nReport", "OFFICIAL"),
    ("OFFICIAL-SENSITIVE\nReport", "OFFICIAL-SENSITIVE"),
    ("  OFFICIAL – SENSITIVE  \n", "OFFICIAL-SENSITIVE"),
    ("OFFICIAL SENSITIVE: PERSONAL\n", "OFFICIAL-SENSITIVE"),
    ("OFFICIAL\n...\nOFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"),
    ("SECRET\n", "SECRET"),
    ("TOP SECRET\n", "TOP SECRET"),
    ("This official report is no secret.\n", None),
    ("The OFFICIAL figures show a rise in burglary across the district this year\n", None),
    ("", None),
])
def test_a_marking_is_read_the_government_way(text: str, found: str | None) -> None:
    assert marking_in_text(text) == found


def test_the_marking_is_given_else_printed_else_the_forums(services: Services, meeting: int, tmp_path: Path) -> None:
    plain = services.papers.add(meeting, "2", files.reportlab_pdf(tmp_path / "plain.pdf", 1)).value
    printed = services.papers.add(meeting, "2", files.reportlab_pdf(
        tmp_path / "printed.pdf", 1, first_line="OFFICIAL-SENSITIVE")).value
    given = services.papers.add(meeting, "3", files.reportlab_pdf(tmp_path / "given.pdf", 2, title="Given"),
                                Marking.OFFICIAL_SENSITIVE).value
    assert (plain.marking, printed.marking, given.marking) == (
        Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE, Marking.OFFICIAL_SENSITIVE)
    assert services.exports.default_marking("board-pack", meeting_id=meeting) is Marking.OFFICIAL_SENSITIVE
    assert services.exports.default_marking("minutes", meeting_id=meeting) is Marking.OFFICIAL  # papers: pack only


def test_refusals_name_the_file_in_one_line_and_write_nothing(
    services: Services, meeting: int, db_path: Path, tmp_path: Path
) -> None:
    sensitive = files.reportlab_pdf(tmp_path / "Marked.pdf", 1, first_line="OFFICIAL-SENSITIVE")
    secret = files.reportlab_pdf(tmp_path / "Secret.pdf", 1, first_line="SECRET")
    services.papers.add(meeting, "2", files.reportlab_pdf(tmp_path / "Once.pdf", 1, title="Once"))
    huge = tmp_path / "Huge.pdf"
    with open(huge, "wb") as out:  # a sparse file: refused by its size before it is read
        out.truncate(MAX_PAPER_BYTES + 1)
    before = dump(db_path)
    cases = [
        (lambda: services.papers.add(meeting, "2", sensitive, Marking.OFFICIAL), "Marked.pdf is marked OFFICIAL-S"),
        (lambda: services.papers.add(meeting, "2", secret), "Secret.pdf is marked SECRET"),
        (lambda: services.papers.add(meeting, "2", tmp_path / "Once.pdf"), "Once.pdf is already attached"),
        (lambda: services.papers.add(meeting, "2", huge), "Huge.pdf is 25.0 MB: a paper can be at most 25 MB"),
        (lambda: services.papers.add(meeting, "9", sensitive), "the agenda has no item '9'"),
        (lambda: services.papers.add(meeting, "2", tmp_path / "missing.pdf"), "missing.pdf is not a file"),
    ]
    for attach, start in cases:
        with pytest.raises(ValidationError) as refused:
            attach()
        assert str(refused.value).startswith(start) and "\n" not in str(refused.value)
    assert dump(db_path) == before


def test_agreed_minutes_lock_the_papers(services: Services, meeting: int, tmp_path: Path) -> None:
    paper = services.papers.add(meeting, "2", files.reportlab_pdf(tmp_path / "p.pdf", 1)).value
    services.cycle.close(meeting)
    services.cycle.mark_circulated(meeting)
    services.cycle.agree(meeting, on=date(2026, 12, 10))
    with pytest.raises(LockedMinutesError, match="agreed and locked"):
        services.papers.remove(paper.id)
    with pytest.raises(LockedMinutesError):
        services.papers.add(meeting, "2", files.reportlab_pdf(tmp_path / "q.pdf", 2))


def test_word_and_excel_papers_are_kept_listed_and_not_merged(
    services: Services, meeting: int, tmp_path: Path
) -> None:
    word = files.docx_paper(tmp_path / "Budget note.docx")
    sheet = files.xlsx_paper(tmp_path / "Figures Q3.xlsx")
    services.papers.add(meeting, "3", word)
    services.papers.add(meeting, "3", sheet)
    services.papers.add(meeting, "4", files.reportlab_pdf(tmp_path / "Paper.pdf", 2))
    listed = services.papers.list(meeting)
    assert [(p.file_name, p.kind.merged) for p in listed] == [
        ("Budget note.docx", False), ("Figures Q3.xlsx", False), ("Paper.pdf", True)]
    assert services.papers.content(listed[0].id) == word.read_bytes()
    copy = services.papers.save_copy(listed[1].id, tmp_path / "copy.xlsx")
    assert copy.read_bytes() == sheet.read_bytes()
    target = tmp_path / "pack.pdf"
    services.exports.export_board_pack(meeting, target)
    text = "\n".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Attached separately (Word)" in text and "Attached separately (Excel)" in text
    assert text.count("PAPER FOR ITEM") == 1  # a cover sheet for the PDF only


def test_the_command_line_attaches_lists_and_removes(
    services: Services, meeting: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = files.reportlab_pdf(tmp_path / "Café #1.pdf", 4)
    db = ["--db", str(db_path)]
    assert main(["papers", "add", *db, "--meeting", str(meeting), "--item", "3", str(paper)]) == 0
    assert capsys.readouterr().out.startswith("attached Café #1.pdf to item 3 as paper 1 (OFFICIAL, 4 pages)")
    assert main(["papers", "list", *db, "--meeting", str(meeting)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:4] == ["Id", "Item", "Paper", "Kind"] and "Café #1.pdf" in table[1]
    assert main(["papers", "list", *db, "--meeting", str(meeting), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["file_name"] == "Café #1.pdf" and rows[0]["pages"] == 4 and rows[0]["item"] == "3"
    assert main(["papers", "save", *db, "1", "-o", str(tmp_path / "back.pdf")]) == 0
    assert (tmp_path / "back.pdf").read_bytes() == paper.read_bytes()
    assert main(["papers", "add", *db, "--meeting", str(meeting), "--item", "3", str(paper), "--marking", "x"]) == 1
    assert capsys.readouterr().err.startswith("forumdesk: unknown marking 'x'")
    assert main(["papers", "remove", *db, "1"]) == 0
    assert "forumdesk undo puts it back" in capsys.readouterr().out
    assert main(["papers", "remove", *db, "1"]) == 1
    assert capsys.readouterr().err.strip() == "forumdesk: there is no paper with id 1"
    assert main(["undo", *db]) == 0
    assert services.papers.content(1) == paper.read_bytes()


@pytest.mark.slow
def test_demo_packs_export_with_a_paper_attached(demo_copy: Path, tmp_path: Path) -> None:
    """Every held demo meeting's pack is exported by tests/export/test_demo_documents.py; here a paper joins one
    meeting's, and a sample of the others still export beside it."""
    with open_services(demo_copy) as services:
        meetings = services.meetings.meetings()
        first = next(m for m in meetings if m.minutes_status is not MinutesStatus.AGREED)
        services.papers.add(first.id, "1", files.reportlab_pdf(tmp_path / "Paper.pdf", 5))
        for meeting in [first, *meetings[::8]]:
            target = tmp_path / f"pack-{meeting.id}.pdf"
            services.exports.export_board_pack(meeting.id, target)
            pages = len(PdfReader(str(target)).pages)
            assert pages >= (11 if meeting.id == first.id else 5), (meeting.id, pages)
    conn = sqlite3.connect(demo_copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert os.path.getsize(tmp_path / f"pack-{first.id}.pdf") > 0


def test_a_papers_bytes_are_stored_once_kept_for_undo_and_dropped_when_no_history_names_them(
    services: Services, meeting: int, db_path: Path, tmp_path: Path
) -> None:
    first = files.reportlab_pdf(tmp_path / "First.pdf", 2, title="First")
    paper = services.papers.add(meeting, "2", first).value
    forum = services.forums.create("Other CSP").value
    other = int(services.cycle.plan_meeting(forum, datetime(2026, 12, 10, 10, 0)).value)
    services.papers.add(other, "2", first)  # the same file for another meeting: its bytes are not stored twice

    def stored() -> int:
        conn = sqlite3.connect(db_path)
        try:
            return int(conn.execute("SELECT count(*) FROM paper_files").fetchone()[0])
        finally:
            conn.close()

    assert stored() == 1
    services.papers.remove(paper.id)
    services.history.undo()
    services.history.redo()
    services.history.undo()  # the paper is back, its bytes exactly as attached
    assert services.papers.content(paper.id) == first.read_bytes()
    for listed in services.papers.list(meeting) + services.papers.list(other):
        services.papers.remove(listed.id)
    conn = sqlite3.connect(db_path)  # an erasure empties the journal (``db.journal.purge``)
    conn.execute("DELETE FROM journal")
    conn.commit()
    conn.close()
    services.papers.add(meeting, "2", files.reportlab_pdf(tmp_path / "Second.pdf", 1))
    assert stored() == 1  # the first file went: nothing could bring its paper back


def test_a_copy_opened_for_viewing_is_cleared_away_later(
    services: Services, meeting: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from forumdesk.services import papers as papers_service

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    paper = services.papers.add(meeting, "2", files.reportlab_pdf(tmp_path / "Viewed é.pdf", 1)).value
    first = services.papers.temp_copy(paper.id)
    assert first.name == "Viewed é.pdf" and first.read_bytes() == services.papers.content(paper.id)
    second = services.papers.temp_copy(paper.id)
    assert first.exists() and second.exists()  # a copy made just now stays (a viewer may have it open)
    old = time.time() - (papers_service.TEMP_COPY_HOURS + 1) * 3600
    os.utime(first.parent, (old, old))
    services.papers.temp_copy(paper.id)
    assert not first.parent.exists() and second.exists()


def _word_paper(path: Path, header: str, body: str = "Briefing for the partnership") -> Path:
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = header
    document.sections[0].footer.paragraphs[0].text = header
    document.add_paragraph(body)
    document.save(str(path))
    return path


def test_a_word_papers_marking_is_read_from_its_header(services: Services, meeting: int, tmp_path: Path) -> None:
    """Found trying issue 16: a partner's Word briefing with OFFICIAL-SENSITIVE in its header and footer (as
    Word's marking tools print it) was attached as the forum's OFFICIAL, so the circulation going out with it
    was marked OFFICIAL; a PDF of the same briefing was read as OFFICIAL-SENSITIVE."""
    sensitive = services.papers.add(meeting, "2", _word_paper(tmp_path / "briefing.docx", "OFFICIAL-SENSITIVE")).value
    assert sensitive.marking is Marking.OFFICIAL_SENSITIVE
    plain = services.papers.add(meeting, "3", _word_paper(tmp_path / "notes.docx", "Epping Forest CSP")).value
    assert plain.marking is Marking.OFFICIAL  # no marking printed: the forum's
    with pytest.raises(ValidationError, match=r"secret\.docx is marked SECRET"):
        services.papers.add(meeting, "3", _word_paper(tmp_path / "secret.docx", "SECRET"))
    assert [p.file_name for p in services.papers.list(meeting)] == ["briefing.docx", "notes.docx"]


@pytest.mark.parametrize(("user_password", "why"), [
    ("letmein", "is password-protected"),
    ("", "opens without a password but is encrypted against copying or printing"),
])
def test_an_encrypted_paper_is_refused_saying_which_kind_of_protection(
    services: Services, meeting: int, tmp_path: Path, user_password: str, why: str
) -> None:
    path = files.encrypted_pdf(tmp_path / "Report #4.pdf", user_password)
    with pytest.raises(ValidationError) as refused:
        services.papers.add(meeting, "1", path)
    assert str(refused.value).startswith(f"Report #4.pdf {why}: ")


def _excel_paper(path: Path, *, header: str = "", footer: str = "", first_cell: str = "Budget") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = first_cell
    sheet["A2"] = "Total"
    sheet["B2"] = 1200
    if header:
        sheet.oddHeader.center.text = header
        sheet.oddHeader.right.text = "Page &P of &N"
    if footer:
        sheet.oddFooter.left.text = footer
    book.save(str(path))
    return path


def test_an_excel_papers_marking_is_read_from_its_header_footer_or_first_cells(
    services: Services, meeting: int, tmp_path: Path
) -> None:
    """As a Word paper's: a partner's workbook printed OFFICIAL-SENSITIVE in its header, footer or top row is
    not attached as the forum's OFFICIAL (it would lower the pack and the circulation carrying it)."""
    add = services.papers.add
    assert add(meeting, "2", _excel_paper(tmp_path / "h.xlsx", header="OFFICIAL-SENSITIVE")).value.marking \
        is Marking.OFFICIAL_SENSITIVE
    assert add(meeting, "2", _excel_paper(tmp_path / "f.xlsx", footer="OFFICIAL – SENSITIVE")).value.marking \
        is Marking.OFFICIAL_SENSITIVE
    assert add(meeting, "2", _excel_paper(tmp_path / "c.xlsx", first_cell="OFFICIAL-SENSITIVE")).value.marking \
        is Marking.OFFICIAL_SENSITIVE
    assert add(meeting, "3", _excel_paper(tmp_path / "plain.xlsx")).value.marking is Marking.OFFICIAL
    with pytest.raises(ValidationError, match=r"secret\.xlsx is marked SECRET"):
        add(meeting, "3", _excel_paper(tmp_path / "secret.xlsx", header="SECRET"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_by_libreoffice_is_read_for_its_marking_in_its_shared_strings(
    services: Services, meeting: int, tmp_path: Path
) -> None:
    book = files.libreoffice_xlsx(tmp_path / "Burglary figures #2.xlsx", "OFFICIAL-SENSITIVE,,\nDistrict,Apr,May\n"
                                                                         "Harlow,3,4\n")
    assert book is not None
    assert services.papers.add(meeting, "2", book).value.marking is Marking.OFFICIAL_SENSITIVE
