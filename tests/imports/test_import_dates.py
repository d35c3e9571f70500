"""Dates in trackers: every accepted string parses to the date a UK reader means; everything else is
refused with a message, never guessed (``13/25/2025`` refused, ``3/4/25`` is 3 April 2025)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumdesk.domain.dates import is_no_date_word, parse_tracker_date
from forumdesk.imports.values import CellProblem, NoDate, read_date

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

UK_FORMS = [
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}",
    lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day} {d.year}",  # month spelt out first: one reading only
    lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day}-{MONTH_NAMES[d.month - 1][:3]}-{d.year}",
    lambda d: f"  {d.day:02d}/{d.month:02d}/{d.year}  ",
]
TWO_DIGIT_FORMS = [
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    lambda d: f"{d.day}/{d.month}/{d.year % 100:02d}",
    lambda d: f"{d.day}-{MONTH_NAMES[d.month - 1][:3]}-{d.year % 100:02d}",
]


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.sampled_from(UK_FORMS))
def test_every_accepted_form_gives_the_date_a_uk_reader_means(day: date, form: object) -> None:
    assert parse_tracker_date(form(day)) == day  # type: ignore[operator]


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)), st.sampled_from(TWO_DIGIT_FORMS))
def test_two_digit_years_fall_in_1970_to_2069(day: date, form: object) -> None:
    assert parse_tracker_date(form(day)) == day  # type: ignore[operator]


@given(
    st.integers(0, 99),
    st.integers(0, 99),
    st.integers(1, 9999) | st.integers(0, 99),
    st.sampled_from(["/", ".", "-"]),
    st.booleans(),
)
def test_all_number_dates_are_day_first_and_never_swapped(
    first: int, second: int, year: int, sep: str, pad: bool
) -> None:
    """An all-number date is read day/month/year or refused: never re-read month-first to make it fit."""
    text = f"{first:02d}{sep}{second:02d}{sep}{year}" if pad else f"{first}{sep}{second}{sep}{year}"
    four_digit = len(str(year)) == 4
    two_digit = len(str(year)) == 2
    full_year = year if four_digit else (2000 + year if year < 70 else 1900 + year)
    try:
        expected = date(full_year, second, first) if (four_digit or two_digit) else None
    except ValueError:
        expected = None
    if expected is None:
        with pytest.raises(ValueError):
            parse_tracker_date(text)
    else:
        assert parse_tracker_date(text) == expected


@given(st.text(max_size=30))
def test_any_text_is_parsed_as_written_or_refused_with_a_message(text: str) -> None:
    try:
        result = parse_tracker_date(text)
    except ValueError as error:
        assert str(error)  # a message the report can show
        return
    # Whatever was accepted names its day and year in the text itself: nothing was made up.
    digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
    assert str(result.day) in {d.lstrip("0") for d in digits}
    assert any(str(result.year).endswith(d) for d in digits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/4/25", date(2025, 4, 3)),
        ("03/04/2025", date(2025, 4, 3)),
        ("2025-04-03", date(2025, 4, 3)),
        ("April 3 2025", date(2025, 4, 3)),
        ("3rd April 2025", date(2025, 4, 3)),
        ("Thursday 3 April 2025", date(2025, 4, 3)),
        ("3-Apr-25", date(2025, 4, 3)),
        ("31/12/99", date(1999, 12, 31)),
    ],
)
def test_examples_accepted(text: str, expected: date) -> None:
    assert parse_tracker_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "13/25/2025",
        "04/13/2025",
        "31/02/2025",
        "March 2025",
        "2025/04/03",
        "45750",
        "3/4",
        "Q3 2025",
        "April 31 2025",
        "",
        "next Tuesday",
    ],
)
def test_examples_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_tracker_date(text)


@pytest.mark.parametrize("word", ["TBC", "tbc.", "Ongoing", "next meeting", "N/A", "To be confirmed", "-"])
def test_words_meaning_no_date_are_not_dates(word: str) -> None:
    assert is_no_date_word(word)
    with pytest.raises(NoDate):
        read_date(word)


def test_cells_read_as_dates() -> None:
    assert read_date(datetime(2025, 1, 14, 0, 0)) == date(2025, 1, 14)
    assert read_date(date(2025, 1, 14)) == date(2025, 1, 14)
    assert read_date(None) is None
    assert read_date("  ") is None
    assert read_date(45750) == date(2025, 4, 3)  # an Excel serial number stored as a number in a date column
    with pytest.raises(CellProblem, match="is a number, not a date"):
        read_date(4575)  # not a plausible serial (1912)
    assert read_date("11/20/2024 14:30", "mdy") == date(2024, 11, 20)  # an exporter's time is dropped
    assert read_date("03/04/2025", "mdy") == date(2025, 3, 4)
    assert read_date("03/04/2025") == date(2025, 4, 3)
    with pytest.raises(CellProblem, match="not a real date"):
        read_date("13/25/2025")
