"""Small building blocks shared by the register pages (forums, people, meetings, strategy).

``RecordTableModel`` shows a list of domain records through a list of ``Column``s: display text, a native
sort value (``SORT_ROLE``) and the record itself (``OBJECT_ROLE``), so a ``QSortFilterProxyModel`` can sort
and filter it. The lists here are hundreds of rows, where a proxy is fast; the 100k-row action list is the
tracker's own paged model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    align_right: bool = False
    tooltip: bool | Callable[[T], str] = False  # True: the full text as a tooltip (long cells)


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table of records; reset with ``set_records``."""

    def __init__(self, columns: Sequence[Column[T]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[T] = []
        self._muted: Callable[[T], bool] = lambda _record: False

    def set_muted(self, muted: Callable[[T], bool]) -> None:
        """Records for which ``muted`` is true are shown in italics (archived, ended)."""
        self._muted = muted

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[T]:
        return list(self._records)

    def record(self, row: int) -> T:
        return self._records[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._records[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record).lower()
        if role == OBJECT_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record) if callable(column.tooltip) else column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self._muted(record):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None


def sorting_proxy(model: QAbstractTableModel, parent: QWidget) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def record_table(name: str, parent: QWidget | None = None) -> QTableView:
    """A table view set up the same way everywhere: whole rows, sortable, no grid, last column stretched."""
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the records' own order first
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setHighlightSections(False)
    return view


def search_box(placeholder: str, name: str, parent: QWidget) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    box.setClearButtonEnabled(True)
    return box


def leads_to(search: QLineEdit, view: QAbstractItemView) -> None:
    """Down or Enter in a search box goes to its results, on the first row if none is chosen (issue 15
    item 11: there was no keyboard route from a search box to what it found)."""

    def go() -> None:
        model = view.model()
        if model is None or not model.rowCount():
            return
        if not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    for keys in ("Down", "Return", "Enter"):
        sc = QShortcut(QKeySequence(keys), search)
        sc.setContext(Qt.ShortcutContext.WidgetShortcut)
        sc.activated.connect(go)


def heading(text: str, parent: QWidget | None = None, *, size: float = 1.35) -> QLabel:
    """A bold heading scaled from the system font (follows the user's font size and palette)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)  # a long forum or meeting name wraps rather than widening the window
    label.setTextFormat(Qt.TextFormat.PlainText)  # a name shows as typed, never as HTML (issue 15 item 14)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """Secondary text in the palette's placeholder colour, word-wrapped."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def shortcut(keys: str | QKeySequence.StandardKey, parent: QWidget, slot: Callable[[], None]) -> QShortcut:
    """A shortcut live while focus is anywhere inside ``parent`` (so Ctrl+N adds in the page in view)."""
    sc = QShortcut(QKeySequence(keys), parent)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


def stretch_column(view: QTableView, column: int) -> None:
    """Give ``column`` the spare width (the text column), so no table needs sideways scrolling."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def selected_record(view: QTableView) -> Any:
    index = view.currentIndex()
    if not index.isValid():
        return None
    return index.siblingAtColumn(0).data(OBJECT_ROLE)


def fit_columns(view: QTableView, widths: Sequence[int]) -> None:
    """Initial column widths in average characters, so they follow the font (high DPI, large fonts)."""
    char = view.fontMetrics().averageCharWidth()
    for column, chars in enumerate(widths):
        view.setColumnWidth(column, chars * char + 16)


def list_beside_detail(page: QWidget, list_side: QWidget, detail: QWidget) -> None:
    """The register pages' layout: a list on the left, the chosen record's page filling the rest."""
    splitter = QSplitter(Qt.Orientation.Horizontal, page)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(list_side)
    splitter.addWidget(detail)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([400, 960])
    layout = QVBoxLayout(page)
    layout.addWidget(splitter)
