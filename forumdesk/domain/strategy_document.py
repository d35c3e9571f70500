"""The strategy as the rest of ForumDesk sees it: a frozen ``StrategyDocument`` of priority areas (each with
its objective, aims and forums), forums and cross-cutting themes. Read from a file by ``strategy.load_strategy``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FORMAT_VERSION = 1
BUNDLED_STRATEGY_PATH = (
    Path(__file__).resolve().parents[2] / "resources" / "strategies" / "essex-police-crime-prevention.toml"
)


@dataclass(frozen=True)
class StrategyAim:
    """One strategic aim; ``code`` (e.g. ``DA-1``) is stable and is what forums and actions link to."""

    code: str
    text: str


@dataclass(frozen=True)
class StrategyArea:
    """A priority area: its objective, its aims and the names of the forums that deliver it."""

    code: str
    name: str
    heading: str
    objective: str
    aims: tuple[StrategyAim, ...]
    forums: tuple[str, ...]
    forums_as_printed: tuple[str, ...] = ()


@dataclass(frozen=True)
class StrategyForum:
    """A partnership forum named by the strategy; ``family`` means one local body per district."""

    name: str
    short_code: str | None = None
    family: bool = False
    note: str | None = None


@dataclass(frozen=True)
class StrategyTheme:
    """A cross-cutting theme, such as Support Victims."""

    code: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class StrategyDocument:
    """A whole strategy as loaded from ``source``."""

    name: str
    owner: str
    signed_by: str
    signed_role: str
    delivery: str
    districts: tuple[str, ...]
    areas: tuple[StrategyArea, ...]
    forums: tuple[StrategyForum, ...]
    themes: tuple[StrategyTheme, ...]
    source: str

    def aims(self) -> Iterator[tuple[StrategyArea, StrategyAim]]:
        """Every (area, aim) pair, in the strategy's order."""
        for area in self.areas:
            for aim in area.aims:
                yield area, aim

    def areas_of_forum(self, name: str) -> tuple[StrategyArea, ...]:
        """The priority areas that list the forum called ``name``."""
        return tuple(area for area in self.areas if name in area.forums)

    def area(self, code: str) -> StrategyArea | None:
        """The area with this code, or None."""
        return next((area for area in self.areas if area.code == code), None)

    def aim(self, code: str) -> StrategyAim | None:
        """The aim with this code, or None."""
        return next((aim for _, aim in self.aims() if aim.code == code), None)

    def forum(self, name: str) -> StrategyForum | None:
        """The forum with this name, or None."""
        return next((forum for forum in self.forums if forum.name == name), None)
