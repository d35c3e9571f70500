"""The aims-by-forums coverage grid: one row per aim, one column per forum, each cell the number of that
forum's actions linked to that aim, coloured by how much is happening. A cell clicks through to those
actions. Cells where a forum serves the aim but has no action yet are marked: those are the gaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from forumdesk.domain.model import Aim, Forum
from forumdesk.ui.widgets.flow_layout import FlowLayout

_Index = QModelIndex | QPersistentModelIndex
AIM_ROLE = Qt.ItemDataRole.UserRole + 10
FORUM_ROLE = Qt.ItemDataRole.UserRole + 11
COUNT_ROLE = Qt.ItemDataRole.UserRole + 12


@dataclass(frozen=True)
class Band:
    label: str
    low: int  # smallest count in the band (-1: the forum serves the aim but has no action)
    background: str
    foreground: str


# A sequential blue scale, each background paired with a text colour that reads on it (contrast >= 4.5).
COLOURS = (("#e6e6e6", "#3a3a3a"), ("#d6eaf8", "#0b3d5c"), ("#8fc3e8", "#062a40"), ("#1f5f8b", "#ffffff"))


def bands_for(counts: list[int]) -> tuple[Band, ...]:
    """Bands scaled to the data (a county with 100,000 actions is not all one colour): the top band starts
    at half the busiest cell, the middle one at a sixth of it."""
    top = max(counts, default=0)
    middle_low = max(2, round(top / 6))
    top_low = max(middle_low + 1, round(top / 2))
    return (
        Band("Serves the aim, no actions yet", -1, *COLOURS[0]),
        Band(f"1–{middle_low - 1} actions", 1, *COLOURS[1]),
        Band(f"{middle_low}–{top_low - 1}", middle_low, *COLOURS[2]),
        Band(f"{top_low} or more", top_low, *COLOURS[3]),
    )


def band_for(bands: tuple[Band, ...], count: int, served: bool) -> Band | None:
    if count == 0:
        return bands[0] if served else None
    return [band for band in bands[1:] if count >= band.low][-1]


@dataclass(frozen=True)
class Coverage:
    aims: list[Aim]
    forums: list[Forum]
    counts: dict[tuple[int, int], int]  # (aim id, forum id) -> actions
    served: set[tuple[int, int]]  # (aim id, forum id) where the forum serves the aim


class CoverageTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = Coverage([], [], {}, set())
        self.bands = bands_for([])

    def set_coverage(self, coverage: Coverage) -> None:
        self.beginResetModel()
        self._data = coverage
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
            what = f"{count} actions" if count else ("serves this aim, no actions yet" if served else "no actions")
            return f"{aim.code} × {forum.name}: {what}" + ("\nClick to see them" if count else "")
        if role == AIM_ROLE:
            return aim.code
        if role == FORUM_ROLE:
            return forum.id
        if role == COUNT_ROLE:
            return count
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._data.forums):
            forum = self._data.forums[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return forum.short_code or forum.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return forum.name
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


class CoverageLegend(QWidget):
    """The key to the grid's colours, in the grid's own colours; ``set_bands`` follows the data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Coverage colour key")
        layout = FlowLayout(self)  # wraps on a small or scaled screen (issue 15 item 4)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Actions linked to each aim:", self))
        self.chips: list[QLabel] = []
        for background, foreground in COLOURS:
            chip = QLabel(self)
            chip.setStyleSheet(
                f"QLabel {{ background: {background}; color: {foreground}; border-radius: 3px; padding: 1px 6px; }}"
            )
            layout.addWidget(chip)
            self.chips.append(chip)
        layout.addWidget(QLabel("Blank: not served, no actions", self))
        self.set_bands(bands_for([]))

    def set_bands(self, bands: tuple[Band, ...]) -> None:
        for chip, band in zip(self.chips, bands, strict=True):
            chip.setText(band.label)
            chip.setAccessibleName(band.label)
