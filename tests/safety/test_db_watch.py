"""The app notices commits made by another program (the command line) and takes automatic backups."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from forumdesk.domain.changes import Changes
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.db_watch import BackupScheduler, DatabaseWatcher
from tests.conftest import TODAY
from tests.safety.helpers import run

CLI_WRITE = """
import sys
from forumdesk.cli import main
sys.exit(main(["--db", sys.argv[1], "list", "forums"]))
"""


def _record_elsewhere(path: Path) -> None:
    other = open_services(path, create=False, today=lambda: TODAY)
    try:
        forum = other.forums.forums()[0]
        other.actions.record(NewAction(forum.id, "written by the command line"))
    finally:
        other.close()


def test_a_commit_by_another_connection_refreshes_every_view(qtbot: QtBot, services: Services) -> None:
    ctx = AppContext(services)
    watcher = DatabaseWatcher(ctx, interval_ms=50)
    try:
        with qtbot.waitSignal(ctx.changes_applied, timeout=5000) as blocker:
            _record_elsewhere(services.path)
        assert blocker.args == [Changes.everything(), None]  # what changed, and no initiator: another program
    finally:
        watcher.stop()
        ctx.close()


def test_own_writes_and_reads_elsewhere_do_not_trigger_a_refresh(qtbot: QtBot, services: Services) -> None:
    ctx = AppContext(services)
    watcher = DatabaseWatcher(ctx, interval_ms=20)
    seen: list[object] = []
    ctx.changes_applied.connect(seen.append)
    try:
        forum = services.forums.forums()[0]
        services.actions.record(NewAction(forum.id, "typed in the app"))
        assert run(CLI_WRITE, str(services.path)).returncode == 0  # a read-only command
        watcher.poll()  # a look at the file after both (the timer's own polls may have come first)
        assert seen == []
    finally:
        watcher.stop()
        ctx.close()


def test_the_scheduler_backs_up_once_and_not_again_without_changes(qtbot: QtBot, services: Services) -> None:
    ctx = AppContext(services)
    scheduler = BackupScheduler(ctx, interval_ms=60_000)
    taken: list[object] = []
    scheduler.backup_taken.connect(taken.append)
    try:
        scheduler.tick()  # on the write lane, not the GUI thread
        assert scheduler.running and taken == []
        qtbot.waitUntil(lambda: len(taken) == 1, timeout=10_000)
        scheduler.tick()
        qtbot.waitUntil(lambda: not scheduler.running, timeout=10_000)
        assert len(taken) == 1
        assert len(services.backups.backups()) == 1
    finally:
        scheduler.stop()
        ctx.close()


def test_a_file_deleted_while_open_is_reported_once(qtbot: QtBot, services: Services) -> None:
    ctx = AppContext(services)
    watcher = DatabaseWatcher(ctx, interval_ms=20)
    messages: list[str] = []
    watcher.file_gone.connect(messages.append)
    try:
        services.path.unlink()
        qtbot.waitUntil(lambda: len(messages) == 1, timeout=3000)
        watcher.poll()  # a later look says nothing more
        assert messages == [
            f"{services.path.name} was moved or deleted while open: changes can no longer be saved;"
            " save a copy to keep what is shown"
        ]
    finally:
        watcher.stop()
        ctx.close()
