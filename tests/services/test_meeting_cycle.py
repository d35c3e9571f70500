"""The meeting cycle through the services, on real temp-file databases: planning, agenda, attendance and
quorum, actions and matters arising, closing and approval; and the demo data's carry-forward."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from forumdesk.domain.enums import ActionStatus, AttendanceStatus, MeetingStatus, MinutesStatus, QuorumKind
from forumdesk.domain.errors import LockedMinutesError, ValidationError
from forumdesk.domain.patches import AgendaItemPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.domain.recurrence import SeriesRule
from forumdesk.services import Services, open_services
from tests.conftest import TODAY

P, APOL = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES


@dataclass
class Forum:
    id: int
    people: dict[str, int]


@pytest.fixture
def forum(services: Services) -> Forum:
    """A forum whose rule is 3 agencies, with five members from four agencies."""
    forum_id = services.forums.create("Testshire CSP", quorum_kind=QuorumKind.AGENCIES, quorum_count=3).value
    people = {}
    for name, org in [
        ("Ann Police", "Essex Police"),
        ("Bob Police", "Essex Police"),
        ("Cat Council", "Test Council"),
        ("Dan Health", "NHS Essex"),
        ("Eve Fire", "Essex Fire"),
    ]:
        people[name] = services.directory.add_person(name, org).value
        services.forums.add_member(forum_id, people[name])
    people["Zed Deputy"] = services.directory.add_person("Zed Deputy", "NHS Essex").value
    return Forum(forum_id, people)


def _meeting(services: Services, forum: Forum, when: datetime) -> int:
    meeting_id = services.cycle.plan_meeting(forum.id, when, venue="Civic Centre").value
    return meeting_id


# -- planning and the agenda ----------------------------------------------------------------------------------
def test_a_new_meeting_gets_the_forums_standing_items_numbered(services: Services, forum: Forum) -> None:
    meeting_id = _meeting(services, forum, datetime(2026, 12, 8, 10))
    items = services.cycle.items(meeting_id)
    assert [(i.minute_ref, i.kind) for i in items] == [
        ("1", "welcome"),
        ("2", "declarations"),
        ("3", "minutes"),
        ("4", "actions"),
        ("5", "aob"),
        ("6", "next_meeting"),
    ]
    new_id = services.cycle.add_item(meeting_id, "Knife crime update", presenter="DI Jones", aim_codes=["DA-1"]).value
    sub_id = services.cycle.add_item(meeting_id, "Schools programme", parent_id=new_id).value
    refs = {i.title: i.minute_ref for i in services.cycle.items(meeting_id)}
    assert (
        refs["Knife crime update"] == "5" and refs["Schools programme"] == "5.1" and refs["Any other business"] == "6"
    )
    assert next(i for i in services.cycle.items(meeting_id) if i.id == new_id).aim_codes == ("DA-1",)
    services.cycle.move_item(new_id, -1)
    refs = {i.title: i.minute_ref for i in services.cycle.items(meeting_id)}
    assert refs["Knife crime update"] == "4" and refs["Schools programme"] == "4.1" and refs["Action log review"] == "5"
    ends = services.cycle.end_times(meeting_id)
    assert ends[sub_id] > ends[new_id]


def test_the_forum_template_is_stored_and_edits_are_checked(services: Services, forum: Forum) -> None:
    from forumdesk.domain.agenda import TemplateItem

    services.cycle.set_template(forum.id, [TemplateItem("welcome", "Welcome"), TemplateItem("aob", "AOB")])
    meeting_id = _meeting(services, forum, datetime(2026, 12, 8, 10))
    assert [i.title for i in services.cycle.items(meeting_id)] == ["Welcome", "AOB"]
    item = services.cycle.items(meeting_id)[0]
    with pytest.raises(ValidationError, match="cannot be empty"):
        services.cycle.edit_item(item.id, AgendaItemPatch(title="  "))
    with pytest.raises(ValidationError, match="between 0 and 600"):
        services.cycle.edit_item(item.id, AgendaItemPatch(minutes_allowed=-5))
    with pytest.raises(ValidationError, match="each item once"):
        services.cycle.reorder(meeting_id, [item.id])
    services.cycle.edit_item(item.id, AgendaItemPatch(presenter="Chair", minutes_allowed=7, purpose="decision"))
    again = services.cycle.items(meeting_id)[0]
    assert (again.presenter, again.minutes_allowed, again.purpose.value) == ("Chair", 7, "decision")
    services.cycle.remove_item(item.id)
    assert [i.minute_ref for i in services.cycle.items(meeting_id)] == ["1"]


def test_a_series_and_one_occurrence_cancelled_or_moved(services: Services, forum: Forum) -> None:
    ids = services.cycle.plan_series(forum.id, SeriesRule(weekday=1, nth=2, every_months=2), date(2027, 1, 1), 3).value
    meetings = [services.cycle.meeting(i) for i in ids]
    assert [m.starts_at.date() for m in meetings] == [date(2027, 1, 12), date(2027, 3, 9), date(2027, 5, 11)]
    assert len({m.series_id for m in meetings}) == 1 and meetings[0].series_id
    services.cycle.cancel(ids[0])
    services.cycle.move(ids[1], datetime(2027, 3, 16, 14))
    after = [services.cycle.meeting(i) for i in ids]
    assert after[0].status is MeetingStatus.CANCELLED
    assert after[1].starts_at == datetime(2027, 3, 16, 14) and after[1].ends_at == datetime(2027, 3, 16, 16)
    assert after[2].starts_at == meetings[2].starts_at and after[2].status is MeetingStatus.PLANNED


# -- attendance and quorum ------------------------------------------------------------------------------------
def test_three_agencies_rule_with_two_agencies_present_says_not_quorate_in_the_minutes(
    services: Services, forum: Forum, tmp_path: Path
) -> None:
    meeting_id = _meeting(services, forum, datetime(2026, 11, 25, 10))
    for name in ("Ann Police", "Bob Police", "Cat Council"):
        services.room.set_attendance(meeting_id, forum.people[name], P)
    services.room.set_attendance(meeting_id, forum.people["Eve Fire"], APOL)
    services.room.add_guest(meeting_id, "Gail Guest", "Victim Support")
    assert services.room.quorum(meeting_id).word == "not quorate"
    pdf = tmp_path / "minutes.pdf"
    services.exports.export_minutes(meeting_id, pdf)
    printed = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "The meeting was not quorate (2 agencies represented" in printed
    doc = services.minutes.document(meeting_id)
    assert doc.quorate is False
    assert "The meeting was not quorate" in doc.quorum_statement and "2 agencies represented" in doc.quorum_statement
    by_agency = {a.agency: a for a in doc.attendance}
    assert [p.name for p in by_agency["Essex Police"].present] == ["Ann Police", "Bob Police"]
    assert [p.name for p in by_agency["Essex Fire"].apologies] == ["Eve Fire"]
    assert [p.name for p in by_agency["Victim Support"].guests] == ["Gail Guest"]
    # a deputy attending for the NHS member makes a third agency: quorate
    services.room.set_deputy(meeting_id, forum.people["Dan Health"], "Zed Deputy")
    assert services.room.quorum(meeting_id).word == "quorate"
    nhs = {a.agency: a for a in services.minutes.document(meeting_id).attendance}["NHS Essex"]
    assert nhs.deputies[0].name == "Zed Deputy" and nhs.deputies[0].attending_for == "Dan Health"
    assert nhs.apologies[0].name == "Dan Health"
    sheet = {line.name: line for line in services.room.attendance_sheet(meeting_id)}
    assert sheet["Dan Health"].deputy_name == "Zed Deputy" and sheet["Cat Council"].status is P


# -- actions, matters arising, approval -----------------------------------------------------------------------
def test_actions_raised_in_the_room_resolve_owner_and_due_date(services: Services, forum: Forum) -> None:
    first = _meeting(services, forum, datetime(2026, 11, 25, 10))
    _meeting(services, forum, datetime(2027, 1, 12, 10))
    item = services.cycle.items(first)[3]
    a1 = services.room.raise_action(first, item.id, "Map hot-spots", "Ann Police (Essex Police)", "2 weeks").value
    a2 = services.room.raise_action(first, item.id, "Share data", "Test Council", "next meeting").value
    a3 = services.room.raise_action(first, item.id, "Write plan", "Dan Health", "31/12/2026").value
    got = [services.actions.get(a) for a in (a1, a2, a3)]
    assert [a.due_date for a in got] == [date(2026, 12, 9), date(2027, 1, 12), date(2026, 12, 31)]
    assert (got[0].owner_name, got[0].owner_org) == ("Ann Police", "Essex Police")
    assert (got[1].owner_name, got[1].owner_org) == ("", "Test Council")
    assert got[0].minute_ref == "4" and got[0].meeting_id == first
    before = services.actions.count(ActionQuery())
    with pytest.raises(ValidationError, match="no person or agency called 'Nobody'"):
        services.room.raise_action(first, item.id, "X", "Nobody", "2 weeks")
    with pytest.raises(ValidationError, match="not a date"):
        services.room.raise_action(first, item.id, "X", "Ann Police", "soonish")
    assert services.actions.count(ActionQuery()) == before
    raised = services.minutes.document(first).items[3].actions
    assert [r.ref for r in raised] == [a.ref for a in got]
    assert raised[0].owner == "Ann Police (Essex Police)"


def test_open_actions_come_back_as_matters_arising_until_closed(db_path: Path) -> None:
    day = {"today": date(2026, 9, 1)}
    services = open_services(db_path, today=lambda: day["today"])
    try:
        f = forum_in(services)
        first = _meeting(services, f, datetime(2026, 9, 1, 10))
        second = _meeting(services, f, datetime(2026, 10, 6, 10))
        third = _meeting(services, f, datetime(2026, 11, 3, 10))
        item = services.cycle.items(first)[3].id
        kept = services.room.raise_action(first, item, "Kept open", "Ann Police", "2 weeks").value
        done = services.room.raise_action(first, item, "Closed at the second", "Ann Police", "2 weeks").value
        early = services.room.raise_action(first, item, "Closed before the second", "Ann Police", "2 weeks").value
        services.cycle.close(first)
        day["today"] = date(2026, 9, 20)
        services.actions.add_update(kept, "Draft map shared")
        services.actions.set_status(early, ActionStatus.COMPLETE)
        day["today"] = date(2026, 10, 6)
        arising = {m.ref: m for m in services.minutes.document(second).matters_arising}
        refs = {a: services.actions.get(a).ref for a in (kept, done, early)}
        assert set(arising) == {refs[kept], refs[done]}
        assert arising[refs[kept]].latest_update == "Draft map shared"
        assert arising[refs[kept]].update_on == date(2026, 9, 20) and arising[refs[kept]].rag.value == "red"
        services.room.record_update(second, kept, "Map agreed by partners")
        services.room.close_action(second, done)
        services.cycle.close(second)
        frozen = {m.ref: m for m in services.minutes.document(second).matters_arising}
        assert frozen[refs[kept]].latest_update == "Map agreed by partners"
        assert frozen[refs[done]].status == "Complete" and frozen[refs[done]].rag.value == "blue"
        # later history does not rewrite closed minutes; the next meeting sees only the still-open one
        day["today"] = date(2026, 10, 20)
        services.actions.add_update(kept, "Printed")
        assert {m.ref: m for m in services.minutes.document(second).matters_arising}[refs[kept]].latest_update == (
            "Map agreed by partners"
        )
        assert [m.ref for m in services.minutes.document(third).matters_arising] == [refs[kept]]
    finally:
        services.close()


def test_close_circulate_agree_then_locked(services: Services, forum: Forum) -> None:
    meeting_id = _meeting(services, forum, datetime(2026, 11, 25, 10))
    item = services.cycle.items(meeting_id)[0]
    services.room.save_notes(item.id, "Welcome all")
    with pytest.raises(ValidationError, match="only draft minutes"):
        services.cycle.mark_circulated(meeting_id)
    services.cycle.close(meeting_id)
    assert services.cycle.meeting(meeting_id).minutes_status is MinutesStatus.DRAFT
    assert services.cycle.meeting(meeting_id).status is MeetingStatus.HELD
    services.cycle.mark_circulated(meeting_id)
    services.cycle.agree(meeting_id, "Item 1: spelling of a name corrected", on=date(2026, 12, 20))
    meeting = services.cycle.meeting(meeting_id)
    assert meeting.minutes_status is MinutesStatus.AGREED and meeting.agreed_on == date(2026, 12, 20)
    assert services.minutes.document(meeting_id).amendments == "Item 1: spelling of a name corrected"
    for change in (
        lambda: services.room.save_notes(item.id, "Rewritten"),
        lambda: services.room.add_decision(meeting_id, item.id, "Late decision"),
        lambda: services.room.raise_action(meeting_id, item.id, "Late", "", ""),
        lambda: services.room.set_attendance(meeting_id, forum.people["Ann Police"], P),
        lambda: services.cycle.add_item(meeting_id, "Late item"),
    ):
        with pytest.raises(LockedMinutesError, match="agreed as a correct record on 20/12/2026"):
            change()
    assert services.cycle.items(meeting_id)[0].notes == "Welcome all"
    services.room.amend_notes(item.id, "Welcome to all members", "Correction agreed by the chair")
    assert services.cycle.items(meeting_id)[0].notes == "Welcome to all members"
    rows = services.store.query(
        "SELECT entity, operation, new_value FROM audit_log WHERE operation = 'amendment' ORDER BY id"
    )
    assert [tuple(r) for r in rows] == [
        ("agenda_item", "amendment", "Welcome to all members"),
        ("meeting", "amendment", "Correction agreed by the chair"),
    ]


# -- the demo data ----------------------------------------------------------------------------------------------
def test_demo_every_open_action_of_a_held_meeting_is_in_the_next_held_meetings_minutes(demo_path: Path) -> None:
    services = open_services(demo_path, create=False, today=lambda: TODAY)
    checked = 0
    try:
        for f in services.forums.forums():
            held = [m for m in services.meetings.meetings(f.id) if m.status is MeetingStatus.HELD]
            for first, second in itertools.pairwise(held):
                on = second.starts_at.date()
                raised = [
                    a
                    for a in services.actions.list(ActionQuery(meeting_id=first.id))
                    if a.is_open or (a.closed_on or on) >= on
                ]
                doc = services.minutes.document(second.id)
                arising = {m.ref: m for m in doc.matters_arising}
                for action in raised:
                    assert action.ref in arising, f"{action.ref} missing from the minutes of {on:%d/%m/%Y}"
                    updates = [u for u in services.actions.updates(action.id) if u.on <= on]
                    expected = updates[0].text if updates else ""
                    assert arising[action.ref].latest_update == expected
                    checked += 1
    finally:
        services.close()
    assert checked >= 50  # the demo really exercises carry-forward


def forum_in(services: Services) -> Forum:
    forum_id = services.forums.create("Carry CSP", quorum_kind=QuorumKind.AGENCIES, quorum_count=1).value
    person = services.directory.add_person("Ann Police", "Essex Police").value
    services.forums.add_member(forum_id, person)
    return Forum(forum_id, {"Ann Police": person})


def test_older_minutes_name_the_meeting_that_followed_as_the_next(services: Services) -> None:
    """Found trying issue 16 (every meeting's Word minutes exported): the minutes of 07/01/2025 said "Date of next
    meeting: Tuesday 15/12/2026", the next meeting still planned today, not 11/02/2025, the one that followed."""
    forum = services.forums.create("Harlow CSP").value
    january = services.cycle.plan_meeting(forum, datetime(2025, 1, 7, 14, 0), venue="Civic Centre").value
    february = services.cycle.plan_meeting(forum, datetime(2025, 2, 11, 14, 0), venue="Latton Bush").value
    march = services.cycle.plan_meeting(forum, datetime(2025, 3, 11, 14, 0)).value
    services.cycle.plan_meeting(forum, datetime(2026, 12, 15, 14, 0), venue="Civic Centre")
    services.cycle.close(january)
    services.cycle.close(february)
    services.cycle.cancel(march)
    assert services.minutes.document(january).next_meeting == "Tuesday 11/02/2025 14:00, Latton Bush"
    assert services.minutes.document(february).next_meeting == "Tuesday 15/12/2026 14:00, Civic Centre"
