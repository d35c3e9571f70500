"""Where the user's database, backups and logs live by default."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "FORUMDESK_DB"
DB_FILE = "forumdesk.sqlite"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("ForumDesk", appauthor=False)


def default_db_path() -> Path:
    env = os.environ.get(DB_ENV)
    return Path(env).expanduser() if env else user_data_dir() / DB_FILE


def resolve_db(arg: str | None) -> Path:
    """``--db`` if given, then ``$FORUMDESK_DB``, then the database in the user data folder."""
    return Path(arg).expanduser() if arg else default_db_path()
