"""The services both faces call: their rules and their one-line errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.errors import NotFoundError, ValidationError
from forumdesk.domain.patches import ActionPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from tests.conftest import TODAY


@pytest.fixture
def svc(db_path: Path) -> Services:
    services = open_services(db_path, today=lambda: TODAY)
    yield services
    services.close()


def test_strategy_is_loaded_with_forums_linked_to_every_area_they_serve(svc: Services) -> None:
    assert len(svc.strategy.areas()) == 9
    assert len(svc.strategy.aims()) == 46
    assert [t.name for t in svc.strategy.themes()] == [
        "Support Victims",
        "Target Offenders",
        "Work in Partnership",
        "Shared Data Analysis",
        "Police Key Locations",
    ]
    csp = svc.forums.find("Community Safety Partnerships")
    assert csp.is_family and csp.from_strategy
    assert set(csp.priorities) == {
        "Gangs and Knife Crime",
        "Night Time Economy",
        "Digital Crime and Fraud",
        "House Burglary and Street Robbery",
        "Serious and Organised Crime",
    }


def test_local_forum_inherits_its_familys_areas(svc: Services) -> None:
    forum_id = svc.forums.create(
        "Basildon Community Safety Partnership", parent="Community Safety Partnerships", district="Basildon"
    ).value
    forum = svc.forums.forum(forum_id)
    assert forum.parent_name == "Community Safety Partnerships"
    assert forum.district == "Basildon"
    assert "Night Time Economy" in forum.priorities
    svc.forums.set_areas(forum_id, [svc.strategy.areas()[1].id])
    assert svc.forums.forum(forum_id).priorities == ("Gangs and Knife Crime",)


def test_forum_name_used_twice_is_refused(svc: Services) -> None:
    svc.forums.create("Harlow Community Safety Partnership")
    with pytest.raises(ValidationError, match="already a forum called"):
        svc.forums.create("harlow community safety partnership")
    with pytest.raises(ValidationError, match="cannot be empty"):
        svc.forums.create("   ")


def test_action_refs_are_per_forum_and_year(svc: Services) -> None:
    a = svc.forums.create("Basildon Community Safety Partnership").value
    b = svc.forums.create("Chelmsford Community Safety Hub").value
    first = svc.actions.record(NewAction(a, "Map hot-spots", raised_on=date(2025, 3, 1))).value
    second = svc.actions.record(NewAction(a, "Share data", raised_on=date(2025, 4, 1))).value
    other = svc.actions.record(NewAction(b, "Share data", raised_on=date(2025, 4, 1))).value
    next_year = svc.actions.record(NewAction(a, "Report", raised_on=date(2026, 1, 5))).value
    refs = [svc.actions.get(i).ref for i in (first, second, other, next_year)]
    assert refs == ["BCSP/25/001", "BCSP/25/002", "CCSH/25/001", "BCSP/26/001"]


def test_action_rules_give_one_line_errors_and_save_nothing(svc: Services) -> None:
    forum = svc.forums.find("Community Safety Partnerships")
    with pytest.raises(ValidationError, match="cannot be empty"):
        svc.actions.record(NewAction(forum.id, "  "))
    with pytest.raises(ValidationError, match=r"due date 01/01/2025 is before the date raised 01/02/2025"):
        svc.actions.record(
            NewAction(forum.id, "Do it", due_date=date(2025, 1, 1), raised_on=date(2025, 2, 1))
        )
    with pytest.raises(ValidationError, match="no person"):
        svc.actions.record(NewAction(forum.id, "Do it", owner_id=999))
    with pytest.raises(ValidationError, match="no aim 'XX-9'"):
        svc.actions.record(NewAction(forum.id, "Do it", aim_codes=["XX-9"]))
    with pytest.raises(ValidationError, match="no person called 'Nobody'"):
        svc.directory.find_person("Nobody")
    assert svc.actions.count(ActionQuery()) == 0


def test_owner_close_reopen_update_and_rag(svc: Services) -> None:
    forum = svc.forums.find("Community Safety Partnerships")
    person_id = svc.directory.add_person(
        "Łukasz Dvořák", organisation="Essex Police", email="l.dvorak@essex.police.uk"
    ).value
    done = svc.actions.record(
        NewAction(
            forum.id,
            "Review knife crime data",
            owner_id=person_id,
            due_date=date(2026, 11, 20),
            raised_on=date(2026, 10, 1),
            aim_codes=["GKC-5"],
        )
    )
    action_id, changes = done.value, done.changes
    assert changes.actions
    action = svc.actions.get(action_id)
    assert action.owner_org == "Essex Police"
    assert action.rag(TODAY) is Rag.RED
    assert action.aim_codes == ("GKC-5",)
    svc.actions.add_update(action_id, "Data requested from analysts", on=date(2026, 11, 2))
    assert svc.actions.get(action_id).latest_update.text == "Data requested from analysts"
    svc.actions.set_status(action_id, ActionStatus.COMPLETE)
    closed = svc.actions.get(action_id)
    assert closed.closed_on == TODAY and closed.rag(TODAY) is Rag.BLUE
    svc.actions.set_status(action_id, ActionStatus.IN_PROGRESS)
    assert svc.actions.get(action_id).closed_on is None
    assert svc.actions.ids(ActionQuery(text="knife")) == [action_id]
    assert svc.actions.ids(ActionQuery(owner_id=person_id, overdue=True)) == [action_id]


def test_bulk_edit_is_all_or_nothing(svc: Services) -> None:
    forum = svc.forums.find("Community Safety Partnerships")
    ids = [
        svc.actions.record(NewAction(forum.id, f"Task {i}", raised_on=date(2026, 1, 1))).value for i in range(3)
    ]
    with pytest.raises(NotFoundError):
        svc.actions.bulk_edit([*ids, 10_000], ActionPatch(status=ActionStatus.COMPLETE))
    assert all(svc.actions.get(i).status is ActionStatus.OPEN for i in ids)
    svc.actions.bulk_edit(ids, ActionPatch(status=ActionStatus.COMPLETE))
    assert all(svc.actions.get(i).status is ActionStatus.COMPLETE for i in ids)


def test_every_change_is_in_the_audit_trail(svc: Services) -> None:
    forum = svc.forums.find("Community Safety Partnerships")
    action_id = svc.actions.record(NewAction(forum.id, "Audit me", raised_on=date(2026, 1, 1))).value
    svc.actions.edit(action_id, ActionPatch(due_date=date(2026, 12, 1)))
    rows = svc.store.query(
        "SELECT operation, field, old_value, new_value FROM audit_log WHERE entity = 'action' AND entity_id = ?",
        (action_id,),
    )
    assert [tuple(r) for r in rows] == [
        ("create", "description", None, "Audit me"),
        ("update", "due_date", None, "2026-12-01"),
    ]


def test_backup_is_a_consistent_copy(svc: Services, tmp_path: Path) -> None:
    target = svc.admin.backup(tmp_path / "copy.sqlite")
    copy = open_services(target, create=False)
    assert len(copy.strategy.aims()) == 46
    assert copy.admin.check().ok
    copy.close()
    assert not list(tmp_path.glob(".*partial"))
