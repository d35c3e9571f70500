"""The strategy: its priority areas and aims, the forums serving each aim, and the open, overdue and closed
actions linked to each (every count clicks through to those actions); and the aims-by-forums coverage grid.
The counts are read off the GUI thread (a grouped count over every action)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.model import PriorityArea
from forumdesk.services import Services
from forumdesk.services.strategy import AimProgress, Coverage
from forumdesk.ui.models.roles import AIM_ROLE, CODE_ROLE, COUNT_ROLE, FORUM_ROLE
from forumdesk.ui.models.word_filter import WordFilter
from forumdesk.ui.pages._common import (
    KeptCurrent,
    heading,
    muted_label,
    record_tree,
    search_box,
    search_keys,
)
from forumdesk.ui.pages._strategy_grid import CoverageLegend, CoverageTableModel, CoverageView
from forumdesk.ui.shell.context import AppContext

COUNT_FILTERS: dict[int, dict[str, Any]] = {
    2: {"open_only": True},
    3: {"overdue": True},
    4: {"statuses": (ActionStatus.COMPLETE, ActionStatus.WITHDRAWN)},
}
HEADERS = ("Priority area / aim", "Forums serving it", "Open", "Overdue", "Closed")


@dataclass(frozen=True)
class StrategySnapshot:
    name: str
    areas: list[PriorityArea]
    progress: list[AimProgress]
    area_counts: dict[str, tuple[int, int, int]]
    coverage: Coverage


def read_snapshot(services: Services) -> StrategySnapshot:
    """Everything the page shows, in one read (run on a worker thread)."""
    today = services.today()
    area_counts = {code: (o, d, c) for code, _name, o, d, c in services.actions.area_counts()}
    return StrategySnapshot(services.strategy.name(), services.strategy.areas(),
                            services.strategy.aim_progress(today), area_counts,
                            services.strategy.coverage())


class _AimFilter(WordFilter):
    """Aims whose code, text or forums hold every search word; with the switch (gaps only), only aims with no
    open action. An area shows when one of its aims does, or (without the switch) when its name matches."""

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # type: ignore[override]
        model = self.sourceModel()
        matches = self.has_words(f"{model.index(row, 0, parent).data()} {model.index(row, 1, parent).data()}")
        if not parent.isValid():  # an area
            return bool(self.words) and matches and not self.switch
        gap = int(model.index(row, 2, parent).data(COUNT_ROLE) or 0) == 0
        return matches and (gap or not self.switch)


class StrategyPage(QWidget):
    title = "Strategy"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.current = KeptCurrent(
            self, ctx, lambda c: bool(c.actions or c.strategy or c.forums), lambda: self.reload()
        )
        self._pending: dict[str, Any] = {}
        self.snapshot: StrategySnapshot | None = None
        self.heading = heading("Strategy", self)
        self.summary = muted_label("Counting the actions linked to each aim…", self)
        self.summary.setAccessibleName("Strategy summary")
        self.search = search_box("Search aims and forums (Ctrl+F)", "Search aims", self)
        self.gaps_only = QCheckBox("Only aims with no open action (the gaps)", self)
        self.gaps_only.setAccessibleName("Show only aims with no open action")
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        self.proxy = _AimFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = record_tree("Priority areas and aims with action counts", self.proxy, self)
        self.tree.setWordWrap(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setToolTip("Click a count, or press Enter on it, to see those actions")
        self.grid_model = CoverageTableModel(self)
        self.grid = CoverageView(self)
        self.grid.setModel(self.grid_model)
        self.grid.setToolTip("Counts are of open actions only. Click a cell to see that forum's open actions "
                             "for that aim")
        self._build()
        self.tree.clicked.connect(self._on_tree_activated)
        self.tree.activated.connect(self._on_tree_activated)
        self.grid.clicked.connect(self._on_grid_activated)
        self.grid.activated.connect(self._on_grid_activated)
        self.gaps_only.toggled.connect(self._on_filter_changed)
        self.search.textChanged.connect(self._on_filter_changed)
        search_keys(self, self.search, self.tree, self.focus_search)
        self.reload()

    def _build(self) -> None:
        aims_tab = QWidget(self)
        column = QVBoxLayout(aims_tab)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.gaps_only)
        column.addLayout(bar)
        column.addWidget(self.tree, 1)
        grid_tab = QWidget(self)
        grid_column = QVBoxLayout(grid_tab)
        self.legend = CoverageLegend(grid_tab)
        grid_column.addWidget(self.legend)
        grid_column.addWidget(self.grid, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Strategy views")
        self.tabs.addTab(aims_tab, "&Aims and progress")
        self.tabs.addTab(grid_tab, "&Coverage by forum")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        char = self.fontMetrics().averageCharWidth()
        self.tree.setColumnWidth(1, char * 44)
        for col in (2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.tree.setColumnWidth(col, char * 9)

    # -- page protocol ------------------------------------------------------------------------------------
    def show_filtered(self, **filters: Any) -> None:
        """``aim_code`` or ``area_code`` selects that row; ``gaps=True`` shows only the gaps."""
        if "gaps" in filters:
            self.gaps_only.setChecked(bool(filters["gaps"]))
        self._pending = {k: v for k, v in filters.items() if k in ("aim_code", "area_code")}
        if self.snapshot is not None:
            self._select_pending()

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.current.fresh()
        self._ctx.tasks.read(read_snapshot, on_done=self._on_snapshot, on_error=self._ctx.report)

    def _on_snapshot(self, snapshot: StrategySnapshot) -> None:
        self.snapshot = snapshot
        self.heading.setText(snapshot.name or "Strategy")
        self.model.removeRows(0, self.model.rowCount())
        by_area: dict[int, list[AimProgress]] = {}
        for progress in snapshot.progress:
            by_area.setdefault(progress.aim.area_id, []).append(progress)
        for area in snapshot.areas:
            counts = snapshot.area_counts.get(area.code, (0, 0, 0))
            row = self._row(f"{area.name}", "", counts, f"area:{area.code}", bold=True)
            row[0].setToolTip(f"{area.name}\nObjective: {area.objective}")
            for progress in by_area.get(area.id, []):
                aim = progress.aim
                child = self._row(f"{aim.code}  {aim.text}", ", ".join(progress.forums),
                                  (progress.open, progress.overdue, progress.closed), f"aim:{aim.code}")
                child[1].setToolTip("\n".join(progress.forums) or "No forum serves this aim")
                row[0].appendRow(child)
            self.model.appendRow(row)
        self.tree.expandAll()
        self.grid_model.set_coverage(snapshot.coverage)
        self.legend.set_bands(self.grid_model.bands)
        self.summary.setText(_summary(snapshot))
        self._select_pending()

    def _row(self, title: str, forums: str, counts: tuple[int, int, int], code: str,
             *, bold: bool = False) -> list[QStandardItem]:
        cells = [QStandardItem(title), QStandardItem(forums)] + [QStandardItem(f"{n:,}") for n in counts]
        link = self.palette().color(QPalette.ColorRole.Link)
        for i, cell in enumerate(cells):
            cell.setEditable(False)
            cell.setData(code, CODE_ROLE)
            font = QFont(self.font())
            font.setBold(bold)
            if i >= 2:
                cell.setData(counts[i - 2], COUNT_ROLE)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if counts[i - 2]:
                    font.setUnderline(True)
                    cell.setForeground(link)
            cell.setFont(font)
        if not bold and counts[0] == 0:
            cells[2].setToolTip("No open action: a gap in the strategy's delivery")
        return cells

    def _select_pending(self) -> None:
        if not self._pending:
            return
        kind, code = ("aim", self._pending["aim_code"]) if "aim_code" in self._pending else (
            "area", self._pending["area_code"])
        self._pending = {}
        self.tabs.setCurrentIndex(0)
        matches = self.model.match(self.model.index(0, 0), CODE_ROLE, f"{kind}:{code}", 1,
                                   Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if matches:
            index = self.proxy.mapFromSource(matches[0])
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # -- click-through ------------------------------------------------------------------------------------
    def _on_tree_activated(self, index: QModelIndex) -> None:
        filters = COUNT_FILTERS.get(index.column())
        if filters is None or not int(index.data(COUNT_ROLE) or 0):
            return
        kind, code = str(index.data(CODE_ROLE)).split(":", 1)
        self._ctx.navigate("actions", **{f"{kind}_code": code}, **filters)

    def _on_grid_activated(self, index: QModelIndex) -> None:
        if int(index.data(COUNT_ROLE) or 0):
            self._ctx.navigate("actions", aim_code=index.data(AIM_ROLE), forum_ids=(int(index.data(FORUM_ROLE)),),
                               open_only=True)  # the count is of open actions

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def _on_filter_changed(self) -> None:
        self.proxy.set_filter(self.search.text(), self.gaps_only.isChecked())
        self.tree.expandAll()



def _summary(snapshot: StrategySnapshot) -> str:
    aims = len(snapshot.progress)
    gaps = sum(1 for p in snapshot.progress if p.open == 0)
    unserved = sum(1 for p in snapshot.progress if not p.forums)
    text = f"{len(snapshot.areas)} priority areas, {aims} aims. {gaps} aims have no open action"
    if unserved:
        text += f"; {unserved} are served by no forum"
    return text + ". Click a count to see those actions."
