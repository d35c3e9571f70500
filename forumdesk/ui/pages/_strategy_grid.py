"""The aims-by-forums coverage grid: one row per aim, one column per forum that serves any aim (even with no
action), each cell the number of that forum's OPEN actions linked to that aim, coloured by how much is
happening. A cell clicks through to those actions. Cells where a forum serves the aim but has no open action
yet are marked in their own colour: those are the gaps. Column headers show the full forum name where the
column is wide enough, else its short code (the full name is always in the tooltip)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from forumdesk.domain.model import Aim, Forum
from forumdesk.services.strategy import Coverage
from forumdesk.ui.models.roles import AIM_ROLE, COUNT_ROLE, FORUM_ROLE
from forumdesk.ui.widgets.flow_layout import FlowLayout

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Band:
    label: str
    low: int  # smallest count in the band (-1: the forum serves the aim but has no action)
    background: str
    foreground: str


# The gap in amber, then a sequential blue scale; each background paired with a text colour that reads on it
# (contrast >= 4.5).
GAP_LABEL = "Serves the aim, no open actions yet"
COLOURS = (("#fde2c4", "#6b3300"), ("#d6eaf8", "#0b3d5c"), ("#8fc3e8", "#062a40"), ("#1f5f8b", "#ffffff"))


def bands_for(counts: list[int]) -> tuple[Band, ...]:
    """Bands scaled to the data (a county with 100,000 actions is not all one colour): the top band starts
    at half the busiest cell, the middle one at a sixth of it."""
    top = max(counts, default=0)
    middle_low = max(2, round(top / 6))
    top_low = max(middle_low + 1, round(top / 2))
    return (
        Band(GAP_LABEL, -1, *COLOURS[0]),
        Band(f"1–{middle_low - 1} open" if middle_low > 2 else "1 open", 1, *COLOURS[1]),
        Band(f"{middle_low}–{top_low - 1}" if top_low - 1 > middle_low else f"{middle_low}", middle_low, *COLOURS[2]),
        Band(f"{top_low} or more", top_low, *COLOURS[3]),
    )


def band_for(bands: tuple[Band, ...], count: int, served: bool) -> Band | None:
    if count == 0:
        return bands[0] if served else None
    return [band for band in bands[1:] if count >= band.low][-1]


class CoverageTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = Coverage([], [], {}, set())
        self.bands = bands_for([])
        self.full_names: set[int] = set()  # columns wide enough to show the forum's full name

    def set_coverage(self, coverage: Coverage) -> None:
        self.beginResetModel()
        self._data = coverage
        self.full_names = set()
        self.bands = bands_for(list(coverage.counts.values()))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._data.aims)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._data.forums)

    def cell(self, index: _Index) -> tuple[Aim, Forum, int, bool]:
        aim, forum = self._data.aims[index.row()], self._data.forums[index.column()]
        key = (aim.id, forum.id)
        return aim, forum, self._data.counts.get(key, 0), key in self._data.served

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        aim, forum, count, served = self.cell(index)
        band = band_for(self.bands, count, served)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count) if count or served else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and band is not None:
            return QColor(band.background)
        if role == Qt.ItemDataRole.ForegroundRole and band is not None:
            return QColor(band.foreground)
        if role == Qt.ItemDataRole.ToolTipRole:
            if count:
                what = f"{count} open action{'s' if count != 1 else ''}\nClick to see them"
            elif served:
                what = "No open actions yet: a gap"
            else:
                what = "No open actions"
            verb = "serves" if served else "does not serve"
            return f"{forum.name} {verb} {aim.code}: {aim.text}\n{what}"
        if role == AIM_ROLE:
            return aim.code
        if role == FORUM_ROLE:
            return forum.id
        if role == COUNT_ROLE:
            return count
        return None

    def forum_name(self, section: int) -> str:
        return self._data.forums[section].name

    def forum_code(self, section: int) -> str:
        forum = self._data.forums[section]
        return forum.short_code or forum.name

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._data.forums):
            forum = self._data.forums[section]
            if role == Qt.ItemDataRole.DisplayRole:
                if section in self.full_names or not forum.short_code:
                    return forum.name
                return forum.short_code
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{forum.name}\n({forum.short_code})" if forum.short_code else forum.name
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._data.aims):
            aim = self._data.aims[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return aim.code
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{aim.area_name}\n{aim.code}: {aim.text}"
        return None


class CoverageView(QTableView):
    """The grid, compact: narrow count columns, aim codes down the side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Coverage of aims by forums")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        char = self.fontMetrics().averageCharWidth()
        self.horizontalHeader().setMinimumSectionSize(char * 8)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # fill, then scroll
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumWidth(char * 8)
        # Full forum names, wrapped onto up to three lines, where the column is wide enough (else short codes)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setFixedHeight(self.fontMetrics().lineSpacing() * self.HEADER_LINES + 10)
        header.sectionResized.connect(lambda *_: self.fit_headers())

    HEADER_LINES = 3

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        model.modelReset.connect(self.fit_headers)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_headers()

    def fit_headers(self) -> None:
        """Show a column's full forum name when it fits its width in HEADER_LINES lines, else its short code."""
        model = self.model()
        if not isinstance(model, CoverageTableModel):
            return
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        codes = [model.forum_code(c) for c in range(model.columnCount())]
        widest = max((metrics.horizontalAdvance(code) for code in codes), default=0) + 14
        if header.minimumSectionSize() < widest:  # no short code clipped (then scroll sideways)
            header.setMinimumSectionSize(widest)
        fits: set[int] = set()
        for column in range(model.columnCount()):
            name = model.forum_name(column)
            width = self.columnWidth(column) - 8
            words_fit = all(metrics.horizontalAdvance(word) <= width for word in name.split())
            box = metrics.boundingRect(0, 0, max(width, 1), 10_000, int(Qt.TextFlag.TextWordWrap), name)
            if words_fit and box.height() <= metrics.lineSpacing() * self.HEADER_LINES:
                fits.add(column)
        if fits != model.full_names:
            model.full_names = fits
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(model.columnCount() - 1, 0))


class CoverageLegend(QWidget):
    """The key to the grid's colours, in the grid's own colours; ``set_bands`` follows the data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Coverage colour key")
        layout = FlowLayout(self)  # wraps on a small or scaled screen (issue 15 item 4)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Open actions linked to each aim (closed ones not counted):", self))
        self.chips: list[QLabel] = []
        for background, foreground in COLOURS:
            chip = QLabel(self)
            chip.setStyleSheet(
                f"QLabel {{ background: {background}; color: {foreground}; border-radius: 3px; padding: 1px 6px; }}"
            )
            layout.addWidget(chip)
            self.chips.append(chip)
        layout.addWidget(QLabel("Blank: not served, no open actions", self))
        self.set_bands(bands_for([]))

    def set_bands(self, bands: tuple[Band, ...]) -> None:
        for chip, band in zip(self.chips, bands, strict=True):
            chip.setText(band.label)
            chip.setAccessibleName(band.label)
