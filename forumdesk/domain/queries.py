"""Questions asked of the action list, as values: the GUI's filter bar and the CLI's flags build these."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from forumdesk.domain.enums import ActionStatus, Rag


class ActionSort(StrEnum):
    REF = "ref"
    FORUM = "forum"
    DESCRIPTION = "description"
    OWNER = "owner"
    AGENCY = "agency"
    RAISED = "raised"
    DUE = "due"
    REVISED = "revised"
    STATUS = "status"
    RAG = "rag"
    CLOSED = "closed"
    LATEST_UPDATE = "latest_update"
    AIMS = "aims"
    LAST_CHASED = "last_chased"


@dataclass(frozen=True)
class ActionQuery:
    forum_ids: tuple[int, ...] = ()  # a forum's local bodies are not included unless named
    owner_id: int | None = None
    organisation_id: int | None = None
    statuses: tuple[ActionStatus, ...] = ()
    open_only: bool = False
    rag: Rag | None = None
    aim_code: str | None = None
    area_code: str | None = None
    overdue: bool = False
    due_within_days: int | None = None
    meeting_id: int | None = None
    text: str = ""  # words matched through the full-text index
    sort: ActionSort = ActionSort.DUE
    descending: bool = False
