"""Word minutes and agenda (issue 16): named styles, the marking in every header and footer, DRAFT until the
minutes are agreed, British English, A4, core properties, and hostile text that never breaks the file."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from export.conftest import squash
from export.docx_read import all_paragraphs, body_text, header_text, headers_and_footers, languages, open_docx
from forumdesk.domain.enums import Marking, MinutesStatus, Rag
from forumdesk.domain.minutes import (
    ActionRaised,
    AgencyAttendance,
    AttendeeLine,
    MatterArising,
    MinutesDocument,
    MinutesItem,
)
from forumdesk.domain.model import AgendaItem, Forum, Meeting
from forumdesk.export.agenda_docx import export_agenda_docx
from forumdesk.export.info import DocumentInfo
from forumdesk.export.minutes_docx import export_minutes_docx

HOSTILE = "Ctrl\x00\x01\x07\x0b\x0c\x1b\x1f end \ud800 <b>bold</b> &amp; <script>alert(1)</script> Ωμέγα 日本語 عربى 👍"
LONG = " ".join(f"word{i}" for i in range(5000))


def _forum(name: str = "Basildon Community Safety Partnership") -> Forum:
    return Forum(id=1, name=name)


def _meeting() -> Meeting:
    return Meeting(id=7, forum_id=1, starts_at=datetime(2026, 11, 10, 10, 0), ends_at=datetime(2026, 11, 10, 12, 0),
                   venue="Civic Centre, Room 2")


def _minutes(status: MinutesStatus = MinutesStatus.DRAFT, **changes: object) -> MinutesDocument:
    items = (
        MinutesItem("1", "Welcome and apologies", "Chair", "The chair welcomed members."),
        MinutesItem("2", "Housing update", "Aisha Hughes", "First paragraph.\n\nSecond paragraph.",
                    decisions=("The board agreed the housing plan.",),
                    actions=(ActionRaised("BCSP/26/001", "Write the housing plan", "Aisha Hughes (Essex Police)",
                                          date(2026, 12, 15)),),
                    sub_items=(MinutesItem("2.1", "Temporary accommodation", notes="Noted."),)),
    )
    doc = MinutesDocument(
        forum=_forum(), meeting=_meeting(), marking=Marking.OFFICIAL_SENSITIVE,
        attendance=(AgencyAttendance("Essex Police", present=(AttendeeLine("Aisha Hughes", "Chair"),),
                                     deputies=(AttendeeLine("Ravi Green", attending_for="Chloé Patel"),),
                                     apologies=(AttendeeLine("Mohammed Okafor"),)),),
        quorum_statement="The meeting was quorate (3 agencies represented; the rule is 3 agencies).", quorate=True,
        items=items,
        matters_arising=(MatterArising("BCSP/25/090", "Audit the CCTV", "Seán Wójcik (Council)", "Cameras fitted.",
                                       date(2026, 10, 30), Rag.AMBER, "In progress"),),
        status=status, chair="Aisha Hughes", secretary="Seán Wójcik",
        next_meeting="Tuesday 08/12/2026 10:00, Civic Centre",
    )
    return replace(doc, **changes)  # type: ignore[arg-type]


def _info(draft: bool = True, title: str = "BCSP: minutes of 10/11/2026") -> DocumentInfo:
    return DocumentInfo(title, Marking.OFFICIAL_SENSITIVE, datetime(2026, 11, 25, 14, 5), "Draft minutes",
                        "Test Secretary", "Minutes", "DRAFT" if draft else "")


def test_minutes_content_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "m.docx"
    export_minutes_docx(target, _minutes(), _info())
    doc = open_docx(target)
    text = squash(body_text(doc))
    for expected in ("Basildon Community Safety Partnership", "Tuesday 10/11/2026", "10:00 to 12:00",
                     "Civic Centre, Room 2", "Aisha Hughes, Chair", "Ravi Green (for Chloé Patel)", "Mohammed Okafor",
                     "Essex Police", "The meeting was quorate", "1. Welcome and apologies", "2. Housing update",
                     "2.1 Temporary accommodation", "Decision: The board agreed the housing plan.", "BCSP/26/001",
                     "Write the housing plan", "Aisha Hughes (Essex Police)", "15/12/2026", "BCSP/25/090",
                     "30/10/2026: Cameras fitted.", "Amber", "Date of next meeting: Tuesday 08/12/2026",
                     "Signed (Chair)", "Status", "Draft: not yet agreed as a correct record"):
        assert squash(expected) in text, expected
    notes = [p.text for p in doc.paragraphs if p.text in ("First paragraph.", "Second paragraph.")]
    assert notes == ["First paragraph.", "Second paragraph."]  # a blank line typed is a new paragraph


def test_named_styles_are_used(tmp_path: Path) -> None:
    target = tmp_path / "m.docx"
    export_minutes_docx(target, _minutes(), _info())
    doc = open_docx(target)
    used = {p.style.name for p in all_paragraphs(doc)}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Decision", "Quorum", "Table Text"} <= used
    assert used <= {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Decision", "Quorum", "Note",
                    "Normal", "Table Text"}
    assert {t.style.name for t in doc.tables} == {"ForumDesk Table"}
    decision = next(p for p in doc.paragraphs if p.style.name == "Decision")
    assert decision.style.element.find(qn("w:pPr")).find(qn("w:shd")) is not None  # the style sets it apart
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["1. Welcome and apologies", "2. Housing update"]
    header_row = doc.tables[1].rows[0]  # attendance: its header row repeats on each page
    assert header_row._tr.trPr.find(qn("w:tblHeader")) is not None


@pytest.mark.parametrize(("status", "draft"), [(MinutesStatus.DRAFT, True), (MinutesStatus.CIRCULATED, True),
                                               (MinutesStatus.AGREED, False)])
def test_marking_everywhere_and_draft_until_agreed(tmp_path: Path, status: MinutesStatus, draft: bool) -> None:
    target = tmp_path / "m.docx"
    minutes = _minutes(status, agreed_on=date(2026, 12, 8) if not draft else None)
    assert minutes.is_draft is draft
    export_minutes_docx(target, minutes, _info(draft))
    doc = open_docx(target)
    parts = list(headers_and_footers(doc))
    assert len(parts) == 6 * len(doc.sections)
    for section, part, text in parts:
        assert "OFFICIAL-SENSITIVE" in text, (section, part)
    assert ("DRAFT" in header_text(doc)) is draft
    assert all(("DRAFT" in text) is draft for _, part, text in parts if part.endswith("header"))
    assert all(not s.different_first_page_header_footer for s in doc.sections)
    tracked = doc.settings.element.find(qn("w:trackRevisions")) is not None
    assert tracked is draft  # members' amendments to a draft are tracked from the start
    if not draft:
        assert "Agreed as a correct record on 08/12/2026" in body_text(doc)
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_language_page_and_properties(tmp_path: Path) -> None:
    target = tmp_path / "m.docx"
    export_minutes_docx(target, _minutes(), _info())
    doc = open_docx(target)
    assert languages(doc) == {"en-GB"}
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    for style in ("Normal", "Heading 1", "Heading 2", "Decision"):
        assert doc.styles[style].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 20
    props = doc.core_properties
    assert (props.title, props.author, props.subject, props.language) == (
        "BCSP: minutes of 10/11/2026", "Test Secretary", "Minutes", "en-GB")


def test_hostile_text_never_breaks_the_file(tmp_path: Path) -> None:
    hostile_item = MinutesItem("3", HOSTILE, HOSTILE, f"{HOSTILE}\n\n{LONG}", decisions=(HOSTILE,),
                               actions=(ActionRaised("R/1", HOSTILE, HOSTILE, None),))
    minutes = _minutes(
        forum=_forum(HOSTILE), items=(hostile_item,), amendments=HOSTILE, next_meeting=HOSTILE,
        matters_arising=(MatterArising("R/0", HOSTILE, HOSTILE, LONG, date(2026, 1, 2)),),
        attendance=(AgencyAttendance(HOSTILE, present=(AttendeeLine(HOSTILE, HOSTILE),),
                                     guests=(AttendeeLine(HOSTILE),)),),
    )
    target = tmp_path / "m.docx"
    export_minutes_docx(target, minutes, _info(title=HOSTILE))
    assert zipfile.ZipFile(target).testzip() is None
    doc = open_docx(target)
    text = body_text(doc)
    visible = "Ctrl end  <b>bold</b> &amp; <script>alert(1)</script> Ωμέγα 日本語 عربى 👍"
    assert squash(visible) in squash(text)  # the controls and the lone surrogate dropped, the rest kept as text
    assert "\x00" not in text and "\x1b" not in text
    assert "word4999" in text
    assert doc.core_properties.title.startswith("Ctrl end")
    xml = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml  # escaped, never markup


def test_agenda_docx(tmp_path: Path) -> None:
    items = [
        AgendaItem(1, 7, 1, "Welcome", presenter="Chair", minutes_allowed=5),
        AgendaItem(2, 7, 2, "Housing", presenter="Aisha Hughes", minutes_allowed=20),
        AgendaItem(3, 7, 1, "Temporary accommodation", parent_id=2, minutes_allowed=10),
        AgendaItem(4, 7, 3, HOSTILE),
    ]
    target = tmp_path / "a.docx"
    info = replace(_info(draft=False, title="BCSP: agenda for 10/11/2026"), subject="Agenda")
    export_agenda_docx(target, _forum(), _meeting(), items, info)
    doc = open_docx(target)
    text = squash(body_text(doc))
    for expected in ("Agenda", "Tuesday 10/11/2026, 10:00 to 12:00", "Civic Centre, Room 2", "Welcome", "Housing",
                     "2.1 Temporary accommodation", "Aisha Hughes", "10:00, 5 min", "10:05, 30 min", "10:35"):
        assert squash(expected) in text, expected
    assert {t.style.name for t in doc.tables} == {"ForumDesk Table"}
    assert all("OFFICIAL-SENSITIVE" in t for _, _, t in headers_and_footers(doc))
    assert "DRAFT" not in header_text(doc)
    assert languages(doc) == {"en-GB"}
