"""The rules an import applies to one row, as pure functions (the import service calls them).

- A date raised that the file does not give is the meeting date, else the earliest date on the row
  (due, revised, closed, or a dated update), else today.
- The tracker's RAG is kept as an override only where it is *more severe* than the rule of
  ``forumdesk.domain.rag`` gives, so a stale green never hides an overdue action; otherwise the rule's
  colour stands and the tracker's is noted. Blue means complete.
- An update changes only the fields the file gives a value for.
"""

from __future__ import annotations

from datetime import date

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.model import Action
from forumdesk.domain.rag import derive_rag
from forumdesk.imports.plan import ImportedAction

SEVERITY = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}
FIELD_LABELS = {
    "owner_id": "owner",
    "owner_org_id": "agency",
    "due_date": "due date",
    "revised_due_date": "revised date",
    "closed_on": "date closed",
    "raised_on": "date raised",
    "minute_ref": "minute ref",
    "meeting_id": "meeting",
    "rag_override": "RAG",
}


def default_raised(item: ImportedAction, today: date) -> date:
    if item.meeting_date is not None:
        return item.meeting_date
    dates = [d for d in (item.due_date, item.revised_due_date, item.closed_on) if d is not None]
    dates += [on for on, _text in item.updates if on is not None]
    return min([*dates, today])


def merged_dates(item: ImportedAction, existing: Action | None) -> tuple[date | None, date | None, date | None]:
    """(due, revised due, closed) as they will be: the file's where it gives one, else the action's."""
    if existing is None:
        return item.due_date, item.revised_due_date, item.closed_on
    return (
        item.due_date or existing.due_date,
        item.revised_due_date or existing.revised_due_date,
        item.closed_on or existing.closed_on,
    )


def rag_decision(
    rag: Rag | None, status: ActionStatus, due: date | None, revised: date | None, today: date
) -> tuple[Rag | None, str]:
    """(the override to keep, if any; a note for the action, or "")."""
    if rag is None:
        return None, ""
    if rag is Rag.BLUE:
        return None, "RAG in the tracker: Blue, but the status is open" if status.is_open else ""
    rule = derive_rag(status, due, revised, today)
    if rule is Rag.BLUE or rag is rule:
        return None, ""
    if SEVERITY[rag] > SEVERITY.get(rule, 0):
        return rag, f"RAG {rag.label} kept from the tracker (the rule gives {rule.label})"
    return None, f"RAG in the tracker: {rag.label} (the rule gives {rule.label})"


def changed_fields(existing: Action, fields: dict[str, object]) -> list[str]:
    """The columns among ``fields`` whose value differs from the action's."""
    current: dict[str, object] = {
        "description": existing.description,
        "status": existing.status,
        "raised_on": existing.raised_on,
        "owner_id": existing.owner_id,
        "owner_org_id": existing.owner_org_id,
        "due_date": existing.due_date,
        "revised_due_date": existing.revised_due_date,
        "closed_on": existing.closed_on,
        "minute_ref": existing.minute_ref,
        "meeting_id": existing.meeting_id,
        "rag_override": existing.rag_override,
    }
    return [name for name, value in fields.items() if current.get(name) != value]


def describe_changes(changed: list[str], new_updates: int) -> str:
    what = ", ".join(FIELD_LABELS.get(c, c) for c in changed)
    if new_updates:
        what = f"{what}; {new_updates} new update(s)" if what else f"{new_updates} new update(s)"
    return what
