"""Meeting series: the nth weekday of every n months."""

from __future__ import annotations

import itertools
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumdesk.domain.errors import ValidationError
from forumdesk.domain.recurrence import SeriesRule, nth_weekday, occurrences


def test_second_tuesday_every_three_months() -> None:
    rule = SeriesRule(weekday=1, nth=2, every_months=3, at=time(14, 0))
    starts = occurrences(rule, date(2026, 1, 1), 4)
    assert [s.strftime("%d/%m/%Y %H:%M") for s in starts] == [
        "13/01/2026 14:00",
        "14/04/2026 14:00",
        "14/07/2026 14:00",
        "13/10/2026 14:00",
    ]
    assert rule.describe() == "The 2nd Tuesday every 3 months at 14:00"


def test_a_passed_date_in_the_first_month_starts_the_series_next_month() -> None:
    starts = occurrences(SeriesRule(weekday=1, nth=2), date(2026, 1, 20), 2)
    assert [s.date() for s in starts] == [date(2026, 2, 10), date(2026, 3, 10)]


def test_last_weekday_and_year_end() -> None:
    assert nth_weekday(2026, 12, 4, -1) == date(2026, 12, 25)
    starts = occurrences(SeriesRule(weekday=4, nth=-1, every_months=2), date(2026, 11, 1), 3)
    assert [s.date() for s in starts] == [date(2026, 11, 27), date(2027, 1, 29), date(2027, 3, 26)]


def test_bad_rules_are_refused_with_a_message() -> None:
    with pytest.raises(ValidationError, match="1st, 2nd"):
        SeriesRule(weekday=1, nth=5)
    with pytest.raises(ValidationError, match="every 1 to 12"):
        SeriesRule(weekday=1, nth=1, every_months=0)
    with pytest.raises(ValidationError, match="1 to 60"):
        occurrences(SeriesRule(weekday=1, nth=1), date(2026, 1, 1), 0)


@given(
    weekday=st.integers(0, 6),
    nth=st.sampled_from([1, 2, 3, 4, -1]),
    every=st.integers(1, 12),
    first=st.dates(date(2000, 1, 1), date(2090, 1, 1)),
    count=st.integers(1, 24),
)
def test_every_occurrence_is_the_right_weekday_in_order_and_spaced(
    weekday: int, nth: int, every: int, first: date, count: int
) -> None:
    starts = occurrences(SeriesRule(weekday, nth, every), first, count)
    assert len(starts) == count
    assert starts[0].date() >= first
    assert all(s.weekday() == weekday for s in starts)
    months = [s.year * 12 + s.month for s in starts]
    assert all(b - a == every for a, b in itertools.pairwise(months))
