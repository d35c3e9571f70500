"""Repositories: SQL in, domain objects out. One module per aggregate.

``Repositories(store)`` builds each repository once for one connection; ``Services`` (the composition root,
forumdesk/services/__init__.py) makes one per connection and hands its members to the services.
"""

from __future__ import annotations

from forumdesk.db.connection import Store
from forumdesk.db.repositories.actions import ActionRepository
from forumdesk.db.repositories.audit import AuditRepository
from forumdesk.db.repositories.bulk import BulkRepository
from forumdesk.db.repositories.chases import ChaseRepository
from forumdesk.db.repositories.directory import DirectoryRepository
from forumdesk.db.repositories.forums import ForumRepository
from forumdesk.db.repositories.history import HistoryRepository
from forumdesk.db.repositories.imports import ImportRepository
from forumdesk.db.repositories.meeting_cycle import MeetingCycleRepository
from forumdesk.db.repositories.meetings import MeetingRepository
from forumdesk.db.repositories.privacy import PrivacyRepository
from forumdesk.db.repositories.search import SearchIndexRepository
from forumdesk.db.repositories.strategy import StrategyRepository

__all__ = ["Repositories"]


class Repositories:
    """One connection's repositories, each built once."""

    __slots__ = (
        "actions", "audit", "bulk", "chases", "cycle", "forums", "history", "imports", "meetings", "people", "privacy",
        "search", "store", "strategy",
    )

    def __init__(self, store: Store) -> None:
        self.store = store
        self.actions = ActionRepository(store)
        self.audit = AuditRepository(store)
        self.bulk = BulkRepository(store)
        self.chases = ChaseRepository(store)
        self.cycle = MeetingCycleRepository(store)
        self.forums = ForumRepository(store)
        self.history = HistoryRepository(store)
        self.imports = ImportRepository(store)
        self.meetings = MeetingRepository(store)
        self.people = DirectoryRepository(store)
        self.privacy = PrivacyRepository(store)
        self.search = SearchIndexRepository(store)
        self.strategy = StrategyRepository(store)
