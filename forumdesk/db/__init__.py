"""The store: the one place with SQL. Opens, migrates and queries the SQLite file; returns domain objects."""

from forumdesk.db.connection import Store
from forumdesk.db.opening import open_store

__all__ = ["Store", "open_store"]
