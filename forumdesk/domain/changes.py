"""What a write changed, so each screen can decide whether to refresh (after Anki's ``OpChanges``)."""

from __future__ import annotations

from dataclasses import dataclass, fields


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
