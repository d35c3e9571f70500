"""The audit trail: one row per change or export, written in the same transaction, with the UTC time,
the OS user, the record, the field, and the old and new values; append-only; readable per record."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from forumdesk.db.connection import os_user
from forumdesk.domain.enums import ActionStatus, AttendanceStatus
from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.patches import ActionPatch, PersonPatch
from forumdesk.services import Services
from forumdesk.services.actions import NewAction


def audit_count(services: Services) -> int:
    return int(services.store.scalar("SELECT count(*) FROM audit_log"))


def test_an_edit_is_logged_with_time_user_record_field_and_values(services: Services) -> None:
    forum = services.forums.forums()[0]
    action_id = services.actions.record(NewAction(forum.id, "Fix the lights")).value
    services.actions.edit(action_id, ActionPatch(description="Fix the street lights"))
    entry = services.privacy.history("action", action_id)[0]
    assert (entry.entity, entry.entity_id, entry.operation, entry.field) == (
        "action",
        action_id,
        "update",
        "description",
    )
    assert (entry.old_value, entry.new_value) == ("Fix the lights", "Fix the street lights")
    assert entry.user == os_user()
    assert entry.at.tzinfo is not None and entry.at.utcoffset() == UTC.utcoffset(None)
    assert abs((datetime.now(UTC) - entry.at).total_seconds()) < 60


def _write_paths(services: Services, tmp_path: Path) -> list[tuple[str, Callable[[], object]]]:
    forum = services.forums.forums()[0]
    person_id = services.directory.add_person("Alex Audit", "Essex Police").value
    meeting_id = services.meetings.schedule(forum.id, datetime(2026, 11, 20, 10, 0)).value
    action_id = services.actions.record(NewAction(forum.id, "Audit me")).value
    item_id = services.cycle.add_item(meeting_id, "First item").value
    return [
        ("record an action", lambda: services.actions.record(NewAction(forum.id, "Another"))),
        ("edit an action", lambda: services.actions.edit(action_id, ActionPatch(description="Audited"))),
        ("close an action", lambda: services.actions.set_status(action_id, ActionStatus.COMPLETE)),
        ("reopen an action", lambda: services.actions.set_status(action_id, ActionStatus.OPEN)),
        ("add an update", lambda: services.actions.add_update(action_id, "Progress")),
        ("bulk edit", lambda: services.actions.bulk_edit([action_id], ActionPatch(status=ActionStatus.ON_HOLD))),
        ("delete an action", lambda: services.actions.delete(services.actions.record(NewAction(forum.id, "x")).value)),
        ("add a person", lambda: services.directory.add_person("Bea Audit")),
        ("edit a person", lambda: services.directory.update_person(person_id, PersonPatch(role="Sergeant"))),
        ("add a member", lambda: services.forums.add_member(forum.id, person_id)),
        ("schedule a meeting", lambda: services.meetings.schedule(forum.id, datetime(2026, 12, 20, 10, 0))),
        ("add an agenda item", lambda: services.cycle.add_item(meeting_id, "Second item")),
        ("set attendance", lambda: services.room.set_attendance(meeting_id, person_id, AttendanceStatus.PRESENT)),
        ("record a decision", lambda: services.room.add_decision(meeting_id, item_id, "Agreed")),
        (
            "export a subject access report",
            lambda: services.privacy.export_subject_access(person_id, tmp_path / "sar.json"),
        ),
        ("record an export", lambda: services.privacy.record_export("action log PDF", tmp_path / "log.pdf")),
        ("take a backup and restore it", lambda: services.backups.restore(services.backups.backup_now())),
        ("take a backup", lambda: services.backups.backup_now("manual")),
        ("save a copy", lambda: services.admin.backup(tmp_path / "copy.sqlite")),
        ("export a calendar", lambda: services.exports.export_calendar(tmp_path / "meetings.ics")),
    ]


def test_every_write_path_appends_to_the_audit_trail(services: Services, tmp_path: Path) -> None:
    missing = []
    for name, write in _write_paths(services, tmp_path):
        before = audit_count(services)
        write()
        if audit_count(services) <= before:
            missing.append(name)
    assert missing == []


def test_a_failed_action_leaves_neither_the_change_nor_its_audit_row(services: Services) -> None:
    forum = services.forums.forums()[0]
    first = services.actions.record(NewAction(forum.id, "First")).value
    before = audit_count(services)
    with pytest.raises(ForumDeskError):
        services.actions.bulk_edit([first, 999_999], ActionPatch(status=ActionStatus.COMPLETE))
    assert audit_count(services) == before
    assert services.actions.get(first).status is ActionStatus.OPEN


def test_the_trail_refuses_updates_and_deletes_even_from_raw_sql(services: Services) -> None:
    conn = sqlite3.connect(services.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_log SET new_value = 'forged'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit_log")
    finally:
        conn.close()
