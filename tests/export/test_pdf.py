"""The PDF exporters, read back with pypdf: content, marking on every page, page numbers, bookmarks."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from export import samples
from export.conftest import pdf_images_and_links, pdf_pages, squash
from forumdesk.domain.enums import Marking, MinutesStatus
from forumdesk.domain.model import AgendaItem
from forumdesk.export.action_log import ActionLogOptions, export_action_log_pdf, export_chase_list_pdf
from forumdesk.export.board_pack import AreaProgress, BoardPack, export_board_pack_pdf
from forumdesk.export.minutes import export_minutes_pdf


def _assert_marked(pages: list[str], marking: str) -> None:
    for number, text in enumerate(pages, start=1):
        assert text.count(marking) >= 2, f"page {number} lacks the marking top and bottom"
        assert f"Page{number}of{len(pages)}" in squash(text)


def test_action_log_prints_every_row_names_and_markup(tmp_path: Path) -> None:
    target = tmp_path / "log.pdf"
    rows = samples.actions(120)
    export_action_log_pdf(target, rows, samples.info(), ActionLogOptions(samples.TODAY, "All forums"))
    pages = pdf_pages(target)
    text = squash("".join(pages))
    assert len(pages) > 1
    _assert_marked(pages, "OFFICIAL")
    for a in rows:
        assert squash(a.ref) in text
    for name in samples.NAMES:
        assert squash(name) in text
    assert squash(samples.MARKUP) in text  # printed literally, not swallowed as markup
    assert "Green*" in text  # the override is shown
    assert squash("Basildon Community Safety Partnership") in text and "DomesticAbuseBoard" in text
    assert "Redoverdue".lower() in text.lower().replace(":", "")
    meta = PdfReader(str(target)).metadata
    assert meta is not None and meta.title == "Action log"


def test_action_log_is_landscape_a4(tmp_path: Path) -> None:
    target = tmp_path / "log.pdf"
    export_action_log_pdf(target, samples.actions(5), samples.info(), ActionLogOptions(samples.TODAY))
    box = PdfReader(str(target)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_a_row_taller_than_a_page_continues_on_the_next(tmp_path: Path) -> None:
    target = tmp_path / "log.pdf"
    long_text = " ".join(f"word{i}" for i in range(3000))
    export_action_log_pdf(target, [samples.action(1, description=long_text)], samples.info(),
                          ActionLogOptions(samples.TODAY))
    text = squash("".join(pdf_pages(target)))
    assert "word0" in text and "word2999" in text


def test_empty_action_log_says_so(tmp_path: Path) -> None:
    target = tmp_path / "log.pdf"
    export_action_log_pdf(target, [], samples.info(), ActionLogOptions(samples.TODAY))
    assert "No actions match." in pdf_pages(target)[0]


def test_chase_list(tmp_path: Path) -> None:
    target = tmp_path / "chase.pdf"
    rows = [a for a in samples.actions(12) if a.is_open]
    export_chase_list_pdf(target, "Zoë Łukasiewicz (Essex Police)", rows,
                          samples.info("Chase list", Marking.OFFICIAL_SENSITIVE), samples.TODAY)
    pages = pdf_pages(target)
    _assert_marked(pages, "OFFICIAL-SENSITIVE")
    text = squash("".join(pages))
    assert squash("Actions for Zoë Łukasiewicz") in text
    assert squash(f"{len(rows)} open actions across 2 forums") in text


@pytest.mark.parametrize("status", [MinutesStatus.DRAFT, MinutesStatus.AGREED])
def test_minutes(tmp_path: Path, status: MinutesStatus) -> None:
    target = tmp_path / "minutes.pdf"
    doc = samples.minutes(status)
    watermark = "DRAFT" if doc.is_draft else ""
    export_minutes_pdf(target, doc, samples.info("Minutes", doc.marking, watermark))
    pages = pdf_pages(target)
    _assert_marked(pages, "OFFICIAL-SENSITIVE")
    text = squash("".join(pages))
    for expected in ("Attendance", "Basildon Borough Council", samples.NAMES[0],
                     "Tomás García (for Ch Insp. Halvorsen)",
                     "The meeting was quorate (3 agencies represented; the rule is 3 agencies)",
                     "The plan was endorsed.", "BCSP/26/041", "Matters arising", "BCSP/26/018", samples.MARKUP,
                     "Tuesday 10/11/2026, 10:00 to 12:00"):
        assert squash(expected) in text, expected
    assert ("DRAFT" in text) is doc.is_draft
    if not doc.is_draft:
        assert squash("Agreed as a correct record on 12/01/2027") in text
        assert squash("Amendments agreed") in text


def test_board_pack_has_contents_bookmarks_and_parts(tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    minutes = samples.minutes()
    agenda = [AgendaItem(i, 2, i, title, presenter="Chair") for i, title in
              enumerate(("Welcome", "Minutes and matters arising", "Any other business"), start=1)]
    pack = BoardPack(minutes.forum, minutes.meeting, agenda, minutes, [a for a in samples.actions(40) if a.is_open],
                     [AreaProgress("DA", "Domestic Abuse", 5, 2, 7), AreaProgress("HC", "Hate Crime", 1, 0, 0)],
                     samples.TODAY)
    export_board_pack_pdf(target, pack, samples.info("Board pack", Marking.OFFICIAL_SENSITIVE))
    reader = PdfReader(str(target))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == ["Agenda", "Minutes of the previous meeting", "Open action log", "Progress against the strategy"]
    pages = pdf_pages(target)
    _assert_marked(pages, "OFFICIAL-SENSITIVE")
    contents = reader.pages[0].extract_text(extraction_mode="layout")
    for title in titles:
        number = reader.get_destination_page_number(next(o for o in reader.outline if o.title == title)) + 1
        lines = [line.strip() for line in contents.splitlines()]
        assert any(line.startswith(title) and line.endswith(f". {number}") for line in lines), (title, number)
    landscape = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert landscape, "the action log pages are landscape"
    assert "Domestic Abuse" in pages[-1] and "Overdue" in pages[-1]
    assert pdf_images_and_links(target) == []
