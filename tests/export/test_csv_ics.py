"""CSV (UTF-8 with BOM, neutralised formulas) and ICS (stable UIDs, Europe/London) read back."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from export import samples
from forumdesk.domain.enums import Marking, MeetingStatus
from forumdesk.domain.model import AgendaItem, Meeting
from forumdesk.export.columns import HEADERS
from forumdesk.export.csv_export import export_actions_csv
from forumdesk.export.ics import export_calendar_ics
from forumdesk.export.text import csv_unneutralise


def test_csv_has_bom_columns_and_neutralised_text(tmp_path: Path) -> None:
    rows = samples.actions(10)
    rows[0] = samples.action(0, description="=1+1", owner_name="-Zoë")
    target = tmp_path / "log.csv"
    export_actions_csv(target, rows, samples.TODAY)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.reader(handle))
    assert read[0] == list(HEADERS)
    assert read[1][4] == "'=1+1" and csv_unneutralise(read[1][4]) == "=1+1"
    assert read[1][5].startswith("'-Zoë")
    assert read[1][1] == "01/03/2026"
    assert read[5][4] == samples.MARKUP
    assert len(read) == 11


def _meetings() -> list[Meeting]:
    return [
        Meeting(7, 3, datetime(2026, 7, 14, 10, 0), datetime(2026, 7, 14, 12, 0), "Basildon CSP", venue="Room 2"),
        Meeting(8, 3, datetime(2026, 12, 8, 9, 30), None, "Basildon CSP", title="Łódź visit", link="https://x",
                status=MeetingStatus.CANCELLED),
    ]


def test_ics_events_are_stable_and_in_london_time(tmp_path: Path) -> None:
    agenda = {7: [AgendaItem(1, 7, 1, "Welcome", presenter="Zoë Łukasiewicz"), AgendaItem(2, 7, 2, "Actions")]}
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export_calendar_ics(first, _meetings(), agenda, {8: Marking.OFFICIAL_SENSITIVE}, "Basildon CSP",
                        datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    export_calendar_ics(second, _meetings(), agenda, {}, "Basildon CSP", datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    one, two = (Calendar.from_ical(p.read_bytes()) for p in (first, second))
    events = list(one.walk("VEVENT"))
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in two.walk("VEVENT")]
    assert len({str(e["uid"]) for e in events}) == 2
    summer, winter = events
    assert str(summer.decoded("dtstart").tzinfo) == "Europe/London"
    assert summer.decoded("dtstart").utcoffset().total_seconds() == 3600  # BST
    assert winter.decoded("dtstart").utcoffset().total_seconds() == 0  # GMT
    assert winter.decoded("dtend") - winter.decoded("dtstart") == timedelta(hours=2)  # no end given
    assert summer.decoded("dtstamp") == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert str(summer["location"]) == "Room 2"
    assert "1. Welcome (Zoë Łukasiewicz)" in str(summer["description"])
    assert "Marking: OFFICIAL-SENSITIVE" in str(winter["description"])
    assert str(winter["status"]) == "CANCELLED" and str(winter["summary"]) == "Basildon CSP: Łódź visit"
    assert next(iter(one.walk("VTIMEZONE")))["tzid"] == "Europe/London"
    second_events = list(two.walk("VEVENT"))
    assert int(second_events[0]["sequence"]) > int(summer["sequence"])
