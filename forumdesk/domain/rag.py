"""The RAG rule: the one place that says how an action's colour follows from its dates and status.

BRAG, in order of precedence:

1. **Blue**: the action is complete or withdrawn.
2. The secretary's **override**, where one is set (shown as overridden wherever it is shown).
3. **Red**: the effective due date (the revised due date if any, else the original) is before today.
4. **Amber**: the action is on hold, has no due date, or is due within ``DUE_SOON_DAYS`` days (today included).
5. **Green**: otherwise: open, dated and on track.

``forumdesk/db`` mirrors this rule in SQL so that lists can filter and sort by RAG at scale;
a test holds the two together.
"""

from __future__ import annotations

from datetime import date, timedelta

from forumdesk.domain.enums import ActionStatus, Rag

DUE_SOON_DAYS = 14


def derive_rag(
    status: ActionStatus,
    due: date | None,
    revised_due: date | None,
    today: date,
    override: Rag | None = None,
) -> Rag:
    if not status.is_open:
        return Rag.BLUE
    if override is not None:
        return override
    effective = revised_due or due
    if effective is not None and effective < today:
        return Rag.RED
    if status is ActionStatus.ON_HOLD or effective is None:
        return Rag.AMBER
    if effective <= today + timedelta(days=DUE_SOON_DAYS):
        return Rag.AMBER
    return Rag.GREEN
