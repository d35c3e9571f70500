"""Backups: checked copies in the user data folder, taken automatically only when due and changed,
before migrations, thinned by day, week and month (never the newest good one), listed with counts, and
restored with the current content kept aside."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from forumdesk.db import open_store
from forumdesk.db.migrations import LATEST, backup_before_migration
from forumdesk.db.snapshots import backup_folder, quick_check
from forumdesk.domain.errors import StoreError
from forumdesk.paths import user_data_dir
from forumdesk.services import Services
from forumdesk.services.actions import NewAction
from forumdesk.services.backups import BackupService, keep_set
from tests.conftest import TODAY
from tests.safety.conftest import ACTIONS, open_services_fixed


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_a_backup_is_a_checked_self_contained_copy_in_the_user_data_folder(filled: Path) -> None:
    services = open_services_fixed(filled)
    try:
        info = services.backups.backup_now("import")
    finally:
        services.close()
    assert info.path.parent == backup_folder(filled)
    assert info.path.is_relative_to(user_data_dir() / "backups")
    assert info.reason == "import" and info.actions == ACTIONS and info.meetings == 1
    assert quick_check(info.path)
    assert not Path(f"{info.path}-wal").exists()
    assert not list(info.path.parent.glob(".*partial"))


def test_automatic_backups_wait_30_minutes_and_need_a_change(filled: Path) -> None:
    clock = Clock()
    services = open_services_fixed(filled)
    try:
        backups = BackupService(services.store, clock=clock)
        assert backups.maybe_backup() is not None  # the first one
        services.actions.record(NewAction(services.forums.forums()[0].id, "a change"))
        clock.now += timedelta(minutes=10)
        assert backups.maybe_backup() is None  # changed, but the last backup is recent
        clock.now += timedelta(minutes=25)
        taken = backups.maybe_backup()
        assert taken is not None and taken.actions == ACTIONS + 1
        clock.now += timedelta(hours=2)
        assert backups.maybe_backup() is None  # nothing changed since
    finally:
        services.close()


def test_a_change_by_another_program_counts_as_a_change(filled: Path) -> None:
    clock = Clock()
    services = open_services_fixed(filled)
    try:
        backups = BackupService(services.store, clock=clock)
        backups.backup_now()
        other = open_services_fixed(filled)
        other.actions.record(NewAction(other.forums.forums()[0].id, "from the command line"))
        other.close()
        clock.now += timedelta(minutes=31)
        assert backups.maybe_backup() is not None
    finally:
        services.close()


def test_a_migration_backs_up_into_the_backups_folder(filled: Path) -> None:
    store = open_store(filled, create=False)
    try:
        target = backup_before_migration(store, "9999_test")
    finally:
        store.close()
    assert target.parent == backup_folder(filled) and "before-9999-test" in target.name
    assert quick_check(target) and LATEST >= 1


def test_thinning_keeps_12_days_10_weeks_9_months_and_the_newest(tmp_path: Path) -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    stamped = [(now - timedelta(hours=6 * n), tmp_path / f"b{n}") for n in range(4 * 400)]  # 400 days, 4 a day
    keep = keep_set(stamped, now)
    days = {when.astimezone().date() for when, path in stamped if path in keep}
    assert stamped[0][1] in keep
    assert all(path in keep for when, path in stamped if now - when < timedelta(hours=24))
    assert len(keep) <= 4 + 12 + 10 + 9
    assert len(days) >= 12
    oldest = min(when for when, path in stamped if path in keep)
    assert timedelta(days=230) < now - oldest < timedelta(days=280)  # nine months, newest of each
    assert keep_set([(now - timedelta(days=900), tmp_path / "only")], now) == {tmp_path / "only"}


def test_thinning_deletes_old_backups_but_never_the_newest_good_one(filled: Path) -> None:
    clock = Clock()
    services = open_services_fixed(filled)
    try:
        backups = BackupService(services.store, clock=clock)
        clock.now -= timedelta(days=400)
        for _ in range(25):
            backups.backup_now()
            clock.now += timedelta(days=5)
        left = backups.backups()
        assert 12 <= len(left) < 25  # thinned as it went: 12 days, then weeks and months
        newest = left[0]
        newest.path.write_bytes(b"not a database any more")  # the newest one goes bad
        left = backups.backups()
        clock.now += timedelta(days=800)  # and then a long gap
        backups.thin()
        left = backups.backups()
        assert len(left) >= 1
        assert left[0].taken_at == max(b.taken_at for b in left)
        assert backups.newest_good() == left[0]
    finally:
        services.close()


def test_the_list_gives_dates_and_counts_newest_first(filled: Path) -> None:
    clock = Clock()
    services = open_services_fixed(filled)
    try:
        backups = BackupService(services.store, clock=clock)
        backups.backup_now("manual")
        services.actions.record(NewAction(services.forums.forums()[0].id, "one more"))
        clock.now += timedelta(minutes=1)
        backups.backup_now("import")
        listed = backups.backups()
    finally:
        services.close()
    assert [(b.reason, b.actions, b.meetings) for b in listed] == [("import", ACTIONS + 1, 1), ("manual", ACTIONS, 1)]
    assert listed[0].label == clock.now.astimezone().strftime("%d/%m/%Y %H:%M")


def test_restore_brings_back_the_backup_and_keeps_the_current_content(services: Services) -> None:
    forum = services.forums.forums()[0]
    services.actions.record(NewAction(forum.id, "before the backup"))
    old = services.backups.backup_now()
    services.actions.record(NewAction(forum.id, "after the backup"))
    done = services.backups.restore(old)
    aside, changes = done.value, done.changes
    assert changes.actions and changes.meetings
    assert [a.description for a in services.actions.list(_all())] == ["before the backup"]
    assert aside.reason == "before-restore" and aside.actions == 2 and aside.path.exists()
    services.backups.restore(aside)  # and the restore can be undone
    assert len(services.actions.list(_all())) == 2
    assert services.admin.check().ok
    assert services.store.scalar("SELECT count(*) FROM audit_log WHERE operation = 'restore'") >= 1


def test_a_damaged_backup_is_refused_and_nothing_changes(services: Services) -> None:
    info = services.backups.backup_now()
    with info.path.open("r+b") as handle:
        handle.write(b"garbage" * 20)
    with pytest.raises(StoreError, match="is damaged: choose another one"):
        services.backups.restore(info)
    assert services.admin.check().ok


def test_a_backup_of_an_older_schema_is_migrated_when_restored(services: Services) -> None:
    info = services.backups.backup_now()
    conn = sqlite3.connect(info.path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    services.backups.restore(info)
    assert services.store.scalar("PRAGMA user_version") == version == LATEST


def _all() -> object:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery()


def _today() -> object:
    return TODAY
