"""Loading a strategy and reading it back, with the counts that show progress against it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forumdesk.db import Store
from forumdesk.db.repositories.forums import ForumRepository
from forumdesk.db.repositories.strategy import StrategyRepository
from forumdesk.domain.changes import Changes
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Aim, Forum, PriorityArea, Theme
from forumdesk.domain.strategy import StrategyDocument, load_strategy
from forumdesk.resources import bundled_strategy_path


@dataclass(frozen=True)
class AimProgress:
    aim: Aim
    forums: tuple[str, ...]
    open: int
    overdue: int
    closed: int


class StrategyService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.repo = StrategyRepository(store)
        self.forum_repo = ForumRepository(store)

    def is_loaded(self) -> bool:
        return self.repo.is_loaded()

    def name(self) -> str:
        return self.repo.name()

    def load_file(self, path: str | Path | None = None) -> Changes:
        """Load a strategy file (the bundled Essex one by default) into an empty database."""
        doc = load_strategy(path or bundled_strategy_path())
        return self.load(doc)

    def load(self, doc: StrategyDocument) -> Changes:
        if self.repo.is_loaded():
            raise ValidationError(f"this database already holds a strategy ({self.repo.name()})")
        with self.store.transaction():
            self.repo.load(doc)
        return Changes(strategy=True, forums=True)

    def areas(self) -> list[PriorityArea]:
        return self.repo.areas()

    def aims(self, area_id: int | None = None) -> list[Aim]:
        return self.repo.aims(area_id)

    def aim(self, code: str) -> Aim:
        aim = self.repo.aim_by_code(code)
        if aim is None:
            raise ValidationError(f"there is no aim {code!r} in the strategy", "aim")
        return aim

    def themes(self) -> list[Theme]:
        return self.repo.themes()

    def districts(self) -> list[str]:
        return self.repo.districts()

    def aim_progress(self, today: date) -> list[AimProgress]:
        counts = self.repo.aim_action_counts(today.isoformat())
        forums_by_aim: dict[int, list[str]] = {}
        aims_by_area: dict[str, list[Aim]] = {}
        for aim in self.repo.aims():
            aims_by_area.setdefault(aim.area_name, []).append(aim)
        for forum in self.forum_repo.forums(include_archived=False):
            # a forum serves its own aims, else every aim of its (own or inherited) priority areas
            own = self.forum_repo.aims(forum.id)
            served = own or [aim for area in forum.priorities for aim in aims_by_area.get(area, [])]
            for aim in served:
                forums_by_aim.setdefault(aim.id, []).append(forum.name)
        return [
            AimProgress(aim, tuple(forums_by_aim.get(aim.id, ())), *counts.get(aim.id, (0, 0, 0)))
            for aim in self.repo.aims()
        ]

    def gaps(self) -> list[Aim]:
        """Aims with no open action: the strategy's gaps."""
        return self.repo.aims_without_open_action()

    def coverage(self) -> tuple[list[Aim], list[Forum], dict[tuple[int, int], int]]:
        """The aims-by-forums grid: aims, the forums with any linked action, and counts per cell."""
        activity = self.repo.aim_forum_activity()
        forum_ids = {forum_id for (_, forum_id) in activity}
        forums = [f for f in self.forum_repo.forums() if f.id in forum_ids]
        return self.repo.aims(), forums, activity
