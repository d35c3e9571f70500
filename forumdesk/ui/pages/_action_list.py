"""A read-only list of the actions a forum or a person has, embedded in their page.

Not the tracker: at most ``LIMIT`` rows, read through ``services.actions.page``, with a "Show all in
Actions" link that opens the full tracker filtered the same way (``ctx.navigate("actions", ...)``).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.model import Action
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.domain.rag import OVERRIDE_MARK, RAG_ORDER
from forumdesk.ui.models.rag_colours import rag_colours
from forumdesk.ui.models.records import Column, RecordTableModel, sorting_proxy
from forumdesk.ui.pages._common import muted_label, record_table, stretch_column
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.widgets.rag_legend import RagLegend

LIMIT = 500
CLOSED = (ActionStatus.COMPLETE, ActionStatus.WITHDRAWN)



def _date_key(value: date | None) -> str:
    return value.isoformat() if value else "9999"


def action_columns(today: date, *, forum: bool, owner: bool) -> list[Column[Action]]:
    columns: list[Column[Action]] = [Column("Ref", lambda a: a.ref, lambda a: (a.forum_name, a.ref))]
    if forum:
        columns.append(Column("Forum", lambda a: a.forum_name, tooltip=True))
    columns.append(Column("Action", lambda a: a.description, tooltip=True))
    if owner:
        columns.append(Column("Owner", lambda a: a.owner_name,
                              tooltip=lambda a: f"{a.owner_name}, {a.owner_org}" if a.owner_org else a.owner_name))
    columns += [
        Column("Due", _due, lambda a: _date_key(a.effective_due), tooltip=_due_hint),
        Column("Status", lambda a: a.status.label),
        Column(
            "RAG",
            lambda a: a.rag(today).label + (OVERRIDE_MARK if a.rag_override and a.is_open else ""),
            lambda a: RAG_ORDER[a.rag(today)],
            colours=lambda a: rag_colours(a.rag(today)),
        ),
        Column("Latest update", _latest, tooltip=True),
    ]
    return columns


def _due(action: Action) -> str:
    """The date it is due now (revised if revised); the tooltip tells the original."""
    return format_uk_date(action.effective_due)


def _due_hint(action: Action) -> str:
    if action.revised_due_date is None:
        return f"Due {format_uk_date(action.due_date)}" if action.due_date else "No due date"
    return f"Originally due {format_uk_date(action.due_date)}; revised to {format_uk_date(action.revised_due_date)}"


def _latest(action: Action) -> str:
    update = action.latest_update
    return "" if update is None else f"{format_uk_date(update.on)}: {update.text}"


class ActionListPanel(QWidget):
    """A titled, counted list of up to ``LIMIT`` actions and a link to all of them in the tracker."""

    def __init__(self, ctx: AppContext, *, forum: bool, owner: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = ActionQuery()
        self.total = 0
        self._counts = (0, 0, 0)
        self._forum, self._owner = forum, owner
        self.summary = muted_label("", self)
        self.summary.setAccessibleName("Action counts")
        self.show_all = QPushButton("Show all in Actions", self)
        self.show_all.setAccessibleName("Show these actions in the Actions tracker")
        self.show_all.clicked.connect(self._on_show_all_clicked)
        self.model = RecordTableModel(action_columns(ctx.today(), forum=forum, owner=owner), self)
        self.proxy = sorting_proxy(self.model, self)
        self.view = record_table("Actions", self)
        self.view.setModel(self.proxy)
        self.view.doubleClicked.connect(lambda _index: self._on_show_all_clicked())
        self._size_columns(forum=forum, owner=owner)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(RagLegend(self))

    def _size_columns(self, *, forum: bool, owner: bool) -> None:
        """Short columns fit their contents, names get a modest width, the action's text takes the rest."""
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(40)  # size from the first rows only: 500 rows x 4 columns is 0.7 s
        titles = [c.title for c in self.model._columns]
        char = self.view.fontMetrics().averageCharWidth()
        for column, title in enumerate(titles):
            if title in ("Ref", "Due", "Status", "RAG"):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            elif title != "Action":
                self.view.setColumnWidth(column, char * (16 if title == "Latest update" else 13) + 12)
        stretch_column(self.view, titles.index("Action"))

    def load(self, query: ActionQuery) -> None:
        """Show the actions matching ``query``, open ones first by due date (a few ms: indexed)."""
        self._query = query
        actions = self._ctx.services.actions
        self.total = total = actions.count(query)
        open_count = actions.count(_replace(query, open_only=True))
        overdue = actions.count(_replace(query, overdue=True))
        rows = actions.page(_replace(query, open_only=True), limit=LIMIT)
        if len(rows) < LIMIT:
            closed = _replace(query, statuses=CLOSED, open_only=False, sort=ActionSort.CLOSED, descending=True)
            rows += actions.page(closed, limit=LIMIT - len(rows))
        self.model.set_records(rows)
        self._counts = (total, open_count, overdue)
        self.summary.setText(_summary(total, open_count, overdue, len(rows)))
        self.show_all.setEnabled(total > 0)

    def clear(self) -> None:
        self.total = 0
        self._counts = (0, 0, 0)
        self.model.set_records([])
        self.summary.setText("")
        self.show_all.setEnabled(False)

    def counts_text(self) -> str:
        """``"12 actions: 3 open, 1 overdue, 9 closed."`` (without the note on how many are shown)."""
        return _summary(*self._counts, shown=self._counts[0])

    def _on_show_all_clicked(self) -> None:
        self._ctx.navigate("actions", **query_filters(self._query))


def _replace(query: ActionQuery, **changes: Any) -> ActionQuery:
    values = {f.name: getattr(query, f.name) for f in fields(query)}
    values.update(changes)
    return ActionQuery(**values)


def query_filters(query: ActionQuery) -> dict[str, Any]:
    """The fields of a query that differ from the defaults: what ``ctx.navigate("actions", ...)`` takes."""
    default = ActionQuery()
    return {f.name: getattr(query, f.name) for f in fields(query) if getattr(query, f.name) != getattr(default, f.name)}


def _summary(total: int, open_count: int, overdue: int, shown: int) -> str:
    """One line of counts; says so when only the first ``shown`` rows are listed."""
    if total == 0:
        return "No actions."
    text = f"{total:,} actions: {open_count:,} open, {overdue:,} overdue, {total - open_count:,} closed."
    if shown < total:
        text += f" Showing {shown:,}, open first."
    return text
