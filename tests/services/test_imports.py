"""The import service on real temp databases: plan (dry run), one-transaction import, update by ref,
re-import, undo, and all-or-nothing when the import fails or is killed part-way."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from forumdesk.db.repositories import bulk
from forumdesk.db.repositories.imports import ImportRepository
from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.errors import StoreError, ValidationError
from forumdesk.domain.model import Action
from forumdesk.domain.queries import ActionQuery
from forumdesk.imports.outcome import Outcome
from forumdesk.services import Services, import_writer, open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.imports import ImportService
from tests.conftest import TODAY

DATA = Path(__file__).resolve().parents[1] / "data"
FORUM = "Basildon Community Safety Partnership"
TRACKER = DATA / "basildon_csp_actions.xlsx"


@pytest.fixture
def svc(db_path: Path) -> Iterator[Services]:
    services = open_services(db_path, today=lambda: TODAY)
    services.forums.create(FORUM)
    services.directory.add_person("Jan Wójcik", "Basildon Council", role="Community Safety Manager")
    yield services
    services.close()


@pytest.fixture
def imports(svc: Services) -> ImportService:
    return svc.imports


def dump(services: Services) -> str:
    return "\n".join(services.store.conn.iterdump())


def actions_by_ref(services: Services) -> dict[str, Action]:
    return {a.ref: a for a in services.actions.list(ActionQuery())}


def count(services: Services, table: str) -> int:
    return int(services.store.scalar(f"SELECT count(*) FROM {table}"))


def test_dry_run_plans_every_row_and_writes_nothing(svc: Services, imports: ImportService) -> None:
    before = dump(svc)
    plan = imports.plan_actions(imports.read_actions(TRACKER), FORUM)
    assert dump(svc) == before
    assert (plan.count(Outcome.ADD), plan.count(Outcome.UPDATE), len(plan.skipped)) == (9, 0, 4)
    assert plan.people_to_create == (
        "PC Ann Lee (Essex Police)",
        "Siobhán O'Brien (Essex Police)",
        "Tomáš Dvořák (Essex County Fire and Rescue Service)",
        "Zoë Adeyemi (Basildon Council)",
        "Łukasz Nowak (Basildon Council)",
    )  # Jan Wójcik is already a person: matched, not created
    assert plan.agencies_to_create == ("Essex County Fire and Rescue Service", "Essex Police")
    duplicate = [m for m in plan.skipped if m.reason.startswith("ref ")]
    assert [(str(m.place), m.reason) for m in duplicate] == [
        ("Open actions, row 7", "ref BCSP/25/001 is also on the closed sheet (Closed actions, row 8), which wins")
    ]


def test_import_writes_every_field(svc: Services, imports: ImportService) -> None:
    jan = svc.directory.find_person("Jan Wójcik")
    result = imports.import_actions(imports.read_actions(TRACKER), FORUM).value
    assert (result.added, result.updated, result.skipped, result.people_created, result.agencies_created) == (
        9,
        0,
        4,
        5,
        2,
    )
    actions = actions_by_ref(svc)
    assert sorted(actions) == sorted(
        [
            "BCSP/25/001",
            "BCSP/25/002",
            "BCSP/25/003",
            "4",
            "BCSP/25/005",
            "BCSP/25/006",
            "BCSP/24/017",
            "BCSP/24/018",
            "BCSP/25/007",
        ]
    )
    first = actions["BCSP/25/001"]
    assert first.owner_id == jan.id and first.owner_org == "Basildon Council"
    assert (first.raised_on, first.due_date, first.revised_due_date) == (
        date(2025, 1, 14),
        date(2025, 2, 28),
        date(2025, 3, 31),
    )
    assert first.status is ActionStatus.IN_PROGRESS and first.minute_ref == "5.1"
    assert [(u.on, u.text) for u in svc.actions.updates(first.id)] == [
        (date(2025, 3, 20), "Awaiting sign-off by the chair"),
        (date(2025, 3, 3), "Draft pathway circulated"),
    ]
    tbc = actions["BCSP/25/002"]
    assert tbc.due_date is None and tbc.owner_name == "Siobhán O'Brien" and tbc.owner_org == "Essex Police"
    texts = [u.text for u in svc.actions.updates(tbc.id)]
    assert "Imported from basildon_csp_actions.xlsx (Open actions, row 8): Due date: TBC" in texts
    assert "Training dates being sought" in texts
    assert actions["BCSP/25/003"].description.startswith("=Agree the licensing")
    assert actions["4"].status is ActionStatus.COMPLETE and actions["4"].owner_name == "Łukasz Nowak"
    closed = actions["BCSP/24/017"]
    assert (closed.status, closed.closed_on, closed.raised_on) == (
        ActionStatus.COMPLETE,
        date(2024, 12, 2),
        date(2024, 11, 30),
    )
    generated = actions["BCSP/25/007"]  # the row without a ref got the forum's next ref for 2025
    assert generated.description == "Write to the Home Office about knife arches"
    assert generated.raised_on == date(2025, 1, 10)
    batch = svc.store.scalar("SELECT count(*) FROM actions WHERE import_batch = ?", (result.batch_id,))
    assert batch == 9
    assert imports.batch(result.batch_id).summary == result.summary


def test_existing_ref_updates_that_action_and_undo_restores_it(svc: Services, imports: ImportService) -> None:
    forum = svc.forums.find(FORUM)
    action_id = svc.actions.record(
        NewAction(forum.id, "Review the MARAC pathway", due_date=date(2025, 2, 1), raised_on=date(2025, 1, 14))
    ).value
    assert svc.actions.get(action_id).ref == "BCSP/25/001"
    plan = imports.plan_actions(imports.read_actions(TRACKER), FORUM)
    row = next(r for r in plan.rows if r.row.ref == "BCSP/25/001")
    assert row.outcome is Outcome.UPDATE and row.action_id == action_id
    assert row.reason.startswith("description, status, owner, agency, due date, revised date")
    result = imports.import_actions(imports.read_actions(TRACKER), FORUM).value
    assert (result.added, result.updated) == (8, 1)
    updated = svc.actions.get(action_id)
    assert updated.description == "Review the MARAC referral pathway with Łukasz Nowak"
    assert updated.due_date == date(2025, 2, 28)
    assert len([a for a in svc.actions.list(ActionQuery()) if a.ref == "BCSP/25/001"]) == 1

    undone = imports.undo(result.batch_id).value
    assert undone.restored == 1
    restored = svc.actions.get(action_id)
    assert (restored.description, restored.due_date, restored.owner_id, restored.status) == (
        "Review the MARAC pathway",
        date(2025, 2, 1),
        None,
        ActionStatus.OPEN,
    )
    assert svc.actions.updates(action_id) == []
    assert count(svc, "actions") == 1


def test_importing_twice_changes_nothing_the_second_time(svc: Services, imports: ImportService) -> None:
    imports.import_actions(imports.read_actions(TRACKER), FORUM)
    updates = count(svc, "action_updates")
    again = imports.import_actions(imports.read_actions(TRACKER), FORUM).value
    assert (again.added, again.updated, again.unchanged, again.people_created) == (0, 0, 9, 0)
    assert count(svc, "actions") == 9 and count(svc, "action_updates") == updates


def test_undo_removes_what_the_import_added_but_keeps_people_now_used(svc: Services, imports: ImportService) -> None:
    people_before = {p.name for p in svc.directory.people()}
    result = imports.import_actions(imports.read_actions(TRACKER), FORUM).value
    siobhan = svc.directory.find_person("Siobhán O'Brien")
    svc.forums.add_member(svc.forums.find(FORUM).id, siobhan.id)  # now used outside the import
    undone = imports.undo(result.batch_id).value
    assert count(svc, "actions") == 0 and count(svc, "action_updates") == 0
    assert undone.kept == ("Siobhán O'Brien", "Essex Police")
    assert {p.name for p in svc.directory.people()} == people_before | {"Siobhán O'Brien"}
    assert imports.batch(result.batch_id).undone
    with pytest.raises(ValidationError, match="already undone"):
        imports.undo(result.batch_id)


def test_a_failure_on_row_n_leaves_the_database_as_it_was(
    svc: Services, imports: ImportService, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(svc)
    real_add = ImportRepository.add_actions
    calls = []

    def failing_add(self: ImportRepository, *args: object, **kwargs: object) -> list[int]:
        calls.append(1)
        if len(calls) == 5:
            raise OSError("disk gone")
        return real_add(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(import_writer, "FLUSH_ROWS", 1)  # each new action written on its own: four went in
    monkeypatch.setattr(ImportRepository, "add_actions", failing_add)
    with pytest.raises(OSError):
        imports.import_actions(imports.read_actions(TRACKER), FORUM)
    assert len(calls) == 5
    assert dump(svc) == before
    assert count(svc, "import_batches") == 0


def test_a_failure_inside_a_bulk_insert_leaves_the_database_as_it_was(
    svc: Services, imports: ImportService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sqlite-utils writes a few rows per statement: the second statement fails after the first went in."""
    before = dump(svc)
    real_chunk = sqlite_utils.db.Table.insert_chunk
    chunks: list[str] = []

    def failing_chunk(self: sqlite_utils.db.Table, *args: object, **kwargs: object) -> object:
        chunks.append(self.name)
        if chunks.count("actions") == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real_chunk(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)
    monkeypatch.setattr(sqlite_utils.db.Table, "insert_chunk", failing_chunk)
    with pytest.raises(StoreError):
        imports.import_actions(imports.read_actions(TRACKER), FORUM)
    assert chunks.count("actions") == 2
    assert dump(svc) == before


def test_a_killed_import_leaves_nothing_behind(svc: Services, db_path: Path) -> None:
    people, orgs = count(svc, "people"), count(svc, "organisations")
    svc.close()
    script = textwrap.dedent(
        f"""
        import os, signal
        from forumdesk.db.repositories.imports import ImportRepository
        from forumdesk.services import import_writer, open_services
        from forumdesk.services.imports import ImportService
        real, calls = ImportRepository.add_actions, []
        def add(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == 6:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(self, *args, **kwargs)
        import_writer.FLUSH_ROWS = 1  # each new action written on its own: five went in before the kill
        ImportRepository.add_actions = add
        services = open_services({str(db_path)!r})
        service = services.imports
        service.import_actions(service.read_actions({str(TRACKER)!r}), {FORUM!r})
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    after = open_services(db_path, create=False, today=lambda: TODAY)
    try:
        assert count(after, "actions") == 0 and count(after, "action_updates") == 0
        assert (count(after, "people"), count(after, "organisations")) == (people, orgs)
        assert count(after, "import_batches") == 0
        assert after.admin.check().ok
    finally:
        after.close()


def write_csv(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rag_kept_only_where_more_severe_than_the_rule(svc: Services, imports: ImportService, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "rag.csv",
        [
            "Ref,Action,Date raised,Due,RAG",
            "R1,Behind although dated well ahead,01/11/2026,31/03/2027,Red",
            "R2,Overdue although marked green,01/01/2026,01/02/2026,Green",
        ],
    )
    imports.import_actions(imports.read_actions(path), FORUM)
    actions = actions_by_ref(svc)
    assert actions["R1"].rag_override is Rag.RED and actions["R1"].rag(TODAY) is Rag.RED
    assert actions["R2"].rag_override is None and actions["R2"].rag(TODAY) is Rag.RED
    notes = [u.text for u in svc.actions.updates(actions["R2"].id)]
    assert notes == ["Imported from rag.csv (rag, row 3): RAG in the tracker: Green (the rule gives Red)"]


def test_contradictory_dates_import_the_row_as_written_with_a_warning(
    svc: Services, imports: ImportService, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        "dates.csv",
        [
            "Ref,Action,Date raised,Due",
            "D1,Due before it was raised,10/05/2025,01/05/2025",
            "D2,Fine,10/05/2025,01/06/2025",
        ],
    )
    plan = imports.plan_actions(imports.read_actions(path), FORUM)
    assert [(r.row.ref, r.outcome) for r in plan.rows] == [("D1", Outcome.ADD), ("D2", Outcome.ADD)]
    assert [(str(m.place), m.reason) for m in plan.warnings] == [
        ("dates, row 2", "the due date 01/05/2025 is before the date raised 10/05/2025: imported as written")
    ]
    imports.import_actions(imports.read_actions(path), FORUM)
    written = actions_by_ref(svc)["D1"]
    assert (written.raised_on, written.due_date) == (date(2025, 5, 10), date(2025, 5, 1))


def test_owners_matched_by_agency_where_names_are_shared(svc: Services, imports: ImportService, tmp_path: Path) -> None:
    police = svc.directory.add_person("Ann Lee", "Essex Police").value
    svc.directory.add_person("Ann Lee", "Basildon Council")
    path = write_csv(
        tmp_path,
        "owners.csv",
        [
            "Ref,Action,Owner",
            "O1,One,Ann Lee (Essex Police)",
            "O2,Two,ann lee",
            "O3,Three,All partners",
        ],
    )
    imports.import_actions(imports.read_actions(path), FORUM)
    actions = actions_by_ref(svc)
    assert actions["O1"].owner_id == police
    assert actions["O2"].owner_id is None
    assert "Owner: ann lee (2 people have this name" in svc.actions.updates(actions["O2"].id)[0].text
    assert actions["O3"].owner_id is None
    assert count(svc, "people") == 3


def test_member_list_updates_people_joins_the_forum_and_undoes(svc: Services, imports: ImportService) -> None:
    forum = svc.forums.find(FORUM)
    file = imports.read_people(DATA / "members.xlsx")
    plan = imports.plan_people(file, FORUM)
    assert [(r.row.name, r.outcome) for r in plan.rows] == [
        ("Jan Wójcik", Outcome.UPDATE),
        ("Łukasz Nowak", Outcome.ADD),
        ("Siobhán O'Brien", Outcome.ADD),
        ("Tomáš Dvořák", Outcome.ADD),
    ]
    assert plan.rows[0].reason == "email, phone"
    result = imports.import_people(file, FORUM).value
    assert (result.added, result.updated, result.memberships_created) == (3, 1, 4)
    jan = svc.directory.find_person("Jan Wójcik")
    assert (jan.email, jan.phone) == ("jan.wojcik@basildon.example", "01268 000001")
    dvorak = svc.directory.find_person("Tomáš Dvořák")
    assert (dvorak.role, dvorak.organisation, dvorak.email) == (
        "Station Manager",
        "Essex County Fire and Rescue Service",
        "",
    )
    assert {m.person_name for m in svc.forums.members(forum.id)} == {
        "Jan Wójcik",
        "Łukasz Nowak",
        "Siobhán O'Brien",
        "Tomáš Dvořák",
    }
    imports.undo(result.batch_id)
    assert svc.forums.members(forum.id) == []
    assert [p.name for p in svc.directory.people()] == ["Jan Wójcik"]
    jan = svc.directory.find_person("Jan Wójcik")
    assert (jan.email, jan.phone, jan.role) == ("", "", "Community Safety Manager")


def test_meeting_date_links_the_forums_meeting_of_that_day(svc: Services, imports: ImportService) -> None:
    from datetime import datetime

    forum = svc.forums.find(FORUM)
    meeting_id = svc.meetings.schedule(forum.id, datetime(2025, 1, 14, 10, 0)).value
    imports.import_actions(imports.read_actions(TRACKER), FORUM)
    actions = actions_by_ref(svc)
    assert actions["BCSP/25/001"].meeting_id == meeting_id  # "CSP 14/01/2025"
    assert actions["BCSP/25/003"].meeting_id is None  # 11/03/2025: no meeting that day


def test_a_second_import_of_a_later_tracker_updates_and_adds_dated_updates(
    svc: Services, imports: ImportService, tmp_path: Path
) -> None:
    first = write_csv(
        tmp_path,
        "march.csv",
        [
            "Ref,Action,Owner,Due,Status,Update",
            "M1,Commission the night bus review,Jan Wójcik,30/04/2025,Open,01/03/2025: scoping",
        ],
    )
    imports.import_actions(imports.read_actions(first), FORUM)
    later = write_csv(
        tmp_path,
        "april.csv",
        [
            "Ref,Action,Owner,Due,Revised date,Status,Update",
            "M1,Commission the night bus review,Jan Wójcik,30/04/2025,31/05/2025,In progress,"
            '"01/03/2025: scoping\n02/04/2025: supplier chosen"',
        ],
    )
    plan = imports.plan_actions(imports.read_actions(later), FORUM)
    assert (plan.rows[0].outcome, plan.rows[0].reason) == (Outcome.UPDATE, "status, revised date; 1 new update(s)")
    result = imports.import_actions(imports.read_actions(later), FORUM).value
    action = actions_by_ref(svc)["M1"]
    assert (action.status, action.revised_due_date) == (ActionStatus.IN_PROGRESS, date(2025, 5, 31))
    assert [(u.on, u.text) for u in svc.actions.updates(action.id)] == [
        (date(2025, 4, 2), "supplier chosen"),
        (date(2025, 3, 1), "scoping"),
    ]
    imports.undo(result.batch_id)
    action = actions_by_ref(svc)["M1"]
    assert (action.status, action.revised_due_date) == (ActionStatus.OPEN, None)
    assert len(svc.actions.updates(action.id)) == 1


def test_names_beyond_english_match_in_any_case_and_unicode_form(
    svc: Services, imports: ImportService, tmp_path: Path
) -> None:
    lukasz = svc.directory.add_person("Łukasz Nowak", "Basildon Council").value
    siobhan = svc.directory.add_person("Siobhán O'Brien", "Essex Police").value
    path = write_csv(
        tmp_path,
        "case.csv",
        [
            "Ref,Action,Owner,Agency",
            "U1,Upper case,ŁUKASZ  NOWAK,BASILDON COUNCIL",
            "U2,Decomposed accent,Siobha\u0301n O'Brien,",
        ],
    )
    plan = imports.plan_actions(imports.read_actions(path), FORUM)
    assert plan.people_to_create == () and plan.agencies_to_create == ()
    imports.import_actions(imports.read_actions(path), FORUM)
    actions = actions_by_ref(svc)
    assert actions["U1"].owner_id == lukasz and actions["U1"].owner_org == "Basildon Council"
    assert actions["U2"].owner_id == siobhan
    assert count(svc, "people") == 3 and count(svc, "organisations") == 2


def test_an_import_takes_a_backup_first(tmp_path: Path) -> None:
    from forumdesk.services import open_services
    from forumdesk.services.setup import create_database

    path = tmp_path / "forum.sqlite"
    create_database(path)
    services = open_services(path)
    imports = services.imports
    file = imports.read_actions(DATA / "utf8_bom_actions.csv")
    before = [b.reason for b in services.backups.backups()]
    imports.import_actions(file, "Community Safety Partnerships")
    after = [b.reason for b in services.backups.backups()]
    services.close()
    assert after.count("import") == before.count("import") + 1


def test_the_import_does_what_the_dry_run_said_for_rows_without_a_ref(
    svc: Services, imports: ImportService, tmp_path: Path
) -> None:
    """Rows are written as they are resolved: a row without a ref must not find the one written just before."""
    path = write_csv(tmp_path, "norefs.csv", ["Action,Owner", "Same words twice,Ann Lee", "Same words twice,Bob Day"])
    plan = imports.plan_actions(imports.read_actions(path), FORUM)
    assert [r.outcome for r in plan.rows] == [Outcome.ADD, Outcome.ADD]
    result = imports.import_actions(imports.read_actions(path), FORUM).value
    assert (result.added, result.updated) == (2, 0)
    assert count(svc, "actions") == 2


def test_a_row_found_by_its_text_finds_an_action_added_earlier_in_the_same_file(
    svc: Services, imports: ImportService, tmp_path: Path
) -> None:
    """New actions wait in the writer; one a later row finds by its text is written before the look-up, so the
    later row updates it (as when every row was written at once) instead of adding it twice."""
    forum = "Community Safety Hubs"
    first = write_csv(tmp_path, "first.csv", ["No.,Action,Due", "7,Patrol the park at night,30/01/2026"])
    imports.import_actions(imports.read_actions(first), forum)
    second = write_csv(
        tmp_path,
        "second.csv",
        [
            "Ref,Action,Due",
            "CSH/26/050,Knife amnesty bins at the station,28/02/2026",
            "7,Knife amnesty bins at the station,30/03/2026",  # ref 7 is another action: found by its text
        ],
    )
    result = imports.import_actions(imports.read_actions(second), forum).value
    assert (result.added, result.updated) == (1, 1)
    rows = svc.store.query("SELECT ref, description, due_date FROM actions ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("7", "Patrol the park at night", "2026-01-30"),
        ("CSH/26/050", "Knife amnesty bins at the station", "2026-03-30"),
    ]
