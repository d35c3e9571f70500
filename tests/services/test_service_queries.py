"""The use cases that moved out of the GUI (issue 13), through the services on real temp-file databases: the
dashboard's summary, the file's highest marking, a forum saved with its strategy links in one transaction,
the meeting page's one read and the live minutes' list of what was captured at an item."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from forumdesk.domain.enums import AttendanceStatus, Marking, QuorumKind
from forumdesk.domain.errors import NotFoundError, ValidationError
from forumdesk.domain.patches import MeetingPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.dashboard import DUE_SOON_DAYS, TOP
from forumdesk.services.forums import ForumState
from tests.conftest import TODAY


def _forum(services: Services, name: str = "Testshire CSP", marking: Marking = Marking.OFFICIAL) -> int:
    return services.forums.create(name, marking=marking).value


# -- the dashboard ------------------------------------------------------------------------------------------
def test_a_fresh_database_has_an_empty_dashboard_with_getting_started(services: Services) -> None:
    data = services.dashboard.summary()
    assert data.today == TODAY
    assert (data.overdue, data.due_soon, data.open, data.overdue_top, data.upcoming, data.awaiting) == (
        0, 0, 0, [], [], []
    )
    assert not data.has_people
    assert data.gaps == services.strategy.gaps() and data.gaps  # every aim is a gap with no actions


def test_the_dashboard_counts_and_lists_what_needs_the_secretary(services: Services) -> None:
    forum_id = _forum(services)
    owner = services.directory.add_person("Ann Police", "Essex Police").value
    for n in range(TOP + 3):  # more overdue actions than the list shows
        late = NewAction(forum_id, f"late {n}", owner_id=owner, due_date=TODAY - timedelta(days=n + 1),
                         raised_on=TODAY - timedelta(days=60))
        services.actions.record(late)
    services.actions.record(NewAction(forum_id, "soon", due_date=TODAY + timedelta(days=DUE_SOON_DAYS - 1)))
    services.actions.record(NewAction(forum_id, "later", due_date=TODAY + timedelta(days=DUE_SOON_DAYS + 30)))
    services.cycle.plan_meeting(forum_id, datetime.combine(TODAY + timedelta(days=10), datetime.min.time()))

    data = services.dashboard.summary()
    assert data.overdue == TOP + 3 and len(data.overdue_top) == TOP
    assert data.due_soon == services.actions.count(ActionQuery(due_within_days=DUE_SOON_DAYS))
    assert "soon" in [a.description for a in data.due_soon_top]
    assert "later" not in [a.description for a in data.due_soon_top]
    assert data.open == TOP + 5
    assert sum(data.rag.values()) == data.open
    assert [m.forum_id for m in data.upcoming] == [forum_id]
    assert data.has_people


# -- the file's marking -------------------------------------------------------------------------------------
def test_the_file_marking_is_the_highest_of_its_forums_and_meetings(services: Services) -> None:
    assert services.exports.file_marking() is Marking.OFFICIAL
    forum_id = _forum(services)
    meeting_id = services.cycle.plan_meeting(forum_id, datetime(2026, 12, 8, 10)).value
    assert services.exports.file_marking() is Marking.OFFICIAL
    services.cycle.edit_meeting(meeting_id, MeetingPatch(marking=Marking.OFFICIAL_SENSITIVE))
    assert services.exports.file_marking() is Marking.OFFICIAL_SENSITIVE
    services.cycle.edit_meeting(meeting_id, MeetingPatch(marking=Marking.OFFICIAL))
    _forum(services, "Sensitive board", marking=Marking.OFFICIAL_SENSITIVE)
    assert services.exports.file_marking() is Marking.OFFICIAL_SENSITIVE


# -- a forum with its strategy links ------------------------------------------------------------------------
def test_a_forum_is_created_and_saved_with_its_links_and_reads_back_the_same(services: Services) -> None:
    areas = services.strategy.areas()
    aims = services.strategy.aims(areas[0].id)
    first = services.forums.state(_forum(services, "Parent forum"))
    patch = replace(first.patch, name="Child forum", short_code="CF", purpose="Knife crime",
                    quorum_kind=QuorumKind.HEADS, quorum_count=3, parent_id=None)
    created = services.forums.create_linked(ForumState(patch, (areas[0].id,), (aims[0].id,)))
    forum_id = created.value
    assert created.changes.forums and created.changes.strategy
    state = services.forums.state(forum_id)
    assert state.patch.name == "Child forum" and state.patch.purpose == "Knife crime"
    assert state.patch.quorum_count == 3
    assert (state.area_ids, state.aim_ids) == ((areas[0].id,), (aims[0].id,))

    edited = ForumState(replace(state.patch, name="Renamed forum"), (areas[0].id, areas[1].id), ())
    services.forums.save(forum_id, edited)
    again = services.forums.state(forum_id)
    assert again.patch.name == "Renamed forum"
    assert set(again.area_ids) == {areas[0].id, areas[1].id} and again.aim_ids == ()
    assert services.forums.save(forum_id, again).changes.strategy is False  # links unchanged: fields only


def test_a_forum_save_is_one_transaction_so_a_failed_link_keeps_the_old_name(services: Services) -> None:
    forum_id = _forum(services, "Old name")
    state = services.forums.state(forum_id)
    broken = ForumState(replace(state.patch, name="New name"), (), (999_999,))  # no such aim
    with pytest.raises(ValidationError, match=r"^there is no aim with id 999999$"):
        services.forums.save(forum_id, broken)
    assert services.forums.forum(forum_id).name == "Old name"
    assert services.forums.own_aims(forum_id) == []


# -- the meeting page's one read, and live minutes' captured list --------------------------------------------
def test_the_meeting_view_gives_the_meeting_its_forum_and_its_quorum(services: Services) -> None:
    forum_id = services.forums.create(
        "Testshire CSP", quorum_kind=QuorumKind.HEADS, quorum_count=1, marking=Marking.OFFICIAL_SENSITIVE
    ).value
    person = services.directory.add_person("Ann Police", "Essex Police").value
    services.forums.add_member(forum_id, person)
    meeting_id = services.cycle.plan_meeting(forum_id, datetime(2026, 12, 8, 10), venue="Civic Centre").value
    view = services.meeting_views.meeting_view(meeting_id)
    assert (view.meeting.id, view.meeting.venue, view.forum.id) == (meeting_id, "Civic Centre", forum_id)
    assert view.forum.marking is Marking.OFFICIAL_SENSITIVE
    assert view.quorum.quorate is False
    services.room.set_attendance(meeting_id, person, AttendanceStatus.PRESENT)
    assert services.meeting_views.meeting_view(meeting_id).quorum.quorate is True
    with pytest.raises(NotFoundError):
        services.meeting_views.meeting_view(meeting_id + 100)


def test_captured_lists_only_what_was_recorded_at_that_item(services: Services) -> None:
    forum_id = _forum(services)
    meeting_id = services.cycle.plan_meeting(forum_id, datetime(2026, 11, 20, 10)).value
    first, second = (item.id for item in services.cycle.items(meeting_id)[:2])
    services.room.add_decision(meeting_id, first, "Adopt the plan")
    services.room.add_decision(meeting_id, second, "Something else")
    services.room.raise_action(meeting_id, first, "Write to the council")
    services.room.raise_action(meeting_id, first, "Book the hall")
    services.room.raise_action(meeting_id, second, "Not this item")
    services.actions.record(NewAction(forum_id, "Raised elsewhere"))

    found = services.meeting_views.captured(meeting_id, first)
    assert [d.text for d in found.decisions] == ["Adopt the plan"]
    assert [a.description for a in found.actions] == ["Write to the council", "Book the hall"]
    assert [a.ref for a in found.actions] == sorted(a.ref for a in found.actions)
    assert services.meeting_views.captured(meeting_id, None).actions == []


def test_the_queries_read_what_another_connection_wrote(services: Services) -> None:
    other = open_services(services.path, create=False, today=lambda: TODAY)
    try:
        forum_id = _forum(other)
        late = NewAction(forum_id, "late", due_date=TODAY - timedelta(days=3), raised_on=TODAY - timedelta(days=9))
        other.actions.record(late)
    finally:
        other.close()
    assert services.dashboard.summary().overdue == 1
