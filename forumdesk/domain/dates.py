"""Dates as a UK reader means them: dd/mm/yyyy on screen and in documents, ISO in data.

``parse_uk_date`` accepts only forms that cannot be misread (``03/04/2025`` is 3 April, never 4 March);
anything else is refused with a message, never guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDY = re.compile(r"^(?:[a-z]+day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_RELATIVE = re.compile(r"^(?:in\s+)?(\d{1,3})\s+(day|week|month)s?$")


def format_uk_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def format_uk_datetime(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y %H:%M")


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def two_digit_year(yy: int) -> int:
    """``25`` is 2025 and ``99`` is 1999: a sliding window of 2000-2069 / 1970-1999."""
    return 2000 + yy if yy < 70 else 1900 + yy


def parse_uk_date(text: str) -> date:
    """Parse ``dd/mm/yyyy``, ``dd/mm/yy``, ``d Month yyyy`` or ISO ``yyyy-mm-dd``. Raises ``ValueError``."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise ValueError("no date given")
    try:
        if m := _ISO.match(cleaned):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.match(cleaned):
            year = int(m[3]) if len(m[3]) == 4 else two_digit_year(int(m[3]))
            return date(year, int(m[2]), int(m[1]))
        if (m := _WORDY.match(cleaned)) and m[2] in MONTHS:
            return date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a real date") from None
    raise ValueError(f"{text.strip()!r} is not a date: use dd/mm/yyyy")


def add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def parse_due_date(text: str, today: date, next_meeting: date | None = None) -> date:
    """A due date typed in the meeting room: a UK date, ``2 weeks``, ``10 days``, ``next meeting``, ``today``."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in ("next meeting", "by next meeting", "nm"):
        if next_meeting is None:
            raise ValueError("no next meeting is planned for this forum: type a date instead")
        return next_meeting
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    if m := _RELATIVE.match(cleaned):
        count, unit = int(m[1]), m[2]
        if unit == "day":
            return today + timedelta(days=count)
        if unit == "week":
            return today + timedelta(weeks=count)
        return add_months(today, count)
    return parse_uk_date(text)


# -- dates in imported trackers ---------------------------------------------------------------------------
# What secretaries type in a date column instead of a date. These become "no date" plus a note, never a date.
NO_DATE_WORDS = (
    "tbc", "tba", "tbd", "ongoing", "on going", "next meeting", "by next meeting", "nm", "asap", "n/a", "na",
    "none", "-", "–", "—", "?", "various", "continuous", "rolling", "quarterly", "monthly", "annually",
    "to be confirmed", "to be agreed", "not set", "no date",
)
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_EXCEL_SHORT = re.compile(r"^(\d{1,2})[\s\-/]([a-z]+)\.?[\s\-/](\d{2}|\d{4})$")


def is_no_date_word(text: str) -> bool:
    """``TBC``, ``ongoing``, ``next meeting`` and the like: a date column saying there is no date yet."""
    cleaned = " ".join(text.strip().lower().rstrip(".").split())
    return cleaned in NO_DATE_WORDS


def parse_tracker_date(text: str) -> date:
    """A date as typed in a spreadsheet tracker; raises ``ValueError`` for anything a UK reader could misread.

    Accepted, besides what ``parse_uk_date`` accepts (``dd/mm/yyyy``, ``dd/mm/yy``, ``d Month yyyy``, ISO):
    Excel's short form ``3-Apr-25`` / ``03 Apr 2025``, and month-first with the month *spelt out*
    (``April 3 2025``, ``April 3, 2025``): with the month in words there is only one reading, so it is
    taken. All-number dates are always day first: ``03/04/2025`` is 3 April; ``04/13/2025`` is refused
    (there is no 13th month), never swapped. A month without a day (``March 2025``) is refused.
    """
    cleaned = " ".join(text.strip().lower().split())
    try:
        if (m := _MONTH_FIRST.match(cleaned)) and m[1] in MONTHS:
            return date(int(m[3]), MONTHS[m[1]], int(m[2]))
        if (m := _EXCEL_SHORT.match(cleaned)) and m[2] in MONTHS:
            year = int(m[3]) if len(m[3]) == 4 else two_digit_year(int(m[3]))
            return date(year, MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a real date") from None
    return parse_uk_date(text)
