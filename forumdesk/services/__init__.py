"""Use cases: what the GUI and the command line both call. Plain Python: no Qt, no SQL.

``Services`` is the composition root: the one place that builds one connection's repositories (once, as
``Repositories``) and services, and hands each service the repositories and other services it uses. No
service builds a repository or another service. ``open_services`` opens (creating and migrating) a database.
Each thread makes its own with ``services.for_thread()``: one connection per thread. ``imports`` is built on
first use (once per ``Services``), so starting the app or a command does not load the spreadsheet readers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from forumdesk.db import Store, open_store
from forumdesk.db.repositories import Repositories
from forumdesk.services.actions import ActionService
from forumdesk.services.admin import AdminService
from forumdesk.services.backups import BackupService
from forumdesk.services.dashboard import DashboardService
from forumdesk.services.directory import DirectoryService
from forumdesk.services.exports import ExportService
from forumdesk.services.forums import ForumService
from forumdesk.services.history import HistoryService
from forumdesk.services.mail import MailService
from forumdesk.services.meeting_cycle import MeetingCycleService
from forumdesk.services.meeting_room import MeetingRoomService
from forumdesk.services.meeting_views import MeetingViewService
from forumdesk.services.meetings import MeetingService
from forumdesk.services.minutes_content import MinutesContentService
from forumdesk.services.papers import PaperService
from forumdesk.services.privacy import PrivacyService
from forumdesk.services.strategy import StrategyService

if TYPE_CHECKING:
    from forumdesk.services.imports import ImportService

Clock = Callable[[], date]


class Services:
    def __init__(self, store: Store, today: Clock = date.today) -> None:
        self.store = store
        self.today = today
        self.repos = repos = Repositories(store)  # once per connection
        self.strategy = StrategyService(repos, today)
        self.directory = DirectoryService(repos, today)
        self.forums = ForumService(repos, today)
        self.meetings = MeetingService(repos, today)
        self.actions = ActionService(repos, today)
        self.admin = AdminService(repos, today)
        self.backups = BackupService(store)
        self.privacy = PrivacyService(repos, today, self.backups)
        self.minutes = MinutesContentService(repos, today)  # the minutes' content for the PDF
        self.cycle = MeetingCycleService(repos, today, self.minutes)  # planning, agenda, close / circulate / agree
        self.room = MeetingRoomService(repos, today, self.cycle, self.actions)  # attendance, quorum, notes, ...
        self.papers = PaperService(repos, today)  # papers attached to agenda items, merged into the pack
        self.exports = ExportService(  # PDF, XLSX, CSV and ICS exports, marked and audited
            repos, today, actions=self.actions, meetings=self.meetings, forums=self.forums,
            people=self.directory, strategy=self.strategy, minutes=self.minutes, papers=self.papers,
        )
        self.mail = MailService(  # e-mail drafts: circulate papers, chase action owners
            repos, today, exports=self.exports, actions=self.actions, forums=self.forums, people=self.directory,
            meetings=self.meetings, papers=self.papers,
        )
        self.history = HistoryService(repos, today)  # undo and redo over the whole file
        self.dashboard = DashboardService(today, self.actions, self.meetings, self.strategy, self.directory)
        self.meeting_views = MeetingViewService(self.cycle, self.room, self.actions)  # a meeting's screens' reads

    @functools.cached_property
    def imports(self) -> ImportService:
        """Spreadsheets in, and their undo: built on first use (its readers cost start-up time), then kept."""
        from forumdesk.services.imports import ImportService

        return ImportService(self.repos, self.today, self.backups)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        """True when the file is open read-only: nothing can be saved."""
        return self.store.read_only

    def data_version(self) -> int:
        """Changes when another connection commits to the file (``PRAGMA data_version``)."""
        return self.store.data_version()

    def is_in_place(self) -> bool:
        """False once the file was deleted, moved or replaced since it was opened."""
        return self.store.is_in_place()

    def for_thread(self) -> Services:
        """Another ``Services`` on the same file with its own connection, for a worker thread."""
        return Services(open_store(self.store.path, create=False, migrate=False), self.today)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_services(path: str | Path, *, create: bool = True, today: Clock = date.today) -> Services:
    return Services(open_store(path, create=create), today)
