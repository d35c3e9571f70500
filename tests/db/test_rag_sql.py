"""The RAG rule in SQL (for filtering and sorting at scale) agrees with the documented rule in the domain."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.patches import ActionPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from tests.conftest import TODAY


def test_sql_and_python_rag_agree_on_every_case(db_path: Path) -> None:
    services: Services = open_services(db_path, today=lambda: TODAY)
    forum = services.forums.find("Community Safety Partnerships")
    offsets = [None, -30, -1, 0, 1, 14, 15, 60]
    raised = TODAY - timedelta(days=40)
    for due_offset, revised_offset, status, override in itertools.product(
        offsets, [None, 20], list(ActionStatus), [None, Rag.GREEN]
    ):
        due = None if due_offset is None else TODAY + timedelta(days=due_offset)
        action_id = services.actions.record(
            NewAction(forum.id, "Check the rule", due_date=due, raised_on=raised)
        ).value
        fields: dict[str, object] = {"status": status, "rag_override": override}
        if revised_offset is not None:
            fields["revised_due_date"] = TODAY + timedelta(days=revised_offset)
        services.actions.edit(action_id, ActionPatch(**fields))
    actions = services.actions.list(ActionQuery())
    assert len(actions) == len(offsets) * 2 * len(ActionStatus) * 2
    for rag in Rag:
        in_sql = set(services.actions.ids(ActionQuery(rag=rag)))
        in_python = {a.id for a in actions if a.rag(TODAY) is rag}
        assert in_sql == in_python, rag
    services.close()
