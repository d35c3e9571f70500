"""The XLSX action log prints without overlapping rows (issue 15, item 8).

Wrapped cells need rows tall enough for their lines: LibreOffice (and Excel) keep the default 15-point height
for a row written without one, so a wrapped cell's second line printed over the next row. Each row's height
is compared with its wrapped line count, measured independently here with reportlab's ``simpleSplit`` and the
DejaVu Sans metrics (the font LibreOffice falls back to without Calibri; wider than Calibri), and the workbook
is printed through LibreOffice to PDF, where no two words may overlap. The history sheet's "By" is filled.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reportlab.lib.utils import simpleSplit

from export.conftest import squash
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.export.pdf_base import FONT, register_fonts
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.exports import ExportFormat
from tests.conftest import TODAY

_SENTENCE = "Review the refuge referral pathway with the district councils and report back to the board. "
_LINE = 12.8  # DejaVu Sans 11 pt: one line's height in LibreOffice
_MAX_ROW = 409  # the tallest row a spreadsheet allows


@pytest.fixture
def logged(services: Services) -> Services:
    forum_id = services.forums.create("Printshire Community Safety Partnership").value
    person = services.directory.add_person("Siobhán Ó Briain", "Essex Police").value
    for n in range(24):
        text = f"Action {n}: " + _SENTENCE * (n % 5)
        action_id = services.actions.record(NewAction(forum_id, text, person, date(2026, 12, 1))).value
        for k in range(n % 3):
            update = f"Update {n}.{k}: " + "Partners agreed the draft.\n\nNext steps are set. " * (n % 4 + k)
            services.actions.add_update(action_id, update.strip(), author="Tom Secretary")
    return services


def _lines(text: str, width_chars: float, font: str) -> int:
    """Wrapped lines of ``text`` in a column ``width_chars`` wide (7 px, 5.25 pt, per character, less padding)."""
    register_fonts()
    usable = width_chars * 5.25 - 4
    return sum(max(1, len(simpleSplit(part, font, 11, usable))) for part in str(text).split("\n"))


def test_row_heights_fit_the_wrapped_lines_on_both_sheets(logged: Services, tmp_path: Path) -> None:
    target = tmp_path / "log.xlsx"
    logged.exports.export_actions(ActionQuery(sort=ActionSort.REF), ExportFormat.XLSX, target)
    wb = load_workbook(target)
    checked = 0
    for sheet in ("Action log", "Update history"):
        ws = wb[sheet]
        widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGHIJKL"}
        for row in ws.iter_rows():
            lines = max(
                _lines(cell.value, widths[cell.column_letter], FONT)
                for cell in row if cell.value is not None and cell.alignment.wrap_text
            )
            height = ws.row_dimensions[row[0].row].height or 15
            assert height >= min(_MAX_ROW, lines * _LINE), (sheet, row[0].row, lines, height)
            checked += lines > 1
    assert checked >= 20  # many rows really wrap


def test_the_history_sheet_says_who_gave_each_update(logged: Services, demo: Services, tmp_path: Path) -> None:
    for services in (logged, demo):
        target = tmp_path / "log.xlsx"
        services.exports.export_actions(ActionQuery(), ExportFormat.XLSX, target)
        ws = load_workbook(target)["Update history"]
        assert ws.max_row > 10
        assert [r[4].value for r in ws.iter_rows(min_row=2) if not r[4].value] == []


@pytest.fixture
def demo(demo_copy: Path) -> Services:
    services = open_services(demo_copy, today=lambda: TODAY)
    yield services
    services.close()


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    html = pdf.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(html)], check=True, capture_output=True, timeout=60)
    pages = html.read_text(encoding="utf-8").split("<page ")[1:]
    found = []
    for page in pages:
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)
        found.append([(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in words])
    return found


def _overlaps(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap (shrunk by a point, so neighbours touching do not count)."""
    boxes = sorted((y0 + 1, y1 - 1, x0 + 1, x1 - 1, w) for x0, y0, x1, y1, w in words)
    out = []
    for i, (_top, bottom, left, right, word) in enumerate(boxes):
        for other_top, _other_bottom, other_left, other_right, other in boxes[i + 1 :]:
            if other_top >= bottom:
                break
            if other_left < right and left < other_right:
                out.append((word, other))
    return out


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are needed")
def test_libreoffice_prints_it_without_overlapping_rows(logged: Services, tmp_path: Path) -> None:
    target = tmp_path / "log.xlsx"
    logged.exports.export_actions(ActionQuery(sort=ActionSort.REF), ExportFormat.XLSX, target)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "out"), str(target)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "out" / "log.pdf"
    pages = _words(pdf)
    assert len(pages) >= 2
    for number, words in enumerate(pages, start=1):
        assert _overlaps(words) == [], f"page {number}: words printed over each other"
    printed = squash("".join(w for page in pages for *_, w in page)).replace("&amp;", "&")
    assert squash("Action 4: " + _SENTENCE * 4) in printed  # a wrapped cell is printed whole
