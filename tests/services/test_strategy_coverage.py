"""The aims-by-forums coverage grid's data on a real temp database (issue 15 item 16): counts are of OPEN
actions only, every forum that serves an aim has a column even with no actions, and a cell the forum serves
with no open action is a gap."""

from __future__ import annotations

from datetime import date
from typing import Any

from forumdesk.domain.enums import ActionStatus
from forumdesk.services.actions import NewAction


def test_coverage_counts_open_actions_and_shows_every_serving_forum_with_its_gaps(services: Any) -> None:
    board = services.forums.find("Southend Essex Thurrock Domestic Abuse Board").id
    raptor = services.forums.find("Operation Raptor").id
    dapg = services.forums.find("Domestic Abuse Performance Group").id  # serves the DA aims, no actions at all
    record = services.actions.record
    record(NewAction(board, "Review repeat victim cases", due_date=date(2026, 12, 20), aim_codes=("DA-1",)))
    record(NewAction(board, "Train call handlers", due_date=date(2027, 2, 1), aim_codes=("DA-1", "DA-2")))
    closed = record(NewAction(board, "Publish the DA leaflet", aim_codes=("DA-1", "DA-3"))).value
    services.actions.set_status(closed, ActionStatus.COMPLETE)
    record(NewAction(raptor, "Map county lines", due_date=date(2027, 1, 10), aim_codes=("GKC-1",)))
    aim = {a.code: a.id for a in services.strategy.aims()}

    coverage = services.strategy.coverage()

    assert coverage.counts == {(aim["DA-1"], board): 2, (aim["DA-2"], board): 1, (aim["GKC-1"], raptor): 1}
    every_forum = {f.name for f in services.forums.forums()}
    assert {f.name for f in coverage.forums} == every_forum  # all 21 serve some aim, most have no action
    assert len(coverage.forums) == 21
    assert [a.code for a in coverage.aims] == list(aim)

    def gaps(forum_id: int) -> list[str]:
        return [a.code for a in coverage.aims
                if (a.id, forum_id) in coverage.served and (a.id, forum_id) not in coverage.counts]

    assert gaps(board) == ["DA-3", "DA-4", "DA-5"]  # DA-3's only action is closed: still a gap
    assert gaps(dapg) == ["DA-1", "DA-2", "DA-3", "DA-4", "DA-5"]
    assert gaps(raptor) == ["GKC-2", "GKC-3", "GKC-4", "GKC-5", "GKC-6"]
