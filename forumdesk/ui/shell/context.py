"""What every screen shares: the services, the task runner, the file's undo history and the one change channel.

Every write is a ``WriteOp`` (ui/shell/write_op.py), which ends in ``ctx.apply(changes, initiator)``;
``changes_applied`` tells every view, and each decides whether it needs to refresh (after Anki's
``OpChanges``); the initiator lets the view that made the change keep what is being typed. ``navigate``
asks the main window to show a page, optionally filtered (the dashboard's counts click through this way).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal

from forumdesk.domain.changes import Changes
from forumdesk.domain.errors import ForumDeskError
from forumdesk.services import Services
from forumdesk.ui.shell.history import UndoHistory
from forumdesk.ui.shell.tasks import TaskRunner

log = logging.getLogger(__name__)


class AppContext(QObject):
    changes_applied = Signal(object, object)  # Changes, the initiator (the widget that asked, or None)
    navigate_requested = Signal(str, dict)  # page key ("dashboard", "forums", ...), filters
    status_message = Signal(str)
    error_reported = Signal(str)  # a one-line message for the user (a ForumDeskError, or "unexpected")

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services  # for quick reads on the GUI thread (indexed, a few ms)
        self.tasks = TaskRunner(services, self)
        self.history = UndoHistory(self)

    def today(self) -> date:
        return self.services.today()

    def apply(self, changes: Changes, initiator: object | None = None) -> None:
        if changes.any:
            self.changes_applied.emit(changes, initiator)

    def report(self, error: BaseException) -> None:
        """Tell the user about a failed task: a ``ForumDeskError`` as its own line, anything else logged."""
        if isinstance(error, ForumDeskError):
            self.error_reported.emit(str(error))
        else:
            log.error("unexpected error in a task", exc_info=error)
            self.error_reported.emit(f"Something unexpected went wrong ({type(error).__name__}); see the log file")

    def navigate(self, page: str, **filters: Any) -> None:
        self.navigate_requested.emit(page, filters)

    def close(self) -> None:
        self.tasks.close()
