"""The Dashboard's one read: what needs the secretary today, gathered from the actions, meetings, strategy and
people services (wired by ``Services``). The page shows it; it asks nothing else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from forumdesk.domain.model import Action, Aim, Meeting
from forumdesk.domain.queries import ActionQuery
from forumdesk.domain.rag import DUE_SOON_DAYS
from forumdesk.services.actions import ActionService
from forumdesk.services.directory import DirectoryService
from forumdesk.services.meetings import MeetingService
from forumdesk.services.strategy import StrategyService

__all__ = ["DUE_SOON_DAYS", "TOP", "UPCOMING_DAYS", "DashboardData", "DashboardService"]

UPCOMING_DAYS = 60
TOP = 20  # rows in each of the overdue and due-soon lists


@dataclass(frozen=True)
class DashboardData:
    today: date
    overdue: int = 0
    due_soon: int = 0
    open: int = 0
    rag: dict[str, int] = field(default_factory=dict)
    overdue_top: list[Action] = field(default_factory=list)
    due_soon_top: list[Action] = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)
    awaiting: list[Meeting] = field(default_factory=list)
    gaps: list[Aim] = field(default_factory=list)
    areas: list[tuple[str, str, int, int, int]] = field(default_factory=list)  # code, name, open, overdue, closed
    has_people: bool = True  # False on a fresh database: the "Getting started" panel shows


class DashboardService:
    def __init__(
        self, today: Callable[[], date], actions: ActionService, meetings: MeetingService,
        strategy: StrategyService, directory: DirectoryService,
    ) -> None:
        self.today = today
        self.actions = actions
        self.meetings = meetings
        self.strategy = strategy
        self.directory = directory

    def summary(self) -> DashboardData:
        """Overdue and due-soon actions (counts and the first ``TOP``), upcoming meetings, minutes awaiting
        approval, the strategy's gaps, open actions by priority area, and whether anyone is on file yet."""
        actions = self.actions
        overdue, soon = ActionQuery(overdue=True), ActionQuery(due_within_days=DUE_SOON_DAYS)
        return DashboardData(
            today=self.today(),
            overdue=actions.count(overdue),
            due_soon=actions.count(soon),
            open=actions.count(ActionQuery(open_only=True)),
            rag=actions.rag_counts(),
            overdue_top=actions.page(overdue, 0, TOP),
            due_soon_top=actions.page(soon, 0, TOP),
            upcoming=self.meetings.upcoming(UPCOMING_DAYS),
            awaiting=self.meetings.awaiting_approval(),
            gaps=self.strategy.gaps(),
            areas=actions.area_counts(),
            has_people=bool(self.directory.people()),
        )
