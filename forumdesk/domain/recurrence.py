"""Meeting series: "the 2nd Tuesday of every 3rd month at 10:00", as dates. Stdlib only.

``SeriesRule`` names the weekday and its place in the month (1st..4th, or -1 for the last) and the
interval in months. ``occurrences`` lists the meeting dates from a first month on. Cancelling or moving one
occurrence is done on that meeting alone; the rule is never re-applied to meetings already planned.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time

from forumdesk.domain.errors import ValidationError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
MAX_OCCURRENCES = 60


@dataclass(frozen=True, slots=True)
class SeriesRule:
    weekday: int  # 0 Monday .. 6 Sunday
    nth: int  # 1..4, or -1 for the last such weekday of the month
    every_months: int = 1
    at: time = time(10, 0)
    minutes: int = 120

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValidationError("the weekday must be Monday to Sunday", "weekday")
        if self.nth not in _ORDINALS:
            raise ValidationError("the week must be 1st, 2nd, 3rd, 4th or last", "nth")
        if not 1 <= self.every_months <= 12:
            raise ValidationError("a series repeats every 1 to 12 months", "every_months")
        if self.minutes < 0:
            raise ValidationError("a meeting cannot last a negative time", "minutes")

    def describe(self) -> str:
        every = "month" if self.every_months == 1 else f"{self.every_months} months"
        return f"The {_ORDINALS[self.nth]} {WEEKDAYS[self.weekday]} every {every} at {self.at:%H:%M}"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` of a month (``nth`` -1: the last one)."""
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[-1] if nth == -1 else days[nth - 1]


def occurrences(rule: SeriesRule, first_month: date, count: int) -> list[datetime]:
    """``count`` meeting start times, the first in the month of ``first_month`` (on or after that date)."""
    if not 1 <= count <= MAX_OCCURRENCES:
        raise ValidationError(f"a series has 1 to {MAX_OCCURRENCES} meetings", "count")
    year, month = first_month.year, first_month.month
    if nth_weekday(year, month, rule.weekday, rule.nth) < first_month:
        year, month = _add_months(year, month, 1)  # this month's has passed: start with the next
    starts = []
    for _ in range(count):
        starts.append(datetime.combine(nth_weekday(year, month, rule.weekday, rule.nth), rule.at))
        year, month = _add_months(year, month, rule.every_months)
    return starts


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = month - 1 + months
    return year + index // 12, index % 12 + 1
