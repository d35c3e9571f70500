"""Undo and redo in the backend (issue 13): every kind of edit the GUI makes is taken back and put back
exactly, through ``HistoryService`` and through ``forumdesk undo`` / ``redo``; an undo is refused when
another program changed the row since; a new write empties the redo list."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from forumdesk.cli import main
from forumdesk.db.journal import NOT_JOURNALED, domain_tables
from forumdesk.domain.agenda import TemplateItem
from forumdesk.domain.enums import ActionStatus, AttendanceStatus, Marking
from forumdesk.domain.errors import UndoConflictError, ValidationError
from forumdesk.domain.patches import (
    ActionPatch,
    AgendaItemPatch,
    ForumPatch,
    MeetingPatch,
    MembershipPatch,
    OrganisationPatch,
    PersonPatch,
)
from forumdesk.domain.recurrence import SeriesRule
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.forums import ForumState
from tests.papers import files

TODAY = date(2026, 11, 25)


@dataclass
class World:
    forum: int
    person: int
    member: int
    actions: list[int]
    meeting: int
    item: int
    other: int  # "Di Dean", a person who is not a member
    paper: int  # a PDF paper attached to ``item`` (its bytes must come back exactly)
    folder: Path  # where the tests' papers are


@pytest.fixture
def svc(db_path: Path) -> Any:
    services = open_services(db_path, today=lambda: TODAY)
    yield services
    services.close()


@pytest.fixture
def world(svc: Services, tmp_path: Path) -> World:
    forum = svc.forums.create("Undo Test CSP").value
    person = svc.directory.add_person("Ann Archer", "Essex Police").value
    member = svc.forums.add_member(forum, person).value
    actions = [svc.actions.record(NewAction(forum, f"Action {n}", owner_id=person)).value for n in range(3)]
    meeting = svc.cycle.plan_meeting(forum, datetime(2026, 12, 1, 10, 0)).value
    item = svc.cycle.add_item(meeting, "Night-time economy").value
    number = svc.cycle.item(item).minute_ref
    paper = svc.papers.add(meeting, number, files.reportlab_pdf(tmp_path / "Paper one.pdf", 3)).value.id
    files.reportlab_pdf(tmp_path / "Paper two.pdf", 2, title="Second")
    other = svc.directory.add_person("Di Dean", "Essex Police").value
    return World(forum, person, member, actions, meeting, item, other, paper, tmp_path)


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every domain table's rows: what undo must put back exactly."""
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in domain_tables(conn)}
    finally:
        conn.close()


Edit = Callable[[Services, World], Any]
EDITS: dict[str, Edit] = {
    "action edit": lambda s, w: s.actions.edit(
        w.actions[0], ActionPatch(description="Fix the lights", due_date=date(2027, 1, 5))
    ),
    "bulk edit": lambda s, w: s.actions.bulk_edit(w.actions, ActionPatch(status=ActionStatus.COMPLETE)),
    "new action": lambda s, w: s.actions.record(NewAction(w.forum, "Brand new", aim_codes=("DA-1",))),
    "add update": lambda s, w: s.actions.add_update(w.actions[1], "Spoke to the council"),
    "forum edit": lambda s, w: s.forums.save(
        w.forum, ForumState(ForumPatch(name="Renamed CSP", district="Harlow"), (), ())
    ),
    "person edit": lambda s, w: s.directory.update_person(
        w.person, PersonPatch(role="Inspector", organisation="New Agency")
    ),
    "agency edit": lambda s, w: s.directory.update_organisation(
        s.directory.find_organisation("Essex Police").id, OrganisationPatch(short_name="EP")
    ),
    "membership edit": lambda s, w: s.forums.update_member(w.member, MembershipPatch(to_date=TODAY)),
    "meeting edit": lambda s, w: s.cycle.edit_meeting(
        w.meeting, MeetingPatch(venue="Civic Centre", marking=Marking.OFFICIAL_SENSITIVE)
    ),
    "agenda edit": lambda s, w: s.cycle.edit_item(w.item, AgendaItemPatch(title="Knife crime", minutes_allowed=25)),
    "agenda add": lambda s, w: s.cycle.add_item(w.meeting, "Any other business, late"),
    "agenda remove": lambda s, w: s.cycle.remove_item(w.item),
    "agenda reorder": lambda s, w: s.cycle.move_item(w.item, -1),
    "attendance": lambda s, w: s.room.set_attendance(w.meeting, w.person, AttendanceStatus.APOLOGIES),
    "decision": lambda s, w: s.room.add_decision(w.meeting, w.item, "Agreed to fund two more street pastors"),
    "notes": lambda s, w: s.room.save_notes(w.item, "The chair opened the meeting."),
    "delete action": lambda s, w: s.actions.delete(w.actions[2]),
    "close meeting": lambda s, w: s.cycle.close(w.meeting),
    "new person": lambda s, w: s.directory.add_person("Bo Baker", "Brand New Agency", "Officer"),
    "add member": lambda s, w: s.forums.add_member(w.forum, w.other, "Chair"),
    "remove member": lambda s, w: s.forums.remove_member(w.member),
    "archive forum": lambda s, w: s.forums.archive(w.forum),
    "forum aims": lambda s, w: s.forums.set_aims(w.forum, [a.id for a in s.strategy.aims()[:2]]),
    "action aims": lambda s, w: s.actions.set_aims(w.actions[0], ["DA-1", "DA-2"]),
    "deputy": lambda s, w: s.room.set_deputy(w.meeting, w.person, "Di Dean"),
    "guest": lambda s, w: s.room.add_guest(w.meeting, "Ed Evans", "Visiting Agency"),
    "raise action": lambda s, w: s.room.raise_action(w.meeting, w.item, "Walk the route", "Ann Archer", "2 weeks"),
    "matters update": lambda s, w: s.room.record_update(w.meeting, w.actions[0], "Half done"),
    "close action": lambda s, w: s.room.close_action(w.meeting, w.actions[1]),
    "cancel meeting": lambda s, w: s.cycle.cancel(w.meeting),
    "move meeting": lambda s, w: s.cycle.move(w.meeting, datetime(2026, 12, 3, 14, 0), venue="Town Hall"),
    "plan series": lambda s, w: s.cycle.plan_series(w.forum, SeriesRule(1, 2), date(2027, 1, 1), 3),
    "agenda template": lambda s, w: s.cycle.set_template(w.forum, [TemplateItem("standing", "Welcome")]),
    "attach paper": lambda s, w: s.papers.add(w.meeting, s.cycle.item(w.item).minute_ref, w.folder / "Paper two.pdf"),
    "remove paper": lambda s, w: s.papers.remove(w.paper),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_each_gui_edit_is_undone_and_redone_exactly(svc: Services, world: World, db_path: Path, kind: str) -> None:
    before = dump(db_path)
    outcome = EDITS[kind](svc, world)
    assert outcome.op_id is not None
    after = dump(db_path)
    assert after != before
    assert svc.history.undo_label() is not None
    undone = svc.history.undo()
    assert undone.value.id == outcome.op_id and undone.changes.any
    assert dump(db_path) == before
    redone = svc.history.redo()
    assert redone.changes.any
    assert dump(db_path) == after
    assert svc.history.redo_label() is None


@pytest.mark.parametrize("kind", list(EDITS))
def test_each_edit_is_undone_and_redone_from_the_command_line(
    svc: Services, world: World, db_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(db_path)
    EDITS[kind](svc, world)
    after = dump(db_path)
    assert main(["undo", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.startswith("Undone: ")
    assert dump(db_path) == before
    assert main(["redo", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.startswith("Redone: ")
    assert dump(db_path) == after


def test_undo_walks_back_through_history_and_a_new_write_empties_redo(svc: Services, world: World) -> None:
    first, second = world.actions[0], world.actions[1]
    svc.actions.edit(first, ActionPatch(description="One"))
    svc.actions.edit(second, ActionPatch(description="Two"))
    assert svc.history.undo_label() == "Undo Edit action"
    svc.history.undo()
    svc.history.undo()
    assert (svc.actions.get(first).description, svc.actions.get(second).description) == ("Action 0", "Action 1")
    assert svc.history.redo_label() == "Redo Edit action"
    svc.history.redo()
    assert svc.actions.get(first).description == "One"
    svc.actions.edit(first, ActionPatch(description="Three"))  # an ordinary write: the redo list goes
    assert svc.history.redo_label() is None
    with pytest.raises(ValidationError, match="nothing to redo"):
        svc.history.redo()
    svc.history.undo()
    assert svc.actions.get(first).description == "One"


def test_undo_is_refused_when_another_program_changed_the_row(
    svc: Services, world: World, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    svc.actions.edit(world.actions[0], ActionPatch(description="Ours"))
    other = sqlite3.connect(db_path)  # the sqlite3 tool: its write is neither journaled nor refused
    other.execute("UPDATE actions SET description = 'Theirs' WHERE id = ?", (world.actions[0],))
    other.commit()
    other.close()
    before = dump(db_path)
    with pytest.raises(UndoConflictError, match=r"^Cannot undo 'Edit action': action UTC/26/001 was changed since"):
        svc.history.undo()
    assert dump(db_path) == before
    assert main(["undo", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("forumdesk: Cannot undo") and "\n" not in err
    assert svc.actions.get(world.actions[0]).description == "Theirs"


def test_undo_is_refused_when_it_would_cascade_onto_a_row_added_since(
    svc: Services, world: World, db_path: Path
) -> None:
    new = svc.actions.record(NewAction(world.forum, "Parent")).value
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA foreign_keys = ON")
    other.execute(
        "INSERT INTO action_updates (action_id, on_date, text, author, created_at) VALUES (?, ?, 'x', 'y', 'z')",
        (new, TODAY.isoformat()),
    )
    other.commit()
    other.close()
    with pytest.raises(UndoConflictError, match="would also change action update"):
        svc.history.undo()
    assert svc.actions.get(new).description == "Parent" and len(svc.actions.updates(new)) == 1


def test_audit_rows_carry_the_operation_and_the_undo_writes_its_own(svc: Services, world: World) -> None:
    outcome = svc.actions.edit(world.actions[0], ActionPatch(description="Audited"))
    stamped = svc.store.query(
        "SELECT op_id FROM audit_log WHERE entity = 'action' AND operation = 'update' AND field = 'description'"
    )
    assert [r[0] for r in stamped] == [outcome.op_id]
    undone = svc.history.undo()
    undo_op = svc.store.scalar("SELECT max(id) FROM operations WHERE kind = 'undo'")
    rows = svc.store.query("SELECT field, old_value, new_value FROM audit_log WHERE op_id = ?", (undo_op,))
    assert ("description", "Audited", "Action 0") in [tuple(r) for r in rows]
    assert undone.value.label == "Edit action"


def test_every_domain_table_has_its_journal_triggers(svc: Services) -> None:
    conn = svc.store.conn
    tables = domain_tables(conn)
    assert {"actions", "people", "forums", "memberships", "meetings", "agenda_items", "attendance"} <= set(tables)
    assert not set(tables) & NOT_JOURNALED
    triggers = {r[0]: r[1] for r in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")}
    for table in tables:
        for event in ("insert", "update", "delete"):
            assert triggers.get(f"journal_{table}_{event}") == table, f"{table} has no journal trigger on {event}"


def test_a_table_a_later_migration_adds_is_journaled_too(svc: Services) -> None:
    from forumdesk.db.journal import sync_triggers

    with svc.store.transaction(journal=False) as conn:
        conn.execute("CREATE TABLE later_things (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
        assert set(sync_triggers(conn)) == {f"journal_later_things_{e}" for e in ("insert", "update", "delete")}
    with svc.store.transaction("Add a thing"):
        svc.store.conn.execute("INSERT INTO later_things (name) VALUES ('x')")
    svc.history.undo()
    assert svc.store.scalar("SELECT count(*) FROM later_things") == 0


def test_writes_outside_an_operation_are_not_journaled_and_not_refused(svc: Services, db_path: Path) -> None:
    rows = svc.store.scalar("SELECT count(*) FROM journal")
    other = sqlite3.connect(db_path)
    other.execute("INSERT INTO districts (name) VALUES ('Nowhere Hundred')")
    other.commit()
    other.close()
    assert svc.store.scalar("SELECT count(*) FROM journal") == rows
    assert svc.store.scalar("SELECT op_id FROM op_current") is None


def test_an_operation_that_writes_nothing_leaves_no_trace(svc: Services, world: World) -> None:
    count = svc.store.scalar("SELECT count(*) FROM operations")
    svc.actions.edit(world.actions[0], ActionPatch(description="Action 0"))  # no change at all
    assert svc.store.scalar("SELECT count(*) FROM operations") == count


def test_the_list_shows_recent_changes_and_what_undo_and_redo_would_do(
    svc: Services, world: World, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    svc.actions.edit(world.actions[0], ActionPatch(description="Listed"))
    svc.history.undo()
    assert main(["undo", "--list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["Change", "When", "Who", "What"]
    assert "Undo Edit action" in out[1] and "Edit action" in out[2] and out[2].rstrip().endswith("undone")
    assert out[-1] == "forumdesk undo: Undo New person; forumdesk redo: Redo Edit action"


def test_nothing_to_undo_is_one_line_and_exit_1(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redo", "--db", str(db_path)]) == 1
    assert capsys.readouterr().err.strip() == "forumdesk: there is nothing to redo"
