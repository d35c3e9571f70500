"""Searching actions by text: any text the user can type or paste is a search, never an error.

A NUL byte (pasted from another program) used to end SQLite's full-text query early: "unterminated string",
which the app showed as "Something unexpected went wrong". It now separates words like a space.
"""

from __future__ import annotations

import pytest

from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.actions import NewAction


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
