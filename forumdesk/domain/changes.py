"""What a write changed, so each screen can decide whether to refresh (after Anki's ``OpChanges``).

Every service write returns an ``Outcome``: the value it made (a new id, a result record, or None), the
``Changes`` the screens must apply, and the id of the operation (the transaction) that made it, which
``HistoryService.undo`` replays backwards. ``op_id`` is None when nothing was written (or for a write made
where operations are not recorded, such as a file being created).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Changes:
    strategy: bool = False
    organisations: bool = False
    people: bool = False
    forums: bool = False
    memberships: bool = False
    meetings: bool = False
    agenda: bool = False
    attendance: bool = False
    minutes: bool = False
    actions: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})


NOTHING = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The typed result of one service write: ``value``, what ``changes`` it made, and its operation id."""

    value: T
    changes: Changes
    op_id: int | None = None

    def with_changes(self, more: Changes) -> Outcome[T]:
        """The same outcome announcing ``more`` changes as well (a write that also touches the minutes)."""
        return Outcome(self.value, self.changes | more, self.op_id)

    def with_value(self, value: U) -> Outcome[U]:
        """The same write reported with another value (the id of the record a dialog edited)."""
        return Outcome(value, self.changes, self.op_id)


def nothing_changed(value: T) -> Outcome[T]:
    """The outcome of a write that changes no record on screen (a file exported, a backup taken)."""
    return Outcome(value, NOTHING)
