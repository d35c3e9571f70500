"""Use cases: what the GUI and the command line both call. Plain Python: no Qt, no SQL.

``Services`` gathers one store's services; ``open_services`` opens (creating and migrating) a database.
Each thread makes its own with ``services.for_thread()``: one connection per thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from forumdesk.db import Store, open_store
from forumdesk.services.actions import ActionService
from forumdesk.services.admin import AdminService
from forumdesk.services.backups import BackupService
from forumdesk.services.directory import DirectoryService
from forumdesk.services.exports import ExportService
from forumdesk.services.forums import ForumService
from forumdesk.services.history import HistoryService
from forumdesk.services.meeting_cycle import MeetingCycleService
from forumdesk.services.meeting_room import MeetingRoomService
from forumdesk.services.meetings import MeetingService
from forumdesk.services.minutes_content import MinutesContentService
from forumdesk.services.privacy import PrivacyService
from forumdesk.services.strategy import StrategyService

Clock = Callable[[], date]


class Services:
    def __init__(self, store: Store, today: Clock = date.today) -> None:
        self.store = store
        self.today = today
        self.strategy = StrategyService(store)
        self.directory = DirectoryService(store)
        self.forums = ForumService(store)
        self.meetings = MeetingService(store, today)
        self.actions = ActionService(store, today)
        self.admin = AdminService(store)
        self.backups = BackupService(store)
        self.privacy = PrivacyService(store, today)
        self.cycle = MeetingCycleService(store, today)  # planning, agenda, close / circulate / agree
        self.room = MeetingRoomService(store, today)  # attendance, quorum, notes, decisions, actions
        self.minutes = MinutesContentService(store, today)  # the minutes' content for the PDF
        self.exports = ExportService(store, today)  # PDF, XLSX, CSV and ICS exports, marked and audited
        self.history = HistoryService(store)  # undo and redo over the whole file

    @property
    def path(self) -> Path:
        return self.store.path

    def for_thread(self) -> Services:
        """Another ``Services`` on the same file with its own connection, for a worker thread."""
        return Services(open_store(self.store.path, create=False, migrate=False), self.today)

    def close(self) -> None:
        self.store.close()


def open_services(path: str | Path, *, create: bool = True, today: Clock = date.today) -> Services:
    return Services(open_store(path, create=create), today)
