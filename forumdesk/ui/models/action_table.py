"""The Actions tracker's table: a model paged over SQLite that holds only the ordered list of ids.

After Anki's browser: ``services.actions.ids(query)`` returns the matching ids in order (filtering and
sorting happen in SQL, off the GUI thread), and rows are fetched ``PAGE`` at a time with ``by_ids`` when a
view asks for them; far pages are dropped. There is no ``QSortFilterProxyModel``: at 100,000 actions it
takes seconds (SETUP.md). Sorting is a new ``ActionQuery`` and so a new list of ids.

The model never writes: an edit in a cell becomes ``edit_requested(ids, patch)``, which the page turns
into an undoable command run on the write lane.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.model import Action
from forumdesk.domain.patches import ActionPatch
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.ui.models.rag_colours import OVERRIDE_MARK, RAG_COLOURS, RAG_MEANINGS
from forumdesk.ui.models.roles import ID_ROLE, OBJECT_ROLE
from forumdesk.ui.shell.context import AppContext

PAGE = 200
MAX_PAGES = 12  # about 2,400 rows held at most, whatever the size of the file




class Column(IntEnum):
    REF = 0
    FORUM = 1
    ACTION = 2
    OWNER = 3
    AGENCY = 4
    DUE = 5
    REVISED = 6
    STATUS = 7
    RAG = 8
    LATEST = 9
    AIMS = 10
    CHASED = 11

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    Column.REF: "Ref",
    Column.FORUM: "Forum",
    Column.ACTION: "Action",
    Column.OWNER: "Owner",
    Column.AGENCY: "Agency",
    Column.DUE: "Due",
    Column.REVISED: "Revised",
    Column.STATUS: "Status",
    Column.RAG: "RAG",
    Column.LATEST: "Latest update",
    Column.AIMS: "Aims",
    Column.CHASED: "Last chased",
}

SORT_OF = {
    Column.REF: ActionSort.REF,
    Column.FORUM: ActionSort.FORUM,
    Column.ACTION: ActionSort.DESCRIPTION,
    Column.OWNER: ActionSort.OWNER,
    Column.AGENCY: ActionSort.AGENCY,
    Column.DUE: ActionSort.DUE,
    Column.REVISED: ActionSort.REVISED,
    Column.STATUS: ActionSort.STATUS,
    Column.RAG: ActionSort.RAG,
}
for _column, _name in ((Column.LATEST, "LATEST_UPDATE"), (Column.AIMS, "AIMS"), (Column.CHASED, "LAST_CHASED")):
    if hasattr(ActionSort, _name):  # added to the domain's sort keys after the first release
        SORT_OF[_column] = ActionSort[_name]
COLUMN_OF = {sort: column for column, sort in SORT_OF.items()}

EDITABLE = {Column.STATUS, Column.DUE, Column.REVISED, Column.OWNER, Column.RAG}
PATCH_OF: dict[Column, Callable[[Any], ActionPatch]] = {  # an edited cell's value as the change to make
    Column.STATUS: lambda value: ActionPatch(status=value),
    Column.DUE: lambda value: ActionPatch(due_date=value),
    Column.REVISED: lambda value: ActionPatch(revised_due_date=value),
    Column.OWNER: lambda value: ActionPatch(owner_id=value),
    Column.RAG: lambda value: ActionPatch(rag_override=value),
}



# the field an editor starts from, where it is not the text shown
EDIT_FIELD = {
    Column.STATUS: "status", Column.RAG: "rag_override", Column.DUE: "due_date", Column.REVISED: "revised_due_date",
    Column.OWNER: "owner_id",
}


class ActionTableModel(QAbstractTableModel):
    """All actions matching ``query``, in its order; rows fetched a page at a time."""

    loading_started = Signal()
    loaded = Signal(int)  # the number of matching actions, once the new ids are in
    load_failed = Signal(object)
    edit_requested = Signal(list, object)  # action ids, ActionPatch

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = ActionQuery()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[Action | None]] = OrderedDict()
        self._generation = 0
        self._today = ctx.today()
        self._bold = QFont()
        self._bold.setBold(True)

    # -- the query ----------------------------------------------------------------------------------------
    @property
    def query(self) -> ActionQuery:
        return self._query

    def set_query(self, query: ActionQuery) -> None:
        """Ask for the ids of ``query`` off the GUI thread; the newest request wins."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, query = self._generation, self._query
        self.loading_started.emit()
        self._ctx.tasks.read(
            lambda services: services.actions.ids(query),
            on_done=lambda ids: self._on_ids(generation, ids),
            on_error=lambda error: self._on_error(generation, error),
        )

    def set_sort(self, column: int, descending: bool) -> bool:
        sort = SORT_OF.get(Column(column))
        if sort is None:
            return False
        self.set_query(dataclasses.replace(self._query, sort=sort, descending=descending))
        return True

    def _on_ids(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return  # a newer query has been asked for
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._today = self._ctx.today()
        self.endResetModel()
        self.loaded.emit(len(ids))

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.load_failed.emit(error)

    # -- rows ---------------------------------------------------------------------------------------------
    def ids(self) -> list[int]:
        return self._ids

    def action_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, action_id: int) -> int:
        try:
            return self._ids.index(action_id)
        except ValueError:
            return -1

    def action(self, row: int) -> Action | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE]

    def _fetch(self, number: int) -> list[Action | None]:
        # A quick indexed read on the GUI thread's own connection (a few ms for 200 rows).
        chunk = self._ids[number * PAGE : (number + 1) * PAGE]
        found = {a.id: a for a in self._ctx.services.actions.by_ids(chunk)}
        page: list[Action | None] = [found.get(i) for i in chunk]
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def cached_pages(self) -> int:
        return len(self._pages)

    # -- Qt's model interface -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return Column(section).title
        if role == Qt.ItemDataRole.ToolTipRole and Column(section) not in SORT_OF:
            return "This column cannot be sorted"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and Column(index.column()) in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.action(index.row())
        if action is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(action, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(action, column)
        if role == OBJECT_ROLE:
            return action
        if role == ID_ROLE:
            return action.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(action, column)
        if column is Column.RAG and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, foreground = RAG_COLOURS[action.rag(self._today)]
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        if role == Qt.ItemDataRole.FontRole and column is Column.DUE and action.is_overdue(self._today):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.DUE, Column.REVISED, Column.RAG,
                                                                     Column.CHASED):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Turn an edit into a request; the cell changes when the write is applied."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = Column(index.column())
        action = self.action(index.row())
        if column not in EDITABLE or action is None:
            return False
        if value == self._edit_value(action, column):
            return False
        self.edit_requested.emit([action.id], PATCH_OF[column](value))
        return True

    # -- cells --------------------------------------------------------------------------------------------
    def _display(self, action: Action, column: Column) -> str:
        if column is Column.REF:
            return action.ref
        if column is Column.FORUM:
            return action.forum_name
        if column is Column.ACTION:
            return action.description
        if column is Column.OWNER:
            return action.owner_name
        if column is Column.AGENCY:
            return action.owner_org
        if column is Column.DUE:
            return format_uk_date(action.due_date)
        if column is Column.REVISED:
            return format_uk_date(action.revised_due_date)
        if column is Column.STATUS:
            return action.status.label
        if column is Column.RAG:
            label = action.rag(self._today).label
            return f"{label}{OVERRIDE_MARK}" if _overridden(action) else label
        if column is Column.LATEST:
            update = action.latest_update
            return "" if update is None else f"{format_uk_date(update.on)}: {update.text}"
        if column is Column.CHASED:
            return format_uk_date(action.last_chased.date()) if action.last_chased else ""
        return " ".join(action.aim_codes)

    def _edit_value(self, action: Action, column: Column) -> Any:
        field = EDIT_FIELD.get(column)
        return self._display(action, column) if field is None else getattr(action, field)

    def _tooltip(self, action: Action, column: Column) -> str | None:
        if column is Column.RAG:
            rag = action.rag(self._today)
            hint = RAG_MEANINGS[rag]
            return f"{hint} (set by hand by the secretary)" if _overridden(action) else hint
        if column in (Column.ACTION, Column.LATEST, Column.FORUM):
            return self._display(action, column) or None
        if column is Column.DUE and action.is_overdue(self._today):
            return f"Overdue since {format_uk_date(action.effective_due)}"
        if column is Column.CHASED and action.last_chased is not None:
            return f"A chaser e-mail was last drafted for it on {action.last_chased:%d/%m/%Y at %H:%M}"
        return None


def _overridden(action: Action) -> bool:
    return action.is_open and action.rag_override is not None

