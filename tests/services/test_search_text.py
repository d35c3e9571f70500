"""Searching actions by text: any text the user can type or paste is a search, never an error.

A NUL byte (pasted from another program) used to end SQLite's full-text query early: "unterminated string",
which the app showed as "Something unexpected went wrong". It now separates words like a space.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from tests.conftest import TODAY


@pytest.fixture
def actions(services: Services) -> tuple[int, int]:
    forum = services.forums.forums()[0]
    patrols = services.actions.record(NewAction(forum.id, "Night-time economy patrols near the station")).value
    lighting = services.actions.record(NewAction(forum.id, "Street lighting survey")).value
    return patrols, lighting


@pytest.mark.parametrize("text", ["economy\x00patrols", "\x00economy", "patrols\x00", 'econ\x00"omy'])
def test_a_nul_byte_in_the_search_separates_words(services: Services, actions: tuple[int, int], text: str) -> None:
    patrols, _ = actions
    expected = [patrols] if '"' not in text else []
    assert services.actions.ids(ActionQuery(text=text)) == expected
    assert services.actions.count(ActionQuery(text=text)) == len(expected)
    assert [a.id for a in services.actions.list(ActionQuery(text=text))] == expected


def test_a_search_of_only_nul_bytes_is_no_search(services: Services, actions: tuple[int, int]) -> None:
    assert services.actions.ids(ActionQuery(text="\x00\x00")) == services.actions.ids(ActionQuery())


def test_searches_answer_the_same_after_the_indexes_are_rebuilt(demo_copy: Path) -> None:
    """A rebuild (sqlite-utils ``rebuild_fts``) mends an emptied index and changes no answer of a healthy one."""
    services = open_services(demo_copy, today=lambda: TODAY)
    try:
        queries = [ActionQuery(text=t) for t in ("review", "partner", "night-time economy", "zzz-no-such-word")]
        before = [services.actions.ids(q) for q in queries]
        other = "SELECT count(*) FROM {0} WHERE {0} MATCH 'minutes OR agreed OR partnership'"
        before_other = [services.store.scalar(other.format(t)) for t in ("agenda_items_fts", "decisions_fts")]
        assert all(before[:3]) and before[3] == [] and all(before_other)
        with services.store.transaction():  # emptied, as a damaged index can be
            for table in ("actions_fts", "agenda_items_fts", "decisions_fts"):
                services.store.conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
        assert services.actions.ids(queries[0]) == []

        assert services.admin.rebuild_search() == ["actions_fts", "agenda_items_fts", "decisions_fts"]
        assert [services.actions.ids(q) for q in queries] == before
        assert [services.store.scalar(other.format(t)) for t in ("agenda_items_fts", "decisions_fts")] == before_other
        assert services.admin.check().ok
        services.admin.rebuild_search()  # on a healthy index: the same answers again
        assert [services.actions.ids(q) for q in queries] == before
    finally:
        services.close()
