"""The per-row rules of an import, as pure functions: the date raised by default, the RAG kept only where
it is more severe than the rule, and which fields an update changes."""

from __future__ import annotations

from datetime import date

import pytest

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.model import Action
from forumdesk.imports.plan import ImportedAction, Place
from forumdesk.imports.rules import changed_fields, default_raised, describe_changes, merged_dates, rag_decision
from tests.conftest import TODAY

PLACE = Place("Sheet1", 2)


def test_date_raised_by_default() -> None:
    assert default_raised(ImportedAction(PLACE, "x", meeting_date=date(2025, 1, 14)), TODAY) == date(2025, 1, 14)
    row = ImportedAction(PLACE, "x", due_date=date(2025, 3, 1), closed_on=date(2025, 2, 1))
    assert default_raised(row, TODAY) == date(2025, 2, 1)
    assert default_raised(ImportedAction(PLACE, "x"), TODAY) == TODAY
    dated = ImportedAction(PLACE, "x", due_date=date(2025, 4, 30), updates=((date(2025, 3, 1), "scoping"),))
    assert default_raised(dated, TODAY) == date(2025, 3, 1)


@pytest.mark.parametrize(
    ("rag", "due", "override", "note"),
    [
        (Rag.RED, date(2027, 6, 1), Rag.RED, "RAG Red kept from the tracker (the rule gives Green)"),
        (Rag.AMBER, date(2027, 6, 1), Rag.AMBER, "RAG Amber kept from the tracker (the rule gives Green)"),
        (Rag.GREEN, date(2026, 1, 1), None, "RAG in the tracker: Green (the rule gives Red)"),
        (Rag.RED, date(2026, 1, 1), None, ""),
        (None, date(2026, 1, 1), None, ""),
        (Rag.BLUE, None, None, "RAG in the tracker: Blue, but the status is open"),
    ],
)
def test_rag_kept_only_where_more_severe(rag: Rag | None, due: date | None, override: Rag | None, note: str) -> None:
    assert rag_decision(rag, ActionStatus.OPEN, due, None, TODAY) == (override, note)


def test_rag_of_a_closed_action_is_blue_whatever_the_tracker_says() -> None:
    assert rag_decision(Rag.RED, ActionStatus.COMPLETE, date(2026, 1, 1), None, TODAY) == (None, "")


def test_update_changes_only_given_fields() -> None:
    action = Action(1, "R1", 1, "Old text", date(2025, 1, 1), due_date=date(2025, 2, 1), minute_ref="4.2")
    row = ImportedAction(PLACE, "Old text", ref="R1", revised_due_date=date(2025, 3, 1))
    assert merged_dates(row, action) == (date(2025, 2, 1), date(2025, 3, 1), None)
    fields = {"description": "Old text", "status": ActionStatus.OPEN, "revised_due_date": date(2025, 3, 1)}
    assert changed_fields(action, fields) == ["revised_due_date"]
    assert describe_changes(["revised_due_date", "owner_id"], 2) == "revised date, owner; 2 new update(s)"
    assert describe_changes([], 1) == "1 new update(s)"
