"""The Actions tracker on a small demo database: paging, SQL sorting and filtering, inline edits with their
validation, bulk edits, updates, and undo/redo, each checked against the database itself."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.ui.models import action_table
from forumdesk.ui.models.action_table import Column
from forumdesk.ui.models.roles import KEY_ROLE
from tests.conftest import TODAY


@pytest.fixture
def page(qtbot: Any, demo_window: Any) -> Any:
    page = demo_window.show_page("actions")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not demo_window.ctx.tasks.busy())
    return page



def _ids(page: Any) -> list[int]:
    return list(page.model.ids())


def test_opens_on_the_open_actions_in_due_order(page: Any) -> None:
    services = page._ctx.services
    assert _ids(page) == services.actions.ids(ActionQuery(open_only=True))
    assert page.count.text() == f"{page.model.rowCount():,} actions"


def test_rows_are_fetched_a_page_at_a_time_and_far_pages_dropped(
    qtbot: Any, page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(action_table, "PAGE", 10)
    monkeypatch.setattr(action_table, "MAX_PAGES", 3)
    page.filter_bar.status.setCurrentIndex(0)  # every action
    qtbot.waitUntil(lambda: page.model.rowCount() > 100)
    ids = page._ctx.services.actions.ids(ActionQuery())
    assert _ids(page) == ids
    shown = [page.model.data(page.model.index(row, Column.REF)) for row in range(page.model.rowCount())]
    assert page.model.cached_pages() <= 3
    refs = {a.id: a.ref for a in page._ctx.services.actions.by_ids(ids)}
    assert shown == [refs[i] for i in ids]


def test_a_header_click_sorts_in_sql(qtbot: Any, page: Any) -> None:
    header = page.table.horizontalHeader()
    header.sectionClicked.emit(Column.DUE)  # Due is the sort already: the second click reverses it
    header.setSortIndicator(Column.DUE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.query.descending and not page._ctx.tasks.busy())
    expected = page._ctx.services.actions.ids(ActionQuery(open_only=True, sort=ActionSort.DUE, descending=True))
    assert _ids(page) == expected
    header.setSortIndicator(Column.OWNER, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.query.sort is ActionSort.OWNER and not page._ctx.tasks.busy())
    owners = [page.model.action(r).owner_name.lower() for r in range(page.model.rowCount())]
    assert owners == sorted(owners)
    header.setSortIndicator(Column.LATEST, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.query.sort is ActionSort.LATEST_UPDATE)


def test_filters_build_the_query(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    bar = page.filter_bar
    bar.rag.setCurrentIndex(bar.rag.findData(Rag.RED))
    qtbot.waitUntil(lambda: page.model.query.rag is Rag.RED and not page._ctx.tasks.busy())
    assert page.model.rowCount() == services.actions.count(ActionQuery(open_only=True, rag=Rag.RED)) > 0
    assert {page.model.data(page.model.index(r, Column.RAG)).rstrip("*") for r in range(page.model.rowCount())} == {
        "Red"
    }
    bar.clear()
    bar.overdue.setChecked(True)
    qtbot.waitUntil(lambda: page.model.query.overdue and page.model.query.rag is None and not page._ctx.tasks.busy())
    assert page.model.rowCount() == services.actions.count(ActionQuery(overdue=True))


def test_a_click_through_sets_filters_the_bar_has_no_control_for(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    page.show_filtered(due_within_days=14)
    qtbot.waitUntil(lambda: page.model.query.due_within_days == 14 and not page._ctx.tasks.busy())
    assert page.model.rowCount() == services.actions.count(ActionQuery(open_only=True, due_within_days=14))
    assert page.filter_bar.chip.isVisibleTo(page) and "14 days" in page.filter_bar.chip.text()
    page.filter_bar.chip.click()
    qtbot.waitUntil(lambda: page.model.query.due_within_days is None)
    assert not page.filter_bar.chip.isVisibleTo(page)
    # Closed actions of one forum, as the strategy page asks for them.
    forum_id = services.actions.by_ids(_ids(page)[:1])[0].forum_id
    page.show_filtered(statuses=("complete", "withdrawn"), forum_ids=(forum_id,))
    qtbot.waitUntil(lambda: page.model.query.statuses != () and not page._ctx.tasks.busy())
    closed = ActionQuery(forum_ids=(forum_id,), statuses=(ActionStatus.COMPLETE, ActionStatus.WITHDRAWN))
    assert _ids(page) == services.actions.ids(closed)


def test_a_date_that_is_not_a_date_is_refused_with_a_message(qtbot: Any, page: Any) -> None:
    action = page.model.action(0)
    index = page.model.index(0, Column.DUE)
    page.table.edit(index)
    editor = page.table.findChild(QLineEdit)
    editor.setText("31/02/2026")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not a real date" in page.message.text())
    assert page._ctx.services.actions.get(action.id).due_date == action.due_date
    assert page._ctx.services.history.undo_label() is None


def test_a_due_date_before_the_action_was_raised_is_the_services_to_refuse(qtbot: Any, page: Any) -> None:
    action = page.model.action(0)
    page.model.setData(page.model.index(0, Column.DUE), date(2000, 1, 1))
    qtbot.waitUntil(lambda: page.message.text() != "")
    assert page.message.text() == f"the due date 01/01/2000 is before the date raised {action.raised_on:%d/%m/%Y}"
    assert page._ctx.services.actions.get(action.id).due_date == action.due_date
    assert page._ctx.services.history.undo_label() is None


def test_revised_date_edit_then_undo_and_redo(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    action = page.model.action(0)
    new = date(2027, 3, 31)
    page.table.edit(page.model.index(0, Column.REVISED))
    editor = page.table.findChild(QLineEdit)
    editor.setText("31/03/2027")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.actions.get(action.id).revised_due_date == new)
    qtbot.waitUntil(lambda: page.model.row_of(action.id) >= 0 and not page._ctx.tasks.busy())
    row = page.model.row_of(action.id)
    assert page.model.data(page.model.index(row, Column.REVISED)) == "31/03/2027"
    page._ctx.history.undo()
    qtbot.waitUntil(lambda: services.actions.get(action.id).revised_due_date == action.revised_due_date)
    page._ctx.history.redo()
    qtbot.waitUntil(lambda: services.actions.get(action.id).revised_due_date == new)


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_owner_edit_resolves_the_name_or_says_why_not(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    action = page.model.action(0)
    page.table.edit(page.model.index(0, Column.OWNER))
    editor = page.table.findChild(QLineEdit)
    editor.setText("Nobody Atall")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "no person called 'Nobody Atall'" in page.message.text())
    other = next(p for p in services.directory.people() if p.id != action.owner_id)
    qtbot.waitUntil(lambda: page.choices.people_names.rowCount() > 0)
    page.model.setData(page.model.index(0, Column.OWNER), page.choices.resolve_person(other.name))
    qtbot.waitUntil(lambda: services.actions.get(action.id).owner_id == other.id)
    assert services.actions.get(action.id).owner_org_id == other.organisation_id
    page._ctx.history.undo()
    qtbot.waitUntil(lambda: services.actions.get(action.id).owner_id == action.owner_id)
    assert services.actions.get(action.id).owner_org_id == action.owner_org_id


def test_several_selected_change_status_together_and_undo_restores_each(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    ids = _ids(page)[:3]
    before = {i: services.actions.get(i).status for i in ids}
    selection = page.table.selectionModel()
    for row in range(3):
        selection.select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert page.bulk.isVisibleTo(page) and page.bulk.count.text() == "3 actions selected"
    page.bulk.status.setCurrentIndex(page.bulk.status.findData(ActionStatus.COMPLETE))
    page.bulk.set_status.click()
    qtbot.waitUntil(lambda: all(services.actions.get(i).status is ActionStatus.COMPLETE for i in ids))
    assert all(services.actions.get(i).closed_on == TODAY for i in ids)
    qtbot.waitUntil(lambda: not set(ids) & set(_ids(page)))  # closed: gone from the open list
    page._ctx.history.undo()
    qtbot.waitUntil(lambda: {i: services.actions.get(i).status for i in ids} == before)
    assert all(services.actions.get(i).closed_on is None for i in ids)


def test_an_update_is_added_from_the_detail_panel(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    page.table.selectRow(0)
    action = page.model.action(0)
    assert page.detail.action().id == action.id
    assert page.detail.title.text().startswith(action.ref)
    page.detail.update_text.setPlainText("Spoke to the owner: on track for March.")
    page.detail.add_button.click()
    qtbot.waitUntil(lambda: services.actions.updates(action.id)[:1] != []
                    and services.actions.updates(action.id)[0].text.startswith("Spoke to the owner"))
    qtbot.waitUntil(lambda: page.detail.history_model.rowCount() > 0
                    and "Spoke to the owner" in page.detail.history_model.item(0).text())
    assert page.detail.history_model.item(0).text().startswith(f"{TODAY:%d/%m/%Y}:")
    assert page.detail.update_text.toPlainText() == ""
    page._ctx.history.undo()
    qtbot.waitUntil(lambda: all("Spoke to the owner" not in u.text for u in services.actions.updates(action.id)))


def test_status_is_edited_through_a_combo(qtbot: Any, page: Any) -> None:
    action = page.model.action(0)
    page.table.edit(page.model.index(0, Column.STATUS))
    combo = page.table.findChild(QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [s.label for s in ActionStatus]
    assert combo.currentData() == action.status.value


def test_every_control_has_an_accessible_name(page: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QCheckBox, QPlainTextEdit

    unnamed = [
        w for kind in (QLineEdit, QComboBox, QAbstractButton, QCheckBox, QPlainTextEdit, QAbstractItemView)
        for w in page.findChildren(kind)
        if w.isVisibleTo(page) and not w.accessibleName() and not getattr(w, "text", lambda: "")()
        and not isinstance(w.parent(), (QComboBox, QAbstractItemView))
    ]
    assert unnamed == []


def test_the_rag_can_be_set_by_hand_and_shows_it(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    page.filter_bar.rag.setCurrentIndex(page.filter_bar.rag.findData(Rag.GREEN))
    qtbot.waitUntil(lambda: page.model.query.rag is Rag.GREEN and not page._ctx.tasks.busy())
    action = page.model.action(0)
    page.table.edit(page.model.index(0, Column.RAG))
    combo = page.table.findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("amber"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.actions.get(action.id).rag_override is Rag.AMBER)
    page.filter_bar.rag.setCurrentIndex(page.filter_bar.rag.findData(Rag.AMBER))
    qtbot.waitUntil(lambda: page.model.row_of(action.id) >= 0 and not page._ctx.tasks.busy())
    cell = page.model.index(page.model.row_of(action.id), Column.RAG)
    assert cell.data() == "Amber*"
    assert "set by hand" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_tab_goes_from_the_search_through_the_filters_to_the_table(page: Any) -> None:
    bar = page.filter_bar
    chain = []
    widget = bar.text
    for _ in range(12):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisibleTo(page):
            widget = widget.nextInFocusChain()
        chain.append(widget)
        if widget is page.table:
            break
    assert chain == [bar.forum, bar.owner, bar.agency, bar.status, bar.rag, bar.aim, bar.overdue, page.table]


def test_a_new_action_with_aims_is_recorded_and_selected(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    forum = next(f for f in services.forums.forums() if services.forums.aims(f.id) and f.parent_id is not None)
    page.new_action()
    dialog = page.new_dialog
    dialog.forum.setCurrentIndex(dialog.forum.findData(forum.id))
    own = [a.code for a in services.forums.aims(forum.id)]
    first = dialog.aims_model.item(0)
    assert first.data(KEY_ROLE) in own and first.font().bold()
    first.setCheckState(Qt.CheckState.Checked)
    code = first.data(KEY_ROLE)  # the dialog deletes itself once it has recorded
    dialog.text.setPlainText("Map the late-night venues with the licensing team")
    dialog.due.setText("2 weeks")
    recorded: list[int] = []
    dialog.accepted.connect(lambda: recorded.append(dialog.new_id))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: recorded != [])
    action = services.actions.get(recorded[0])
    assert action.aim_codes == (code,)
    assert action.due_date == date.fromordinal(TODAY.toordinal() + 14) and action.forum_id == forum.id
    qtbot.waitUntil(lambda: page.detail.action() is not None and page.detail.action().id == action.id)


def test_a_new_action_without_text_stays_open_with_the_reason(qtbot: Any, page: Any) -> None:
    page.new_action()
    dialog = page.new_dialog
    dialog.due.setText("next Tuesday-ish")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "due date" in dialog.message.text().lower() and dialog.isVisible()
    dialog.due.setText("")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "action's text" in dialog.message.text())
    assert dialog.isVisible() and page._ctx.services.history.undo_label() is None
    dialog.reject()


def test_a_persons_and_an_areas_actions_arrive_as_query_fields(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    owner = page.model.action(0).owner_id
    page.show_filtered(owner_id=owner, sort=ActionSort.DUE)
    qtbot.waitUntil(lambda: page.model.query.owner_id == owner and not page._ctx.tasks.busy())
    assert _ids(page) == services.actions.ids(ActionQuery(owner_id=owner, open_only=True))
    area = services.strategy.areas()[0].code
    page.show_filtered(area_code=area, overdue=True)
    qtbot.waitUntil(lambda: page.model.query.area_code == area and not page._ctx.tasks.busy())
    assert page.model.query.owner_id is None
    assert _ids(page) == services.actions.ids(ActionQuery(area_code=area, overdue=True, open_only=True))
    assert f"Priority area {area}" in page.filter_bar.chip.text()


def test_ctrl_d_marks_the_selected_actions_complete(qtbot: Any, page: Any) -> None:
    services = page._ctx.services
    window = page.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    page.table.selectRow(0)
    action = page.model.action(0)
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: services.actions.get(action.id).status is ActionStatus.COMPLETE)
    menu = ["Mark complete", "Reopen", "Add an update", "History of changes…", "Correct text and aims…"]
    assert [a.text() for a in page.table.actions()] == menu


def test_ctrl_h_shows_the_history_of_changes(qtbot: Any, page: Any) -> None:
    page.table.selectRow(0)
    page.model.setData(page.model.index(0, Column.REVISED), date(2027, 6, 30))
    action = page.model.action(0)
    qtbot.waitUntil(lambda: page._ctx.services.actions.get(action.id).revised_due_date == date(2027, 6, 30))
    qtbot.waitUntil(lambda: page.detail.action() is not None and page.detail.action().id == action.id)
    page.show_audit()
    dialog = page.audit_dialog
    assert dialog.isVisible()
    dialog.close()
