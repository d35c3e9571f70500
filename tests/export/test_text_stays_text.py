"""Property tests: arbitrary text through the XLSX, CSV and PDF exporters comes back equal, and never
becomes a formula, a link or an image."""

from __future__ import annotations

import csv
import string
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from export import samples
from export.conftest import pdf_images_and_links, pdf_pages, squash
from forumdesk.export.action_log import ActionLogOptions, export_action_log_pdf
from forumdesk.export.csv_export import export_actions_csv
from forumdesk.export.text import csv_unneutralise
from forumdesk.export.xlsx import export_actions_xlsx

# Anything XML 1.0 can hold (XLSX is XML): no C0 controls but tab, LF and CR; no surrogates or non-characters.
xml_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff",
                  min_codepoint=0x20) | st.sampled_from("\t\n\r=+-@<>&'\""),
    max_size=60,
)
formula_like = st.tuples(st.sampled_from("=+-@\t\r"), xml_text).map("".join)
# For PDFs: simple strings of printable characters the bundled font covers; compared without whitespace.
pdf_alphabet = string.ascii_letters + string.digits + "<>&=+-@'\"/;:!?()[]{}%£€#*_ " + "éüßøłŁčğıÖÇñåæœЖжΩω"
pdf_text = st.text(st.sampled_from(pdf_alphabet), min_size=1, max_size=40).filter(lambda s: s.strip())

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _row(text: str) -> list:  # type: ignore[type-arg]
    return [samples.action(1, description=text, owner_name=text, owner_org="", minute_ref=text)]


@SETTINGS
@given(st.one_of(xml_text, formula_like))
def test_xlsx_keeps_text_as_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "t.xlsx"
        export_actions_xlsx(target, _row(text), samples.info(), samples.TODAY)
        ws = load_workbook(target)["Action log"]
        for ref in ("D2", "E2", "F2"):
            cell = ws[ref]
            if text == "":
                assert cell.value is None
                continue
            assert cell.value == text
            assert cell.data_type == "s" and cell.hyperlink is None
        with zipfile.ZipFile(target) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
            assert "<f>" not in sheet and "hyperlink" not in sheet.lower()
            assert not any(n.startswith("xl/media") or "drawing" in n for n in archive.namelist())


@SETTINGS
@given(st.one_of(xml_text, formula_like))
def test_csv_round_trips_and_neutralises(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "t.csv"
        export_actions_csv(target, _row(text), samples.TODAY)
        with target.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        description = rows[1][4]
        assert not description.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert csv_unneutralise(description) == text


@SETTINGS
@given(pdf_text)
def test_pdf_prints_text_literally(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "t.pdf"
        export_action_log_pdf(target, _row(text), samples.info(), ActionLogOptions(samples.TODAY, group_by=""))
        printed = squash("".join(pdf_pages(target)))
        assert squash(text) in printed
        assert pdf_images_and_links(target) == []
