"""Noticing changes made by other programs, and taking automatic backups, on timers in the GUI thread.

``DatabaseWatcher`` polls ``PRAGMA data_version`` on the GUI's connection every two seconds (a cheap read
that changes only when another connection, such as the command line, commits) and refreshes every view.
``BackupScheduler`` asks the backups service every few minutes; it backs up at most every 30 minutes and
only when something changed. The shell creates both after the main window::

    DatabaseWatcher(ctx, parent=window)
    BackupScheduler(ctx, parent=window)
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from forumdesk.domain.changes import Changes, Outcome, nothing_changed
from forumdesk.domain.errors import ForumDeskError
from forumdesk.services import Services
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp

log = logging.getLogger(__name__)
POLL_MS = 2000
BACKUP_CHECK_MS = 5 * 60 * 1000


class DatabaseWatcher(QObject):
    changed_elsewhere = Signal()
    file_gone = Signal(str)  # a one-line message for the window's banner

    def __init__(self, ctx: AppContext, interval_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._version = self._read_version()
        self._failing = False
        self._gone_reported = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def _read_version(self) -> int | None:
        try:
            return self._ctx.services.data_version()
        except ForumDeskError as error:
            if not getattr(self, "_failing", False):
                self._ctx.status_message.emit(str(error))
            self._failing = True
            return None

    def poll(self) -> None:
        services = self._ctx.services
        if not services.is_in_place() and not self._gone_reported:
            self._gone_reported = True  # say it once, before the user types into a file that is gone
            self.file_gone.emit(
                f"{services.path.name} was moved or deleted while open: changes can no longer be saved;"
                " save a copy to keep what is shown"
            )
        version = self._read_version()
        if version is None:
            return
        self._failing = False
        if self._version is not None and version != self._version:
            self._version = version
            self._ctx.apply(Changes.everything())
            self.changed_elsewhere.emit()
        self._version = version

    def stop(self) -> None:
        self._timer.stop()


class BackupScheduler(QObject):
    backup_taken = Signal(object)  # BackupInfo

    def __init__(self, ctx: AppContext, interval_ms: int = BACKUP_CHECK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    running = False  # a check or a backup is under way on the write lane

    def tick(self) -> None:
        """Check, and back up if due, on the write lane: never on the GUI thread. At 500,000 actions checking
        the newest backup takes 0.8 s and taking one 2.7 s (measured with benchmarks/, issue 8)."""
        if self._ctx.services.read_only or self.running:
            return
        self.running = True
        WriteOp(self._ctx, _maybe_backup).success(self._on_done).failure(self._on_error).run(initiator=self)

    def _on_done(self, info: object) -> None:
        self.running = False
        if info is not None:
            log.info("automatic backup %s", getattr(info, "path", info))
            self.backup_taken.emit(info)

    def _on_error(self, error: BaseException) -> None:
        self.running = False
        if isinstance(error, ForumDeskError):
            self._ctx.status_message.emit(f"Automatic backup failed: {error}")
        else:
            self._ctx.report(error)

    def stop(self) -> None:
        self._timer.stop()


def _maybe_backup(services: Services) -> Outcome[object]:
    return nothing_changed(services.backups.maybe_backup())
