"""Loading a strategy and reading it back, with the counts that show progress against it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Aim, Forum, PriorityArea, Theme
from forumdesk.domain.strategy import StrategyDocument, load_strategy
from forumdesk.resources import bundled_strategy_path
from forumdesk.services.base import Service


@dataclass(frozen=True)
class Coverage:
    """The aims-by-forums grid: a column for every forum serving an aim (or holding an open action on one)."""

    aims: list[Aim]
    forums: list[Forum]
    counts: dict[tuple[int, int], int]  # (aim id, forum id) -> OPEN actions; absent when none
    served: set[tuple[int, int]]  # (aim id, forum id) where the forum serves the aim


@dataclass(frozen=True)
class AimProgress:
    aim: Aim
    forums: tuple[str, ...]
    open: int
    overdue: int
    closed: int


class StrategyService(Service):
    def is_loaded(self) -> bool:
        return self.repos.strategy.is_loaded()

    def name(self) -> str:
        return self.repos.strategy.name()

    def load_file(self, path: str | Path | None = None) -> Outcome[None]:
        """Load a strategy file (the bundled Essex one by default) into an empty database."""
        doc = load_strategy(path or bundled_strategy_path())
        return self.load(doc)

    def load(self, doc: StrategyDocument) -> Outcome[None]:
        if self.repos.strategy.is_loaded():
            raise ValidationError(f"this database already holds a strategy ({self.repos.strategy.name()})")
        with self.store.transaction("Load the strategy", journal=False):  # setting a file up: not undoable
            self.repos.strategy.load(doc)
        return self.store.outcome(None, Changes(strategy=True, forums=True))

    def areas(self) -> list[PriorityArea]:
        return self.repos.strategy.areas()

    def aims(self, area_id: int | None = None) -> list[Aim]:
        return self.repos.strategy.aims(area_id)

    def aim(self, code: str) -> Aim:
        aim = self.repos.strategy.aim_by_code(code)
        if aim is None:
            raise ValidationError(f"there is no aim {code!r} in the strategy", "aim")
        return aim

    def themes(self) -> list[Theme]:
        return self.repos.strategy.themes()

    def districts(self) -> list[str]:
        return self.repos.strategy.districts()

    def aim_progress(self, today: date) -> list[AimProgress]:
        counts = self.repos.strategy.aim_action_counts(today.isoformat())
        forums_by_aim: dict[int, list[str]] = {}
        for forum, served in self._served_by_forum():
            for aim in served:
                forums_by_aim.setdefault(aim.id, []).append(forum.name)
        return [
            AimProgress(aim, tuple(forums_by_aim.get(aim.id, ())), *counts.get(aim.id, (0, 0, 0)))
            for aim in self.repos.strategy.aims()
        ]

    def gaps(self) -> list[Aim]:
        """Aims with no open action: the strategy's gaps."""
        return self.repos.strategy.aims_without_open_action()

    def _served_by_forum(self) -> list[tuple[Forum, list[Aim]]]:
        """Each current forum with the aims it serves: its own aims, else every aim of its (own or inherited)
        priority areas."""
        aims_by_area: dict[str, list[Aim]] = {}
        for aim in self.repos.strategy.aims():
            aims_by_area.setdefault(aim.area_name, []).append(aim)
        out = []
        for forum in self.repos.forums.forums(include_archived=False):
            own = self.repos.forums.aims(forum.id)
            out.append((forum, own or [aim for area in forum.priorities for aim in aims_by_area.get(area, [])]))
        return out

    def coverage(self) -> Coverage:
        """The aims-by-forums grid: open-action counts per cell, and a column for every forum that serves any
        aim (even with no action: its cells are the gaps) or holds an open action linked to one."""
        counts = self.repos.strategy.aim_forum_open_counts()
        served = {(aim.id, forum.id) for forum, aims in self._served_by_forum() for aim in aims}
        forum_ids = {forum_id for (_, forum_id) in counts} | {forum_id for (_, forum_id) in served}
        forums = [f for f in self.repos.forums.forums() if f.id in forum_ids]
        return Coverage(self.repos.strategy.aims(), forums, counts, served)
