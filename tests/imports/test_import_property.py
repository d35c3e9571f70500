"""Property: whatever the cells of a tracker hold, reading it never fails with anything but a one-line
``ImportFileError``; every non-blank row below the header is accounted for exactly once (imported or
skipped with a reason); and a due date is taken only when the cell says it unambiguously."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from forumdesk.domain.dates import is_no_date_word, parse_tracker_date
from forumdesk.imports import Table, parse_actions
from forumdesk.imports.values import text

HEADER = ("Ref", "Action", "Owner", "Due date", "Status", "RAG")

cell = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["TBC", "ongoing", "03/04/25", "13/25/2025", "April 3 2025", "=SUM(A1)", "Red", "Łukasz"]),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)).map(lambda d: datetime(d.year, d.month, d.day)),
    st.integers(-5, 50_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
)
row = st.lists(cell, min_size=0, max_size=8).map(tuple)


def expected_due(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    shown = text(value)
    if not isinstance(value, str) or not shown or is_no_date_word(shown):
        return None
    try:
        return parse_tracker_date(shown)
    except ValueError:
        return None


@settings(max_examples=150, deadline=None)
@given(
    titles=st.lists(st.tuples(st.text(max_size=15)), max_size=5),
    data=st.lists(row, max_size=25),
    fills=st.dictionaries(st.tuples(st.integers(0, 40), st.integers(0, 7)), st.sampled_from(["FF0000", "00B050"])),
)
def test_every_row_accounted_for_and_dates_never_guessed(
    titles: list[tuple[str]], data: list[tuple[object, ...]], fills: dict[tuple[int, int], str]
) -> None:
    rows: list[tuple[object, ...]] = [*titles, HEADER, *data]
    table = Table("Log", rows, fills)
    file = parse_actions([table], "log.xlsx")
    header_row = file.sheets[0].header_row  # 1-based
    assert header_row >= 1 and tuple(rows[header_row - 1][: len(HEADER)]) == HEADER
    seen = [r.place.row for r in file.rows] + [m.place.row for m in file.skipped]
    assert len(seen) == len(set(seen))
    non_blank = {i + 1 for i, r in enumerate(rows) if i + 1 > header_row and any(text(v) for v in r)}
    assert set(seen) == non_blank
    for action in file.rows:
        source = rows[action.place.row - 1]
        assert action.description == text(source[1]) != ""
        assert action.due_date == expected_due(source[3] if len(source) > 3 else None)
