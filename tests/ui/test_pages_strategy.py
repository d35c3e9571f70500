"""The Strategy page on a real temp database: areas and aims with their open, overdue and closed counts (each
clicking through to the actions), the gaps filter, and the aims-by-forums coverage grid with its key."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from forumdesk.domain.enums import ActionStatus
from forumdesk.services.actions import NewAction
from forumdesk.ui.pages._strategy_grid import AIM_ROLE, COUNT_ROLE, FORUM_ROLE
from forumdesk.ui.pages.strategy import CODE_ROLE, StrategyPage


@pytest.fixture
def linked(ui_ctx: Any) -> dict[str, int]:
    """DA-1: two open actions at the DA Board (one overdue) and one closed; GKC-1: one open at Raptor."""
    services = ui_ctx.services
    board = services.forums.find("Southend Essex Thurrock Domestic Abuse Board").id
    raptor = services.forums.find("Operation Raptor").id
    record = services.actions.record
    record(NewAction(board, "Review repeat victim cases", due_date=date(2026, 11, 20), raised_on=date(2026, 9, 1),
                     aim_codes=("DA-1",)))
    record(NewAction(board, "Train call handlers", due_date=date(2027, 2, 1), aim_codes=("DA-1", "DA-2")))
    closed = record(NewAction(board, "Publish the DA leaflet", aim_codes=("DA-1",))).value
    services.actions.set_status(closed, ActionStatus.COMPLETE)
    record(NewAction(raptor, "Map county lines", due_date=date(2027, 1, 10), aim_codes=("GKC-1",)))
    return {"board": board, "raptor": raptor}


@pytest.fixture
def page(qtbot: Any, ui_ctx: Any, linked: dict[str, int]) -> StrategyPage:
    widget = StrategyPage(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitUntil(lambda: widget.snapshot is not None)
    return widget


def _row(page: StrategyPage, kind: str, code: str) -> list[QModelIndex]:
    match = page.model.match(page.model.index(0, 0), CODE_ROLE, f"{kind}:{code}", 1,
                             Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)[0]
    return [page.proxy.mapFromSource(match.siblingAtColumn(c)) for c in range(5)]


def test_areas_and_aims_with_forums_and_counts(page: StrategyPage) -> None:
    assert page.heading.text() == "Essex Police Crime Prevention Strategy"
    assert page.proxy.rowCount() == 9
    da1 = _row(page, "aim", "DA-1")
    assert da1[0].data().startswith("DA-1  To focus on the needs of the victims of domestic abuse")
    assert "Southend Essex Thurrock Domestic Abuse Board" in da1[1].data()
    assert [i.data() for i in da1[2:]] == ["2", "1", "1"]
    area = _row(page, "area", "DA")
    assert area[0].data() == "Domestic Abuse"
    assert [i.data() for i in area[2:]] == ["2", "1", "1"]  # the training action (DA-1 and DA-2) counts once
    assert "aims have no open action" in page.summary.text()


def test_clicking_a_count_opens_those_actions(qtbot: Any, page: StrategyPage, ui_ctx: Any) -> None:
    da1 = _row(page, "aim", "DA-1")
    page.tree.scrollTo(da1[3])
    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualRect(da1[3]).center())
    assert blocker.args == ["actions", {"aim_code": "DA-1", "overdue": True}]

    page.tree.setCurrentIndex(_row(page, "area", "DA")[4])
    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert blocker.args == ["actions", {"area_code": "DA",
                                        "statuses": (ActionStatus.COMPLETE, ActionStatus.WITHDRAWN)}]

    received: list[Any] = []
    ui_ctx.navigate_requested.connect(lambda *args: received.append(args))
    page._on_tree_activated(_row(page, "aim", "DA-3")[2])  # a zero count goes nowhere
    assert received == []


def test_the_gaps_filter_shows_only_aims_without_an_open_action(page: StrategyPage) -> None:
    page.gaps_only.setChecked(True)
    shown: list[str] = []
    for row in range(page.proxy.rowCount()):
        area = page.proxy.index(row, 0)
        shown += [page.proxy.index(r, 0, area).data(CODE_ROLE).split(":")[1] for r in range(page.proxy.rowCount(area))]
    assert "DA-1" not in shown and "DA-2" not in shown and "GKC-1" not in shown
    assert "DA-3" in shown
    assert len(shown) == len(page.snapshot.progress) - 3  # type: ignore[union-attr]


def test_coverage_grid_counts_colours_key_and_click_through(
    qtbot: Any, page: StrategyPage, ui_ctx: Any, linked: dict[str, int]
) -> None:
    page.tabs.setCurrentIndex(1)
    model = page.grid_model
    forums = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).split("\n")[0]
              for c in range(model.columnCount())]
    assert sorted(forums) == sorted(f.name for f in ui_ctx.services.forums.forums())  # every serving forum
    aims = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    board_col = forums.index("Southend Essex Thurrock Domestic Abuse Board")
    cell = model.index(aims.index("DA-1"), board_col)
    assert cell.data() == "2"  # open actions only: the closed one is not counted
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    served_gap = model.index(aims.index("DA-3"), board_col)  # the board serves DA-3 but has no action on it
    assert served_gap.data() == "0"
    assert served_gap.data(Qt.ItemDataRole.BackgroundRole).name() == "#fde2c4"
    assert model.index(aims.index("NTE-1"), board_col).data() == ""
    assert page.legend.chips[0].text() == "Serves the aim, no open actions yet"

    page.grid.scrollTo(cell)
    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=page.grid.visualRect(cell).center())
    assert blocker.args == ["actions", {"aim_code": "DA-1", "forum_ids": (linked["board"],), "open_only": True}]
    assert cell.data(AIM_ROLE) == "DA-1" and cell.data(FORUM_ROLE) == linked["board"] and cell.data(COUNT_ROLE) == 2


def test_counts_follow_a_change_and_show_filtered_selects_an_aim(
    qtbot: Any, page: StrategyPage, ui_ctx: Any, linked: dict[str, int]
) -> None:
    changes = ui_ctx.services.actions.record(NewAction(linked["raptor"], "Knife arch at the station",
                                                          aim_codes=("GKC-1",))).changes
    ui_ctx.apply(changes)
    qtbot.waitUntil(lambda: _row(page, "aim", "GKC-1")[2].data() == "2")
    page.show_filtered(aim_code="GKC-4")
    assert page.tree.currentIndex().data(CODE_ROLE) == "aim:GKC-4"


def test_every_control_reached_by_tab_has_an_accessible_name(page: StrategyPage) -> None:
    from PySide6.QtWidgets import QTabBar, QWidget

    unnamed = [
        type(w).__name__ for w in page.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.accessibleName()
        and not isinstance(w, QTabBar)  # a tab bar is read by its tabs' own texts
    ]
    assert unnamed == []


def test_ctrl_f_searches_aims_and_the_forums_serving_them(qtbot: Any, page: StrategyPage) -> None:
    page.tabs.setCurrentIndex(1)
    qtbot.keyClick(page.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 0 and page.search.hasFocus()
    qtbot.keyClicks(page.search, "knife")

    def shown() -> list[str]:
        codes: list[str] = []
        for row in range(page.proxy.rowCount()):
            area = page.proxy.index(row, 0)
            codes += [page.proxy.index(r, 0, area).data(CODE_ROLE) for r in range(page.proxy.rowCount(area))]
        return codes

    assert shown()  # the Gangs and Knife Crime area matches by name: all its aims show
    assert all(code.startswith("aim:GKC-") for code in shown())
    page.search.setText("Southend Essex Thurrock Domestic Abuse Board")  # a forum's name finds the aims it serves
    assert "aim:DA-1" in shown() and "aim:GKC-1" not in shown()


def test_the_coverage_grid_shows_a_serving_forum_with_no_open_action_as_a_gap(
    qtbot: Any, main_window: Any, linked: dict[str, int]
) -> None:
    """Issue 15 item 16: reached by keyboard (Ctrl+5, then Alt+C), the grid has a column for a forum that serves
    the DA aims but has no action, its cells are the gaps, and the counts are of open actions only."""
    qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = main_window.pages["strategy"]
    assert isinstance(page, StrategyPage)
    qtbot.waitUntil(lambda: page.snapshot is not None)
    qtbot.keyClick(page, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentIndex() == 1
    model = page.grid_model
    names = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).split("\n")[0]
             for c in range(model.columnCount())]
    aims = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    gap = model.index(aims.index("DA-1"), names.index("Domestic Abuse Performance Group"))
    assert gap.data() == "0"
    da1 = main_window.ctx.services.strategy.aim("DA-1").text
    assert gap.data(Qt.ItemDataRole.ToolTipRole) == (
        f"Domestic Abuse Performance Group serves DA-1: {da1}\nNo open actions yet: a gap"
    )
    assert gap.data(Qt.ItemDataRole.BackgroundRole).name() == "#fde2c4"  # amber, unlike the blue count scale
    board = model.index(aims.index("DA-1"), names.index("Southend Essex Thurrock Domestic Abuse Board"))
    assert board.data() == "2"  # two open; the closed one is not counted
    assert page.legend.chips[0].text() == "Serves the aim, no open actions yet"
