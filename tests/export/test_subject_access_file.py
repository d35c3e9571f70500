"""The subject access file, which goes to a member of the public: whatever the text, the CSV reads back
as exactly that text (formula-like values behind the action log's leading quote) and the JSON as strings."""

from __future__ import annotations

import csv
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from export.test_text_stays_text import SETTINGS, formula_like, xml_text
from forumdesk.domain.model import Person
from forumdesk.domain.privacy import PersonalRecord, SubjectAccessReport
from forumdesk.export.subject_access import export_subject_access
from forumdesk.export.text import csv_unneutralise

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _report(text: str) -> SubjectAccessReport:
    person = Person(7, text, role=text, organisation=text, email=text)
    records = (PersonalRecord("action update", 3, "2026-11-25", text, text),)
    return SubjectAccessReport(person, datetime(2026, 11, 25, 10, 0, tzinfo=UTC), records)


@SETTINGS
@given(st.one_of(xml_text, formula_like))
def test_the_csv_keeps_every_value_as_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "sar.csv"
        export_subject_access(target, _report(text), "csv")
        with target.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    assert [(csv_unneutralise(r["where"]), csv_unneutralise(r["text"])) for r in rows] == [(text, text)]
    assert not any(value.startswith(FORMULA_START) for r in rows for value in r.values())


@SETTINGS
@given(st.one_of(xml_text, formula_like))
def test_the_json_holds_the_text_as_strings(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "sar.json"
        export_subject_access(target, _report(text), "json")
        data = json.loads(target.read_text(encoding="utf-8"))
    assert data["person"]["name"] == text and data["records"][0]["text"] == text
