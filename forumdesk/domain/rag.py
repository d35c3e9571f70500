"""The RAG rule: the one place that says how an action's colour follows from its dates and status.

BRAG, in order of precedence:

1. **Blue**: the action is complete or withdrawn.
2. The secretary's **override**, where one is set (shown as overridden wherever it is shown).
3. **Red**: the effective due date (the revised due date if any, else the original) is before today.
4. **Amber**: the action is on hold, has no due date, or is due within ``DUE_SOON_DAYS`` days (today included).
5. **Green**: otherwise: open, dated and on track.

Also the one wording of what each colour means (``RAG_MEANINGS``) and the mark of a RAG set by hand
(``OVERRIDE_MARK``), shared by the screens and the exported documents. The colours themselves belong to
each face: ``ui/models/rag_colours.py`` for the screen, ``export/pdf_base.py`` for print.

``forumdesk/db`` mirrors this rule in SQL so that lists can filter and sort by RAG at scale;
a test holds the two together.
"""

from __future__ import annotations

from datetime import date, timedelta

from forumdesk.domain.enums import ActionStatus, Rag

DUE_SOON_DAYS = 14
OVERRIDE_MARK = "*"  # after a RAG set by the secretary rather than derived from the dates, wherever it is shown

# What each colour means, in one wording for the screen (legend, tooltips) and the documents (PDF key).
RAG_MEANINGS: dict[Rag, str] = {
    Rag.RED: "Red: overdue",
    Rag.AMBER: f"Amber: at risk (due within {DUE_SOON_DAYS} days, on hold or undated)",
    Rag.GREEN: "Green: on track",
    Rag.BLUE: "Blue: complete or withdrawn",
}
# The same in a few words, for the on-screen legend beside a table (the full meaning is its tooltip).
RAG_SHORT: dict[Rag, str] = {
    Rag.RED: "Red: overdue",
    Rag.AMBER: "Amber: due soon / at risk",
    Rag.GREEN: "Green: on track",
    Rag.BLUE: "Blue: complete",
}
RAG_ORDER: dict[Rag, int] = {rag: n for n, rag in enumerate(RAG_MEANINGS)}  # worst first, for sorting


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
