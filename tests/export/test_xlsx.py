"""The XLSX action log read back with openpyxl (and, where installed, opened by LibreOffice)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from export import samples
from forumdesk.domain.enums import Marking
from forumdesk.export.columns import HEADERS
from forumdesk.export.xlsx import export_actions_xlsx


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    rows = samples.actions(30)
    rows[5] = samples.action(5, description="=HYPERLINK(\"http://evil.example\",\"click\")", owner_name="@SUM(A1)")
    rows[6] = samples.action(6, description="+44 1268 000000", minute_ref="-1")
    history = [(a, a.latest_update) for a in rows if a.latest_update is not None]
    target = tmp_path / "log.xlsx"
    export_actions_xlsx(target, rows, samples.info("Action log: all forums", Marking.OFFICIAL_SENSITIVE),
                        samples.TODAY, history)
    return target


def test_content_dates_and_text(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    ws = wb["Action log"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.max_row == 31
    raised = ws["B2"]
    assert raised.value == datetime(2026, 3, 1) and raised.number_format == "dd/mm/yyyy" and raised.is_date
    evil = ws["E7"]
    assert evil.value == "=HYPERLINK(\"http://evil.example\",\"click\")"
    assert evil.data_type == "s" and evil.hyperlink is None
    assert ws["F7"].value.startswith("@SUM(A1)") and ws["F7"].data_type == "s"
    assert ws["E8"].value == "+44 1268 000000" and ws["D8"].value == "-1" and ws["D8"].data_type == "s"
    names = " ".join(str(c.value) for row in ws.iter_rows(min_row=2) for c in row)
    for name in samples.NAMES:
        assert name in names
    assert samples.MARKUP in names
    assert ws["J6"].value == "Green*"  # an override is marked
    assert ws["E2"].alignment.wrap_text


def test_layout_formatting_and_print_setup(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    ws = wb["Action log"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:L31"
    assert ws.column_dimensions["E"].width == 50
    rules = {rule.formula[0] for cf in ws.conditional_formatting for rule in cf.rules}
    assert 'LEFT($J2,3)="Red"' in rules and '$I2="Complete"' in rules
    assert "J2:J31" in [str(r) for cf in ws.conditional_formatting for r in cf.sqref.ranges]
    validation = ws.data_validations.dataValidation[0]
    assert validation.type == "list" and "In progress" in validation.formula1 and str(validation.sqref) == "I2:I31"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE" and ws.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert ws.oddFooter.right.text == "Page &P of &N"
    assert wb.properties.title == "Action log: all forums" and wb.properties.creator == "Tester"


def test_history_sheet(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["Update history"]
    assert [c.value for c in ws[1]] == ["Ref", "Action", "Date", "Update", "By"]
    assert ws.max_row == 31
    assert ws["C2"].value == datetime(2026, 11, 2) and ws["C2"].number_format == "dd/mm/yyyy"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(workbook_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "lo"
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(workbook_path)],
        check=True, capture_output=True, timeout=120,
    )
    with (out / "log.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(HEADERS)
    assert rows[1][1] == "01/03/2026"  # a real date, shown dd/mm/yyyy
    assert rows[6][4] == "=HYPERLINK(\"http://evil.example\",\"click\")"  # text, not evaluated
    assert any(samples.NAMES[0] in cell for row in rows for cell in row)
