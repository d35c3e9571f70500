"""The main window: keyboard navigation, a placeholder for a broken page, remembered page and geometry,
the status bar, the Help menu, and the dashboard's click-through to filtered lists."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from forumdesk.domain.patches import ForumPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.ui.shell.main_window import PAGE_KEYS, PAGES, MainWindow, PlaceholderPage
from tests.ui.conftest import close_window, make_window


def test_ctrl_digits_visit_every_page(qtbot: Any, main_window: Any) -> None:
    for number, key in enumerate(PAGE_KEYS, start=1):
        qtbot.keyClick(main_window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_key() == key
        assert main_window.nav.currentRow() == number - 1
        assert main_window.stack.currentWidget() is main_window.pages[key]
    assert [main_window.nav.item(i).text() for i in range(main_window.nav.count())] == [p.title for p in PAGES]


def test_the_last_page_and_the_geometry_are_remembered(qtbot: Any, ui_ctx: Any) -> None:
    window = make_window(qtbot, ui_ctx)
    window.show_page("strategy")
    window.resize(1100, 650)
    close_window(qtbot, window)  # closing saves
    assert QSettings().value("window/page") == "strategy"
    again = make_window(qtbot, ui_ctx)
    assert again.current_key() == "strategy"
    close_window(qtbot, again)


def test_the_status_bar_names_the_file_and_its_marking(qtbot: Any, main_window: Any) -> None:
    assert main_window.db_label.text() == main_window.ctx.services.path.name  # the whole path in the tooltip
    assert str(main_window.ctx.services.path) in main_window.db_label.toolTip()
    qtbot.waitUntil(lambda: main_window.marking_label.text() == "Marking: OFFICIAL")
    forum = main_window.ctx.services.forums.forums()[0]
    from forumdesk.domain.enums import Marking

    services = main_window.ctx.services
    main_window.ctx.apply(services.forums.update(forum.id, ForumPatch(marking=Marking.OFFICIAL_SENSITIVE)).changes)
    qtbot.waitUntil(lambda: main_window.marking_label.text() == "Marking: OFFICIAL-SENSITIVE")


def test_help_check_database_runs_off_the_gui_thread(qtbot: Any, main_window: Any) -> None:
    from forumdesk.ui.shell.main_menus import check_database, versions_text

    check_database(main_window)
    qtbot.waitUntil(lambda: getattr(main_window, "last_check", None) is not None)
    assert main_window.last_check.ok
    assert main_window.message_box.text() == "The database is healthy: no problems found."
    main_window.message_box.close()
    assert "PySide6 6." in versions_text() and "SQLite 3." in versions_text()


def test_undo_and_redo_are_in_the_edit_menu(main_window: Any) -> None:
    assert main_window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert not main_window.undo_action.isEnabled()
    titles = [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    assert titles == ["File", "Edit", "Go", "Help"]


def test_dashboard_counts_click_through_to_the_filtered_list(qtbot: Any, demo_window: Any) -> None:
    ctx = demo_window.ctx
    dashboard = demo_window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None)
    overdue = ctx.services.actions.count(ActionQuery(overdue=True))
    assert dashboard.data.overdue == overdue > 0
    assert dashboard.tiles["overdue"].text() == f"{overdue:,}\nOverdue actions"
    dashboard.tiles["overdue"].setFocus()
    qtbot.keyClick(dashboard.tiles["overdue"], Qt.Key.Key_Return)
    assert demo_window.current_key() == "actions"
    actions = demo_window.pages["actions"]
    qtbot.waitUntil(lambda: actions.model.query.overdue and not ctx.tasks.busy())
    assert actions.model.rowCount() == overdue
    # A row of the "due soon" list opens the tracker on that action.
    demo_window.show_page("dashboard")
    row = dashboard.due_list.model.index(0, 0)
    dashboard.due_list.view.activated.emit(row)
    qtbot.waitUntil(lambda: actions.detail.action() is not None and not ctx.tasks.busy())
    assert actions.detail.action().id == dashboard.data.due_soon_top[0].id
    # The gaps tile goes to the strategy page.
    demo_window.show_page("dashboard")
    qtbot.mouseClick(dashboard.tiles["gaps"], Qt.MouseButton.LeftButton)
    assert demo_window.current_key() == "strategy"


def test_navigation_to_a_meeting_opens_its_page(qtbot: Any, demo_window: Any) -> None:
    meeting = demo_window.ctx.services.meetings.meetings()[0]
    demo_window.ctx.navigate("meeting", meeting_id=meeting.id)
    assert demo_window.current_key() == "meeting"
    assert demo_window.pages["meeting"].meeting_id == meeting.id
    assert demo_window.nav.currentRow() == -1  # a meeting's page is not in the page list


def test_the_window_title_names_the_page_and_file(main_window: MainWindow) -> None:
    main_window.show_page("actions")
    assert main_window.windowTitle() == f"Actions — ForumDesk — {main_window.ctx.services.path.name}"


def test_a_broken_page_is_reported_not_fatal(qtbot: Any, ui_ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("forumdesk.ui.pages.strategy.StrategyPage.__init__", broken)
    window = make_window(qtbot, ui_ctx)
    page = window.show_page("strategy")
    assert isinstance(page, PlaceholderPage)
    assert window.page_errors == {"strategy": "boom"}
    close_window(qtbot, window)


def test_a_meeting_on_the_dashboard_opens_that_meeting(qtbot: Any, demo_window: Any) -> None:
    dashboard = demo_window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None)
    assert dashboard.data.upcoming
    dashboard.upcoming_list.view.activated.emit(dashboard.upcoming_list.model.index(0, 0))
    assert demo_window.current_key() == "meeting"
    assert demo_window.pages["meeting"].meeting_id == dashboard.data.upcoming[0].id
    assert demo_window.page_errors == {}


def test_export_from_the_tracker_offers_its_filter(qtbot: Any, demo_window: Any) -> None:
    from forumdesk.ui.shell.main_menus import export_context, open_menu_dialog

    page = demo_window.show_page("actions")
    page.show_filtered(overdue=True)
    qtbot.waitUntil(lambda: page.model.query.overdue and not demo_window.ctx.tasks.busy())
    assert export_context(demo_window) == {"query": page.model.query}
    open_menu_dialog(demo_window, "export")
    dialog = demo_window.open_dialog
    assert dialog.isVisible() and dialog.query.overdue
    dialog.reject()


def test_a_notice_about_the_file_shows_above_every_page(main_window: Any) -> None:
    assert not main_window.banner.isVisibleTo(main_window)
    main_window.show_banner("Read-only: the file cannot be written")
    assert main_window.banner.text() == "Read-only: the file cannot be written"
