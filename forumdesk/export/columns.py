"""The UK board action-log columns, shared by the PDF, XLSX and CSV exporters so they never drift apart.

Ref, Date raised, Meeting, Minute ref, Action, Owner (name and agency), Original due date, Revised due date,
Status, RAG, Latest update (dated), Date closed (PRODUCT.md).
"""

from __future__ import annotations

from datetime import date

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.model import Action
from forumdesk.domain.rag import OVERRIDE_MARK

HEADERS = (
    "Ref",
    "Date raised",
    "Meeting",
    "Minute ref",
    "Action",
    "Owner",
    "Original due date",
    "Revised due date",
    "Status",
    "RAG",
    "Latest update",
    "Date closed",
)
DATE_COLUMNS = frozenset({1, 2, 6, 7, 11})
STATUS_COL = HEADERS.index("Status")
RAG_COL = HEADERS.index("RAG")


def owner_text(action: Action) -> str:
    if action.owner_name and action.owner_org:
        return f"{action.owner_name} ({action.owner_org})"
    return action.owner_name or action.owner_org


def update_text(action: Action) -> str:
    """The latest update with its date first, as a board reads it: ``12/11/2026: Draft circulated``."""
    update = action.latest_update
    return "" if update is None else f"{format_uk_date(update.on)}: {update.text}"


def rag_text(action: Action, today: date) -> str:
    label = action.rag(today).label
    return label + OVERRIDE_MARK if action.rag_override is not None and action.is_open else label


def row_values(action: Action, today: date) -> tuple[object, ...]:
    """The twelve values, dates as ``date`` objects (XLSX keeps them as real dates)."""
    return (
        action.ref,
        action.raised_on,
        action.meeting_date,
        action.minute_ref,
        action.description,
        owner_text(action),
        action.due_date,
        action.revised_due_date,
        action.status.label,
        rag_text(action, today),
        update_text(action),
        action.closed_on,
    )


def row_strings(action: Action, today: date) -> list[str]:
    """The twelve values as printed: dates dd/mm/yyyy."""
    values = row_values(action, today)
    return [format_uk_date(v) if isinstance(v, date) else ("" if v is None else str(v)) for v in values]
