"""The shape that keeps ForumDesk fast at county scale, guarded at small scale.

The main list queries walk their indexes (``EXPLAIN QUERY PLAN`` of the very SQL the services run, caught
with a trace callback), none scans the actions table or sorts every row, and showing one page of the
tracker reads one page of rows, not all of them. ``benchmarks/`` measures the speed itself.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(demo_copy: Path) -> Iterator[Services]:
    services = open_services(demo_copy, today=lambda: TODAY)
    yield services
    services.close()


def traced(conn: sqlite3.Connection, call: Callable[[], Any]) -> list[str]:
    """The SELECT statements (with their values bound) that ``call`` runs on ``conn``."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith("SELECT") and "actions" in s]


def plan(conn: sqlite3.Connection, sql: str) -> list[str]:
    return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]


def plans_of(services: Services, call: Callable[[], Any]) -> list[list[str]]:
    statements = traced(services.store.conn, call)
    assert statements, "the call ran no query on actions"
    return [plan(services.store.conn, sql) for sql in statements]


def assert_indexed(plans: list[list[str]], *, sorted_by_index: bool = True) -> None:
    for steps in plans:
        text = "\n".join(steps)
        for step in steps:  # "SCAN a" reads the whole table; "SCAN a USING INDEX ..." walks an index in order
            assert not re.fullmatch(r"SCAN (a|actions|x|aa|action_aims)", step), text
        if sorted_by_index:
            assert "TEMP B-TREE FOR ORDER BY" not in text, text


def _ids(services: Services) -> dict[str, int]:
    row = services.store.query_one(
        "SELECT forum_id, owner_id FROM actions WHERE owner_id IS NOT NULL GROUP BY forum_id"
        " ORDER BY count(*) DESC LIMIT 1"
    )
    assert row is not None
    return {"forum": row[0], "owner": row[1]}


def test_forum_overdue_by_due_date_walks_one_index(demo: Services) -> None:
    query = ActionQuery(forum_ids=(_ids(demo)["forum"],), overdue=True)
    plans = plans_of(demo, lambda: demo.actions.ids(query))
    assert_indexed(plans)
    assert any("actions_forum_open_due" in step for steps in plans for step in steps)


@pytest.mark.parametrize("kind", ["owner", "status", "open", "everything", "descending", "forum"])
def test_filters_sorted_by_due_date_use_their_indexes(demo: Services, kind: str) -> None:
    ids = _ids(demo)
    query = {
        "owner": ActionQuery(owner_id=ids["owner"]),
        "status": ActionQuery(statuses=(ActionStatus.IN_PROGRESS,)),
        "open": ActionQuery(open_only=True),
        "everything": ActionQuery(),
        "descending": ActionQuery(descending=True),
        "forum": ActionQuery(forum_ids=(ids["forum"],)),
    }[kind]
    assert_indexed(plans_of(demo, lambda: demo.actions.ids(query)))


def test_a_persons_open_and_overdue_actions_use_the_owner_open_index(demo: Services) -> None:
    owner = _ids(demo)["owner"]
    for query in (ActionQuery(owner_id=owner, open_only=True), ActionQuery(owner_id=owner, overdue=True)):
        plans = plans_of(demo, lambda query=query: (demo.actions.count(query), demo.actions.page(query, 0, 50)))
        assert_indexed(plans)
        assert all(any("actions_owner_open_due" in step for step in steps) for steps in plans), plans


def test_aim_filter_starts_from_the_aims_links(demo: Services) -> None:
    code = demo.store.scalar(
        "SELECT am.code FROM aims am JOIN action_aims x ON x.aim_id = am.id GROUP BY am.id LIMIT 1"
    )
    plans = plans_of(demo, lambda: demo.actions.ids(ActionQuery(aim_code=code)))
    assert_indexed(plans, sorted_by_index=False)  # the few linked actions are sorted, not the table
    assert any("action_aims_aim" in step for steps in plans for step in steps)


def test_full_text_search_uses_the_fts_table(demo: Services) -> None:
    plans = plans_of(demo, lambda: demo.actions.ids(ActionQuery(text="knife crime")))
    assert_indexed(plans, sorted_by_index=False)
    assert any("actions_fts VIRTUAL TABLE" in step for steps in plans for step in steps)


@pytest.mark.parametrize("offset", [0, 40])
def test_a_page_by_due_date_with_limit_reads_no_more_than_it_shows(demo: Services, offset: int) -> None:
    plans = plans_of(demo, lambda: demo.actions.page(ActionQuery(), offset, 20))
    assert_indexed(plans)


def test_dashboard_counts_and_tops_use_indexes(demo: Services) -> None:
    for call in (
        lambda: demo.actions.page(ActionQuery(overdue=True), 0, 12),
        lambda: demo.actions.page(ActionQuery(due_within_days=14), 0, 12),
        lambda: demo.actions.count(ActionQuery(overdue=True)),
        demo.actions.rag_counts,
        demo.actions.area_counts,
        demo.strategy.gaps,
    ):
        assert_indexed(plans_of(demo, call))


def test_area_counts_agree_with_the_actions_themselves(demo: Services) -> None:
    actions = demo.actions.list(ActionQuery())
    aims = {a.code: a.area_id for a in demo.strategy.aims()}
    areas = {r[0]: r[1] for r in demo.store.query("SELECT id, code FROM priority_areas")}
    expected: dict[str, list[int]] = {code: [0, 0, 0] for code in areas.values()}
    for action in actions:
        for code in {areas[aims[c]] for c in action.aim_codes}:
            overdue = action.is_open and action.effective_due is not None and action.effective_due < TODAY
            expected[code][0 if action.is_open else 2] += 1
            expected[code][1] += overdue
    assert {r[0]: [r[2], r[3], r[4]] for r in demo.actions.area_counts()} == expected
    assert sum(r[2] + r[4] for r in demo.actions.area_counts()) > 0


def test_meetings_of_a_forum_use_the_forum_index(demo: Services) -> None:
    forum_id = _ids(demo)["forum"]
    conn = demo.store.conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        demo.meetings.meetings(forum_id)
    finally:
        conn.set_trace_callback(None)
    statements = [s for s in seen if "FROM meetings" in s and s.lstrip().upper().startswith("SELECT")]
    assert statements
    steps = plan(conn, statements[0])
    assert any("meetings_forum_start" in step for step in steps), steps
    assert not any(step.startswith("SCAN m") and "INDEX" not in step for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps


def test_due_date_order_puts_undated_actions_last_both_ways(demo: Services) -> None:
    forum_id = _ids(demo)["forum"]
    for text in ("Undated one", "Undated two"):
        demo.actions.record(NewAction(forum_id, text, raised_on=TODAY - timedelta(days=3)))
    everything = demo.actions.list(ActionQuery())

    def key(a: Any) -> tuple[bool, str, int]:
        return (a.effective_due is None, a.effective_due.isoformat() if a.effective_due else "", a.id)

    expected = [a.id for a in sorted(everything, key=key)]
    assert demo.actions.ids(ActionQuery()) == expected
    dated = [a for a in everything if a.effective_due]
    undated = sorted(a.id for a in everything if a.effective_due is None)
    by_due_desc = [a.id for a in sorted(dated, key=key, reverse=True)]
    assert demo.actions.ids(ActionQuery(descending=True)) == by_due_desc + sorted(undated, reverse=True)
    total = len(expected)
    for offset in (0, total - 5, total - 1, total + 3):  # pages across the dated/undated boundary
        assert [a.id for a in demo.actions.page(ActionQuery(), offset, 4)] == expected[offset : offset + 4]


def _rows_returned(conn: sqlite3.Connection, statements: list[str]) -> int:
    return sum(len(conn.execute(sql).fetchall()) for sql in statements)


def test_by_ids_reads_only_the_ids_asked_for(demo: Services) -> None:
    ids = demo.actions.ids(ActionQuery())
    page = ids[200:250]
    statements = traced(demo.store.conn, lambda: demo.actions.by_ids(page))
    assert _rows_returned(demo.store.conn, statements) == len(page)


def test_the_tracker_model_fetches_one_page_for_one_screen(demo: Services, qtbot: Any) -> None:
    from forumdesk.ui.models.action_table import PAGE, ActionTableModel, Column
    from forumdesk.ui.shell.context import AppContext

    ctx = AppContext(demo)
    model = ActionTableModel(ctx)
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_query(ActionQuery())
    total = model.rowCount()
    assert total > 2 * PAGE
    row = PAGE + 7  # a row of the second page
    statements = traced(demo.store.conn, lambda: model.data(model.index(row, Column.REF)))
    assert 0 < _rows_returned(demo.store.conn, statements) <= PAGE
    assert model.cached_pages() == 1
    again = traced(demo.store.conn, lambda: model.data(model.index(row + 1, Column.ACTION)))
    assert again == []  # the page is held: no second read
    ctx.close()
