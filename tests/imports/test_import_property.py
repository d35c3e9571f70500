"""Property: whatever the cells of a tracker hold, reading it never fails with anything but a one-line
``ImportFileError``; every non-blank row below the header is accounted for exactly once (imported or
skipped with a reason); and a due date is taken only when the cell says it unambiguously."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

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


def expected_due(value: object, month_first: bool) -> date | None:
    """The due date a cell says: real dates, Excel serial numbers, and text in the column's order."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return date(1899, 12, 30) + timedelta(days=int(value)) if 25569 <= value < 73051 else None
    shown = text(value)
    if not isinstance(value, str) or not shown or is_no_date_word(shown):
        return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", shown)
    if month_first and m:
        shown = f"{m[2]}/{m[1]}/{m[3]}"
    try:
        return parse_tracker_date(shown)
    except ValueError:
        return None


def month_first(cells: list[object]) -> bool:
    """A column is month first only when some value can only be month first and none only day first."""
    pairs = [re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text(v)) for v in cells if isinstance(v, str)]
    found = [(int(m[1]), int(m[2])) for m in pairs if m]
    return any(a <= 12 < b for a, b in found) and not any(b <= 12 < a for a, b in found)


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
    dues = [r[3] if len(r) > 3 else None for r in data]
    assert len(seen) == len(set(seen))
    non_blank = {i + 1 for i, r in enumerate(rows) if i + 1 > header_row and any(text(v) for v in r)}
    assert set(seen) == non_blank
    for action in file.rows:
        source = rows[action.place.row - 1]
        assert action.description == text(source[1]) != ""
        due = source[3] if len(source) > 3 else None
        repeated = sum(1 for r in data if r and text(r[0]).strip().strip("_").strip() == action.ref) > 1
        if action.ref and repeated:  # a repeated ref's blanks are filled from its other rows
            continue
        assert action.due_date == expected_due(due, month_first(dues))
