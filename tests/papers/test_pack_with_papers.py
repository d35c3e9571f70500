"""Acceptance (issue 16, papers): a board pack with three attached PDF papers, made by other producers, read
back with pypdf. Every page reads; "Page x of y" runs 1..N over the whole pack; every page carries the raised
marking at its top and at its bottom; the contents' page numbers are the bookmarks' targets; a corrupt or an
encrypted paper is refused in one line at attach time and nothing is written."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from forumdesk.cli import main
from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ValidationError
from forumdesk.services import Services
from tests.papers import files

pytestmark = pytest.mark.slow


def dump(path: Path) -> list[Any]:
    conn = sqlite3.connect(path)
    try:
        return [(t, sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
                for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                if not t.startswith("sqlite_")]
    finally:
        conn.close()


@pytest.fixture
def meeting(services: Services) -> int:
    forum = services.forums.create("Harlow Community Safety Partnership").value  # OFFICIAL
    meeting_id = services.cycle.plan_meeting(forum, datetime(2026, 12, 8, 10, 0)).value
    return int(meeting_id)


def make_papers(folder: Path) -> dict[str, Path]:
    odd = folder / "Réunion #3 ça"
    odd.mkdir()
    long = files.reportlab_pdf(odd / "Night-time économie #40.pdf", 40, title="Night-time economy")
    source = files.reportlab_pdf(folder / "src-landscape.pdf", 2, size=files.landscape_size(), title="Landscape")
    wide = files.pypdf_rewritten(odd / "Hotspot map (landscape).pdf", source)
    turned = files.pypdf_rewritten(folder / "Rotated return.pdf", files.reportlab_pdf(
        folder / "src-rotated.pdf", 1, title="Rotated"), rotate=90)
    text = "OFFICIAL-SENSITIVE\n\nMARAC partner agency report\n\n" + "Case review narrative.\n" * 30
    sensitive = files.libreoffice_pdf(folder / "MARAC report.pdf", text)
    if sensitive is None:  # no LibreOffice here: the same text, written by reportlab then pypdf
        sensitive = files.pypdf_rewritten(folder / "MARAC report.pdf", files.reportlab_pdf(
            folder / "src-marac.pdf", 1, first_line="OFFICIAL-SENSITIVE", title="MARAC"))
    return {"long": long, "wide": wide, "turned": turned, "sensitive": sensitive}


def positioned_text(page: Any) -> list[tuple[str, float]]:
    """Each piece of text on the page with its baseline height in the page's own space."""
    out: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((text.strip(), y))

    page.extract_text(visitor_text=visit)
    return out


def test_three_papers_merge_with_continuous_numbers_raised_marking_and_matching_contents(
    services: Services, meeting: int, tmp_path: Path
) -> None:
    papers = make_papers(tmp_path)
    items = services.cycle.items(meeting)
    numbers = [i.minute_ref for i in items]
    assert len(numbers) >= 4
    services.papers.add(meeting, numbers[3], papers["long"])
    services.papers.add(meeting, numbers[2], papers["wide"])
    services.papers.add(meeting, numbers[2], papers["turned"])
    added = services.papers.add(meeting, numbers[1], papers["sensitive"]).value
    assert added.marking is Marking.OFFICIAL_SENSITIVE and added.pages >= 1  # read from its first page
    listed = services.papers.list(meeting)
    assert [p.item_number for p in listed] == [numbers[1], numbers[2], numbers[2], numbers[3]]  # agenda order

    target = tmp_path / "Pack #1 à.pdf"
    result = services.exports.export_board_pack(meeting, target)
    assert result.marking is Marking.OFFICIAL_SENSITIVE  # the paper raised the OFFICIAL forum's pack

    reader = PdfReader(str(target))
    total = len(reader.pages)
    paper_pages = sum(p.pages for p in listed)
    assert total > paper_pages + 4
    texts = [page.extract_text() or "" for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        found = re.findall(r"Page (\d+) of\s*(\d+)", text)  # reportlab draws "y" as a form: a line break
        assert found == [(str(number), str(total))], (number, found)
        assert "OFFICIAL-SENSITIVE" in text, number
    # every page: the marking at its top and at its bottom, within the visible page
    for number, page in enumerate(reader.pages, start=1):
        box = page.cropbox
        bottom, top = float(box.bottom), float(box.top)
        heights = [y for text, y in positioned_text(page) if text == "OFFICIAL-SENSITIVE"]
        assert any(top - 20 * 2.835 < y < top for y in heights), (number, heights, top)
        assert any(bottom < y < bottom + 12 * 2.835 for y in heights), (number, heights, bottom)
        assert page.get("/Rotate", 0) in (0, None)  # turned the right way up for the stamp
    # the papers' own pages are in, in agenda order, each after its cover sheet
    joined = "\n".join(texts)
    assert joined.index("MARAC partner agency report") < joined.index("Landscape: paper page 1") < joined.index(
        "Rotated: paper page 1") < joined.index("Night-time economy: paper page 40")
    assert all(f"Night-time economy: paper page {n}" in joined for n in range(1, 41))
    agenda = next(text for text in texts if "Agenda\n" in text and "Lead" in text)
    assert "Paper: MARAC report.pdf" in agenda and "Paper: Rotated return.pdf" in agenda  # named under the item
    assert "Night-time economy footer text 40" in joined  # stamping covers only the stamp's own place
    landscape = [p for p in reader.pages if float(p.cropbox.width) > float(p.cropbox.height)]
    assert len(landscape) >= 4  # the action log's and the landscape paper's (and the rotated one)

    # contents page numbers == bookmark targets, one bookmark per part and per paper
    def flatten(outline: list[Any]) -> list[Any]:
        return [x for o in outline for x in (flatten(o) if isinstance(o, list) else [o])]

    marks = flatten(reader.outline)
    titles = [m.title for m in marks]
    assert titles[:5] == ["Agenda", "Minutes of the previous meeting", "Open action log",
                          "Progress against the strategy", "Papers"]
    assert [t for t in titles if t.startswith("Item ")] == [f"Item {p.item_number}: {p.title}" for p in listed]
    contents = "\n".join(reader.pages[n].extract_text(extraction_mode="layout") for n in range(2))
    lines = [" ".join(line.split()) for line in contents.splitlines()]
    for mark in marks:
        target_page = reader.get_destination_page_number(mark) + 1
        assert any(line.startswith(mark.title) and line.endswith(f". {target_page}") for line in lines), (
            mark.title, target_page)
        if mark.title.startswith("Item "):
            assert "PAPER FOR ITEM" in texts[target_page - 1]  # the bookmark opens the paper's cover sheet
            paper = next(p for p in listed if mark.title.endswith(p.title))
            assert texts[target_page - 1].count(paper.file_name.split(" ")[0]) >= 1


@pytest.mark.parametrize("make", ["corrupt", "encrypted", "empty", "docx-named-pdf", "pdf-named-docx", "txt"])
def test_a_bad_paper_is_refused_in_one_line_and_nothing_is_written(
    services: Services, meeting: int, db_path: Path, tmp_path: Path, make: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "Papiers #2"
    folder.mkdir()
    path = {
        "corrupt": lambda: files.corrupt_pdf(folder / "Brôken #1.pdf"),
        "encrypted": lambda: files.encrypted_pdf(folder / "Locked #1.pdf"),
        "empty": lambda: files.written(folder / "Empty.pdf", b""),
        "docx-named-pdf": lambda: files.docx_paper(folder / "x.docx").rename(folder / "Looks like.pdf"),
        "pdf-named-docx": lambda: files.reportlab_pdf(folder / "x.pdf", 1).rename(folder / "Looks like.docx"),
        "txt": lambda: files.written(folder / "notes.txt", b"hello"),
    }[make]()
    before = dump(db_path)
    with pytest.raises(ValidationError) as refused:
        services.papers.add(meeting, "1", path)
    message = str(refused.value)
    assert "\n" not in message and path.name in message and "nothing was attached" in message
    assert dump(db_path) == before
    assert main(["papers", "add", "--db", str(db_path), "--meeting", str(meeting), "--item", "1", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and path.name in err
    assert dump(db_path) == before


def test_the_stamp_is_centred_within_the_visible_page_of_an_offset_cropped_turned_paper(
    services: Services, meeting: int, tmp_path: Path
) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject
    from reportlab.pdfbase import pdfmetrics

    from forumdesk.export import pdf_base

    source = files.reportlab_pdf(tmp_path / "src.pdf", 1, size=(700, 900), title="Cropped")
    writer = PdfWriter(clone_from=str(source))
    page = writer.pages[0]
    page.mediabox = RectangleObject([0, 0, 700, 900])
    page.cropbox = RectangleObject([40, 60, 640, 860])  # the visible page: 600 x 800, offset
    page.rotate(270)
    cropped = tmp_path / "Cropped and turned.pdf"
    with open(cropped, "wb") as out:
        writer.write(out)
    services.papers.add(meeting, "2", cropped)
    target = tmp_path / "pack.pdf"
    services.exports.export_board_pack(meeting, target)
    reader = PdfReader(str(target))
    stamped = reader.pages[-1]
    assert "Cropped: paper page 1" in (stamped.extract_text() or "")
    box = stamped.cropbox
    assert (round(float(box.width)), round(float(box.height))) == (800, 600)  # turned: landscape as seen
    width = pdfmetrics.stringWidth("OFFICIAL", pdf_base.FONT_BOLD, 10)
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip() == "OFFICIAL":
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    stamped.extract_text(visitor_text=visit)
    assert len(found) == 2
    centre = (float(box.left) + float(box.right)) / 2
    assert all(abs(x + width / 2 - centre) < 1 for x, _ in found), (found, centre)
    heights = sorted(y for _, y in found)
    assert float(box.bottom) < heights[0] < float(box.bottom) + 12 * 2.835
    assert float(box.top) - 20 * 2.835 < heights[1] < float(box.top)


def test_papers_land_right_when_the_contents_grow_a_page_between_passes(
    services: Services, meeting: int, tmp_path: Path
) -> None:
    """Sixteen papers: the contents run onto a second page in the later passes, moving every page after
    them by one. Each paper's page must still follow its own cover sheet (no cover sheet swapped out)."""
    numbers = [i.minute_ref for i in services.cycle.items(meeting)]
    for n in range(16):
        services.papers.add(meeting, numbers[n % len(numbers)], files.reportlab_pdf(
            tmp_path / f"Paper {n:02}.pdf", 1, title=f"Paper {n:02}"))
    target = tmp_path / "pack.pdf"
    services.exports.export_board_pack(meeting, target)
    reader = PdfReader(str(target))
    texts = [page.extract_text() or "" for page in reader.pages]
    covers = [n for n, text in enumerate(texts) if "PAPER FOR ITEM" in text]
    assert len(covers) == 16
    for n in covers:
        title = next(line for line in texts[n].splitlines() if line.startswith("Paper ") and "FOR" not in line)
        assert f"{title}: paper page 1" in texts[n + 1], (n, title)
