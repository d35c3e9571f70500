"""How typed text prints in the PDFs (issue 15, item 15): blank lines between paragraphs kept, emoji readable
instead of an empty box, and a last page never holding only the signature line."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile

from export import samples
from export.conftest import pdf_pages, squash
from forumdesk.domain.minutes import MinutesItem
from forumdesk.export.action_log import ActionLogOptions, export_action_log_pdf
from forumdesk.export.minutes import export_minutes_pdf
from forumdesk.resources import resource_path

EMOJI_TEXT = "Launch went well 👍🏽 and the hub is open ✅ 🚀"
SPELLED = "Launch went well [thumbs up sign] and the hub is open [white heavy check mark] [rocket]"


def _minutes(tmp_path: Path, items: tuple[MinutesItem, ...], name: str = "minutes.pdf") -> Path:
    target = tmp_path / name
    doc = replace(samples.minutes(), items=items, next_meeting="Tuesday 12/01/2027, 10:00, Committee Room 2")
    export_minutes_pdf(target, doc, samples.info("Minutes", doc.marking))
    return target


def _baselines(pdf: Path) -> dict[str, list[float]]:
    """The y position of each word's box (from the top of its page), by word."""
    html = pdf.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(html)], check=True, capture_output=True, timeout=60)
    found: dict[str, list[float]] = {}
    for word, y in ((w, float(y)) for y, w in re.findall(r'yMax="([\d.]+)">(.*?)</word>', html.read_text("utf-8"))):
        found.setdefault(word, []).append(y)
    return found


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed")
def test_a_blank_line_between_paragraphs_is_printed(tmp_path: Path) -> None:
    item = MinutesItem("2", "Town centre plan", notes="Violence fell by twelve percent.\n\nTaximarshals discussed.",
                       decisions=("Funding agreed.\n\nReview in March.",))
    target = _minutes(tmp_path, (item,))
    y = _baselines(target)
    line = 13  # the body text's leading
    assert y["Taximarshals"][0] - y["percent."][0] >= 2 * line - 1  # an empty line between, not 4 points
    assert y["Review"][0] - y["Funding"][0] >= 2 * 11 - 1  # the same in a table cell (leading 11)
    log = tmp_path / "log.pdf"
    update = samples.action(1).latest_update
    assert update is not None
    action = samples.action(1, description="First paragraph.\n\nSecondparagraph here.",
                            latest_update=replace(update, text="Done.\n\nAgreed."))
    export_action_log_pdf(log, [action], samples.info(), ActionLogOptions(samples.TODAY))
    y = _baselines(log)
    assert y["Secondparagraph"][0] - y["First"][0] >= 2 * 8.8 - 1  # the log's leading is 8.8


def _printable() -> set[int]:
    covered = [set(TTFontFile(str(resource_path("fonts", f))).charToGlyph)
               for f in ("DejaVuSans.ttf", "DejaVuSansCondensed.ttf")]
    return covered[0] & covered[1]


def test_emoji_print_as_their_names_not_as_boxes(tmp_path: Path) -> None:
    item = MinutesItem("2", "Hub launch 🚀", notes=EMOJI_TEXT, decisions=(EMOJI_TEXT,))
    minutes = _minutes(tmp_path, (item,))
    log = tmp_path / "log.pdf"
    update = samples.action(1).latest_update
    assert update is not None
    export_action_log_pdf(log, [samples.action(1, description=EMOJI_TEXT, latest_update=replace(update,
                          text=EMOJI_TEXT))], samples.info(), ActionLogOptions(samples.TODAY))
    printable = _printable()
    for pdf, expected, has_item_title in ((minutes, 2, True), (log, 2, False)):
        text = "".join(pdf_pages(pdf))
        assert squash(text).count(squash(SPELLED)) == expected, pdf.name
        assert ("Hub launch [rocket]" in text) is has_item_title, pdf.name  # the log has no agenda items
        missing = {c for c in text if not c.isspace() and ord(c) not in printable}
        assert missing == set(), f"{pdf.name} prints {missing} as boxes"


def test_the_signature_never_stands_alone_on_the_last_page(tmp_path: Path) -> None:
    page_counts = set()
    for lines in range(36, 76, 2):
        notes = "\n".join(f"Point {n} of the discussion was noted." for n in range(1, lines + 1))
        item = MinutesItem("3", "Any other business", notes=notes)
        target = _minutes(tmp_path, (samples.minutes().items[0], item), f"m{lines}.pdf")
        pages = pdf_pages(target)
        page_counts.add(len(pages))
        last = squash(pages[-1])
        assert "Signed(Chair)" in last
        assert squash(f"Point {lines} of the discussion was noted.") in last, f"{lines} lines: signature alone"
    assert len(page_counts) > 1  # the notes cross a page boundary somewhere in the range
    reader = PdfReader(str(target))
    assert len(reader.pages) == max(page_counts)
