"""The Actions tracker's "Last chased" column: the date a chaser e-mail was last drafted, dd/mm/yyyy, sorted in
SQL by a header click; chasing refreshes it through the change channel and undo clears it again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.ui.models.action_table import Column


def _shown(page: Any, action_id: int) -> str:
    row = page.model.row_of(action_id)
    assert row >= 0
    return str(page.model.data(page.model.index(row, Column.CHASED)))


def test_a_chase_shows_in_the_last_chased_column_and_sorts(qtbot: Any, demo_window: Any, tmp_path: Path) -> None:
    page = demo_window.show_page("actions")
    ctx = demo_window.ctx
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not ctx.tasks.busy())
    assert page.model.headerData(Column.CHASED, Qt.Orientation.Horizontal) == "Last chased"
    services = ctx.services
    owned = next(a for a in services.actions.list(ActionQuery(open_only=True)) if a.owner_id is not None)
    assert _shown(page, owned.id) == ""

    outcome = services.mail.chase_owner(owned.owner_id, tmp_path)
    ctx.apply(outcome.changes)  # as WriteOp does once the write is done
    chased = services.mail.last_chased([owned.id])[owned.id]
    qtbot.waitUntil(lambda: not ctx.tasks.busy() and _shown(page, owned.id) == f"{chased:%d/%m/%Y}")
    mine = set(services.actions.ids(ActionQuery(owner_id=owned.owner_id, open_only=True)))

    page.table.horizontalHeader().setSortIndicator(Column.CHASED, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.query.sort is ActionSort.LAST_CHASED and not ctx.tasks.busy())
    assert set(page.model.ids()[: len(mine)]) == mine  # the chased actions first

    ctx.apply(services.history.undo().changes)
    qtbot.waitUntil(lambda: not ctx.tasks.busy() and _shown(page, owned.id) == "")
