"""Pieces shared by the meeting screens: the agenda table model (with drag-and-drop reorder), the room's table
view and the base of its key-driven panels (attendance, matters arising), a shortcut helper, and ``write``
(a ``WriteOp`` whose user error shows on the screen's error line)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QWidget

from forumdesk.domain.changes import Outcome
from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import QuorumKind
from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.model import AgendaItem
from forumdesk.domain.quorum import QuorumResult
from forumdesk.services import Services
from forumdesk.ui.models.records import Column, RecordTableModel
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp

T = TypeVar("T")
_MIME = "application/x-forumdesk-agenda-item"
_Index = QModelIndex | QPersistentModelIndex


def shortcut(keys: str, parent: QWidget, slot: Callable[[], None], *, window: bool = False) -> QShortcut:
    sc = QShortcut(QKeySequence(keys), parent)
    sc.setContext(Qt.ShortcutContext.WindowShortcut if window else Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


def early_close_warning(meeting_day: date, today: date) -> str:
    """What to say before closing a meeting dated after today (its minutes could not be agreed until then)."""
    if meeting_day <= today:
        return ""
    return (
        f"This meeting is dated {format_uk_date(meeting_day)}, after today ({format_uk_date(today)}). "
        "If it was held today, press Cancel and correct its date with Move… first: minutes cannot be agreed "
        "before the date of their meeting. Close it anyway?"
    )


def quorum_line(result: QuorumResult) -> str:
    """The live quorum line, saying what is needed: "Quorate: 3 agencies represented, 3 needed" ("3 of 3
    agencies" read as "everyone came", issue 15 item 17)."""
    if result.quorate is None:
        return result.short
    if result.rule.kind is QuorumKind.AGENCIES:
        have = len(result.agencies)
        counted = f"{have} {'agency' if have == 1 else 'agencies'} represented"
    else:
        counted = f"{result.heads} decision-making {'member' if result.heads == 1 else 'members'} present"
    return f"{result.word.capitalize()}: {counted}, {result.rule.count} needed"


def write(
    ctx: AppContext,
    fn: Callable[[Services], Outcome[Any]],
    *,
    on_done: Callable[[Any], None] | None = None,
    error_label: QLabel | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    initiator: object | None = None,
) -> None:
    """A ``WriteOp`` as the meeting screens use it: a user error shown on ``error_label`` (and the status
    line), cleared again by the next write that succeeds; ``on_done`` gets the outcome's value."""

    def done(value: Any) -> None:
        if error_label is not None:
            error_label.clear()
        if on_done is not None:
            on_done(value)

    def failed(error: BaseException) -> None:
        message = str(error) if isinstance(error, ForumDeskError) else f"Unexpected error: {error!r}"
        if error_label is not None:
            error_label.setText(message)
        ctx.status_message.emit(message)
        if on_error is not None:
            on_error(error)

    WriteOp(ctx, fn).success(done).failure(failed).run(initiator=initiator)


def meeting_table(model: QAbstractItemModel, name: str, parent: QWidget) -> QTableView:
    """A meeting-room table: whole rows, one at a time, never edited in place, no row numbers."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


class KeyedTablePanel(QWidget, Generic[T]):
    """A table of one meeting's records worked by single keys (the subclass's ``eventFilter``), each key a
    write on the lane; after it the table is read again and ``changed`` emitted; a refusal shows in red."""

    changed = Signal()

    def __init__(self, ctx: AppContext, columns: Sequence[Column[T]], name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.model: RecordTableModel[T] = RecordTableModel(columns, self)
        self.table = meeting_table(self.model, name, self)
        self.table.installEventFilter(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020")

    def set_meeting(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _write(self, fn: Callable[[Services], Any]) -> None:
        write(self.ctx, fn, on_done=self._after_write, error_label=self.error_label)

    def _after_write(self, _result: object) -> None:
        self.refresh()
        self.changed.emit()


class AgendaTableModel(RecordTableModel[AgendaItem]):
    """The agenda, numbered, with running end times. Rows can be dragged to reorder them among their siblings."""

    reorder_requested = Signal(list, object)  # ordered sibling ids, parent id (None for top level)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._ends: dict[int, datetime] = {}
        super().__init__(
            (
                Column("Ref", lambda i: i.minute_ref),
                Column("Item", lambda i: ("    " if i.parent_id else "") + i.title),
                Column("Purpose", lambda i: i.purpose.value.capitalize()),
                Column("Presenter", lambda i: i.presenter),
                Column("Minutes", lambda i: str(i.minutes_allowed) if i.minutes_allowed else ""),
                Column("Ends", self._end),
            ),
            parent,
        )

    def _end(self, item: AgendaItem) -> str:
        end = self._ends.get(item.id)
        return end.strftime("%H:%M") if end else ""

    def set_items(self, items: Sequence[AgendaItem], ends: dict[int, datetime]) -> None:
        self._ends = dict(ends)
        self.set_records(items)

    def items(self) -> list[AgendaItem]:
        return self.records()

    def item(self, row: int) -> AgendaItem:
        return self.record(row)

    def row_of(self, item_id: int) -> int:
        return self.row_where(lambda i: i.id == item_id)

    # -- drag and drop ------------------------------------------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes})
        data.setData(_MIME, ",".join(str(self.record(r).id) for r in rows[:1]).encode())
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index) -> bool:
        if not data.hasFormat(_MIME) or action != Qt.DropAction.MoveAction:
            return False
        dragged = int(bytes(data.data(_MIME).data()).decode() or 0)
        target_row = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        order = order_after_drop(self.records(), dragged, target_row)
        if order is None:
            return False
        self.reorder_requested.emit(order[0], order[1])
        return False  # the model is refreshed from the database; nothing to remove here


def order_after_drop(
    items: Sequence[AgendaItem], dragged_id: int, target_row: int
) -> tuple[list[int], int | None] | None:
    """The new order of the dragged item's siblings when it is dropped before ``target_row``."""
    dragged = next((i for i in items if i.id == dragged_id), None)
    if dragged is None:
        return None
    siblings = [i.id for i in items if i.parent_id == dragged.parent_id]
    # the sibling the drop lands before: the first sibling at or after the target row
    after = [i.id for i in items[target_row:] if i.parent_id == dragged.parent_id and i.id != dragged_id]
    before_id = after[0] if after else None
    order = [i for i in siblings if i != dragged_id]
    index = order.index(before_id) if before_id in order else len(order)
    order.insert(index, dragged_id)
    return (order, dragged.parent_id) if order != siblings else None
