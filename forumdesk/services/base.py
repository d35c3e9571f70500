"""The base of every use-case service over one connection: its repositories, its store and the clock.

A service reads the repositories it uses through ``self.repos`` (``self.repos.actions``, ``self.repos.people``)
rather than keeping its own alias for each; ``Services`` hands every service the one ``Repositories``.
``found`` and ``named`` are the one way a service says a record asked for is not there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from forumdesk.domain.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from forumdesk.db.repositories import Repositories

T = TypeVar("T")


class Service:
    def __init__(self, repos: Repositories, today: Callable[[], date] = date.today) -> None:
        self.repos = repos
        self.store = repos.store
        self.today = today


def named(value: T | None, what: str, name: str, field: str) -> T:
    """``value``, or a ``ValidationError`` on ``field`` ("there is no forum called 'X'") when it is None."""
    if value is None:
        raise ValidationError(f"there is no {what} called {name.strip()!r}", field)
    return value


def found(value: T | None, what: str, key: object) -> T:
    """``value``, or ``NotFoundError`` ("there is no meeting with id 3") when it is None."""
    if value is None:
        raise NotFoundError(f"there is no {what} with id {key}")
    return value
