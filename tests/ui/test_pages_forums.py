"""The Forums page on a real temp database: the register tree and search, the forum page, the add/edit/
archive dialogs (with one-line validation errors and undo), adding a member, and the click-through."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from forumdesk.domain.changes import Changes
from forumdesk.domain.enums import QuorumKind
from forumdesk.services.actions import NewAction
from forumdesk.ui.dialogs.forum_dialog import ForumDialog
from forumdesk.ui.dialogs.membership_dialog import MembershipDialog
from forumdesk.ui.pages.forums import ID_ROLE, ForumsPage


@pytest.fixture
def page(qtbot: Any, ui_ctx: Any) -> ForumsPage:
    widget = ForumsPage(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def _visible_names(page: ForumsPage) -> list[str]:
    names: list[str] = []

    def walk(parent: Any) -> None:
        for row in range(page.proxy.rowCount(parent)):
            index = page.proxy.index(row, 0, parent)
            names.append(index.data())
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return names


def _open_dialog(page: Any, cls: type) -> Any:
    dialogs = [d for d in page.findChildren(cls) if d.isVisible()]
    assert len(dialogs) == 1, dialogs
    return dialogs[0]


def _save(qtbot: Any, dialog: Any) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.accept()


def test_register_groups_local_bodies_under_their_family_and_search_narrows_it(
    qtbot: Any, page: ForumsPage, ui_ctx: Any
) -> None:
    services = ui_ctx.services
    family = services.forums.find("Community Safety Partnerships")
    done = services.forums.create("Harlow Community Safety Partnership", parent=family.id,
                                               district="Harlow")
    local_id, changes = done.value, done.changes
    ui_ctx.apply(changes)
    family_index = page.model.match(page.model.index(0, 0), ID_ROLE, family.id, 1, Qt.MatchFlag.MatchRecursive)[0]
    family_item = page.model.itemFromIndex(family_index)
    assert family_item.rowCount() == 1
    assert family_item.child(0).data(ID_ROLE) == local_id
    assert family_item.text() == "Community Safety Partnerships (1)"

    qtbot.keyClicks(page.search, "harlow")
    names = _visible_names(page)
    assert "Harlow Community Safety Partnership" in names
    assert "Operation Raptor" not in names
    page.search.clear()
    qtbot.keyClicks(page.search, "Hate Crime")  # a priority area's name finds the forums serving it
    assert "Essex Hate Crime Strategic Partnership" in _visible_names(page)


def test_forum_page_shows_register_entry_members_meetings_and_actions(
    qtbot: Any, page: ForumsPage, ui_ctx: Any
) -> None:
    services = ui_ctx.services
    forum_id = services.forums.create(
        "Maldon Community Safety Partnership", district="Maldon", purpose="Keep Maldon safe",
        terms_of_reference="Meets quarterly.", quorum_kind=QuorumKind.AGENCIES, quorum_count=3,
        review_date=date(2026, 1, 31),
    ).value
    person_id = services.directory.add_person("Priya Shah", organisation="Maldon District Council").value
    services.forums.add_member(forum_id, person_id, role="Chair")
    services.actions.record(NewAction(forum_id, "Refresh the hot-spot map", owner_id=person_id,
                                      due_date=date(2026, 12, 1)))
    ui_ctx.apply(Changes.everything())
    page.show_filtered(forum_id=forum_id)

    view = page.view
    assert view.title.text() == "Maldon Community Safety Partnership"
    assert "Maldon" in view.subtitle.text()
    assert view.overview.labels["Quorum rule"].text() == "3 agencies represented"
    assert "31/01/2026" in view.overview.labels["Review date"].text()
    assert "review overdue" in view.overview.labels["Review date"].text()
    assert view.members.rowCount() == 1
    assert view.members.record(0).role == "Chair"
    assert view.members.record(0).organisation == "Maldon District Council"
    assert view.tabs.tabText(1) == "Members (1)"
    assert view.action_list.model.rowCount() == 1
    assert view.tabs.tabText(3) == "Actions (1)"

    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        qtbot.mouseClick(view.action_list.show_all, Qt.MouseButton.LeftButton)
    assert blocker.args == ["actions", {"forum_ids": (forum_id,)}]


def test_ctrl_n_adds_a_forum_which_is_then_selected(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_dialog(page, ForumDialog)
    qtbot.keyClicks(dialog.name, "Uttlesford Community Safety Partnership")
    dialog.district.setCurrentText("Uttlesford")
    dialog.strategy.set_checked("Hate Crime")
    _save(qtbot, dialog)

    forum = ui_ctx.services.forums.find("Uttlesford Community Safety Partnership")
    assert forum.district == "Uttlesford"
    assert forum.short_code == "UCSP"
    assert forum.priorities == ("Hate Crime",)
    qtbot.waitUntil(lambda: page.view.forum is not None and page.view.forum.id == forum.id)


def test_a_refused_save_shows_one_line_in_the_dialog_and_saves_nothing(
    qtbot: Any, page: ForumsPage, ui_ctx: Any
) -> None:
    before = len(ui_ctx.services.forums.forums())
    page.new_item()
    dialog = _open_dialog(page, ForumDialog)
    dialog.name.setText("operation raptor")  # already exists, in another case
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_text() != "")
    assert dialog.error_text() == "There is already a forum called 'operation raptor'"
    assert "\n" not in dialog.error_text()
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.name  # the cursor goes where the mistake is

    dialog.name.setText("Rochford CSP")
    dialog.review.setText("31/02/2027")  # checked before anything is written
    dialog.accept()
    assert "not a real date" in dialog.error_text()
    assert len(ui_ctx.services.forums.forums()) == before


def test_edit_is_saved_and_undo_redo_puts_it_back(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    services = ui_ctx.services
    forum = services.forums.find("Operation Raptor")
    page.show_filtered(forum_id=forum.id)
    page.view.edit()
    dialog = _open_dialog(page.view, ForumDialog)
    dialog.purpose.setPlainText("Tackle county lines")
    dialog.quorum_kind.setCurrentIndex(dialog.quorum_kind.findData(QuorumKind.AGENCIES))
    dialog.quorum_count.setValue(4)
    _save(qtbot, dialog)

    edited = services.forums.forum(forum.id)
    assert (edited.purpose, edited.quorum.count) == ("Tackle county lines", 4)
    qtbot.waitUntil(lambda: "Tackle county lines" in page.view.overview.labels["Purpose"].text())
    qtbot.waitUntil(lambda: ui_ctx.history.undo_text() == "Undo Edit forum")

    ui_ctx.history.undo()
    qtbot.waitUntil(lambda: services.forums.forum(forum.id).purpose == forum.purpose)
    assert services.forums.forum(forum.id).quorum == forum.quorum
    qtbot.waitUntil(lambda: "Tackle" not in page.view.overview.labels["Purpose"].text())
    ui_ctx.history.redo()
    qtbot.waitUntil(lambda: services.forums.forum(forum.id).purpose == "Tackle county lines")


def test_a_forum_cannot_report_to_its_own_sub_group(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    services = ui_ctx.services
    board_id = services.forums.create("Tendring Board").value
    sub_id = services.forums.create("Tendring Task Group", parent=board_id).value
    ui_ctx.apply(Changes(forums=True))
    page.show_filtered(forum_id=board_id)
    page.view.edit()
    dialog = _open_dialog(page.view, ForumDialog)
    dialog.parent_forum.setCurrentIndex(dialog.parent_forum.findData(sub_id))
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_text() != "")
    assert "cannot be the parent" in dialog.error_text()
    assert services.forums.forum(board_id).parent_id is None


def test_archive_hides_the_forum_and_undo_restores_it(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    services = ui_ctx.services
    forum = services.forums.find("Neighbourhood Watch")
    page.show_filtered(forum_id=forum.id)
    qtbot.mouseClick(page.view.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.forums.forum(forum.id).archived)
    qtbot.waitUntil(lambda: "Neighbourhood Watch (archived)" in page.view.title.text())
    page.show_archived.setChecked(False)
    assert "Neighbourhood Watch" not in " ".join(_visible_names(page))
    ui_ctx.history.undo()
    qtbot.waitUntil(lambda: not services.forums.forum(forum.id).archived)
    qtbot.waitUntil(lambda: "Neighbourhood Watch" in " ".join(_visible_names(page)))


def test_add_member_then_undo_removes_them(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    services = ui_ctx.services
    services.directory.add_person("Tom Reed", organisation="Essex Police")
    deputy_id = services.directory.add_person("Ann Lee", organisation="Essex Police").value
    forum = services.forums.find("Operation Raptor")
    ui_ctx.apply(Changes(people=True))
    page.show_filtered(forum_id=forum.id)
    page.view.add_member()
    dialog = _open_dialog(page.view, MembershipDialog)
    dialog.person.setCurrentText("Tom Reed (Essex Police)")
    dialog.role.setCurrentText("Vice-chair")
    dialog.deputy.setCurrentIndex(dialog.deputy.findData(deputy_id))
    _save(qtbot, dialog)

    members = services.forums.members(forum.id)
    assert [(m.person_name, m.role, m.deputy_name) for m in members] == [("Tom Reed", "Vice-chair", "Ann Lee")]
    qtbot.waitUntil(lambda: page.view.members.rowCount() == 1)
    ui_ctx.history.undo()
    qtbot.waitUntil(lambda: services.forums.members(forum.id) == [])
    qtbot.waitUntil(lambda: page.view.members.rowCount() == 0)


def test_member_dialog_refuses_a_name_not_in_the_list(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    forum = ui_ctx.services.forums.find("Operation Raptor")
    page.show_filtered(forum_id=forum.id)
    page.view.add_member()
    dialog = _open_dialog(page.view, MembershipDialog)
    dialog.person.setCurrentText("Nobody Known")
    dialog.accept()
    assert dialog.error_text() == (
        "'Nobody Known' is not in the list: choose the person to add from it, or Add new person… (Alt+N) to add"
        " someone new"
    )
    assert ui_ctx.services.forums.members(forum.id) == []


def test_every_control_reached_by_tab_has_an_accessible_name(page: ForumsPage) -> None:
    from PySide6.QtWidgets import QTabBar, QWidget

    unnamed = [
        type(w).__name__ for w in page.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.accessibleName()
        and not isinstance(w, QTabBar)  # a tab bar is read by its tabs' own texts
    ]
    assert unnamed == []


def test_member_left_ends_the_membership_undoably(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    services = ui_ctx.services
    forum = services.forums.find("Operation Raptor")
    person_id = services.directory.add_person("Tom Reed", organisation="Essex Police").value
    services.forums.add_member(forum.id, person_id)
    page.show_filtered(forum_id=forum.id)
    page.view.tabs.setCurrentIndex(1)
    page.view.members_view.selectRow(0)
    qtbot.mouseClick(page.view.left_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.forums.members(forum.id)[0].to_date == date(2026, 11, 25))
    qtbot.waitUntil(lambda: page.view.members.record(0).to_date is not None)
    assert page.view.tabs.tabText(1) == "Members (0)"
    ui_ctx.history.undo()
    qtbot.waitUntil(lambda: services.forums.members(forum.id)[0].to_date is None)


def test_add_local_body_to_a_family(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    family = ui_ctx.services.forums.find("Local Licensing Committees")
    page.show_filtered(forum_id=family.id)
    assert page.view.local_button.isVisible()
    qtbot.mouseClick(page.view.local_button, Qt.MouseButton.LeftButton)
    dialog = _open_dialog(page.view, ForumDialog)
    assert dialog.parent_forum.currentText() == "Local Licensing Committees"
    dialog.name.setText("Castle Point Licensing Committee")
    dialog.district.setCurrentText("Castle Point")
    _save(qtbot, dialog)
    local = ui_ctx.services.forums.find("Castle Point Licensing Committee")
    assert (local.parent_id, local.district) == (family.id, "Castle Point")
    assert local.priorities == family.priorities  # inherited from the family
    qtbot.waitUntil(lambda: page.view.forum is not None and page.view.forum.id == local.id)


def test_ctrl_n_in_the_members_tab_adds_a_member(qtbot: Any, page: ForumsPage, ui_ctx: Any) -> None:
    forum = ui_ctx.services.forums.find("Operation Raptor")
    page.show_filtered(forum_id=forum.id)
    page.view.tabs.setCurrentIndex(1)
    page.view.members_view.setFocus()
    qtbot.keyClick(page.view.members_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert _open_dialog(page.view, MembershipDialog).windowTitle() == "Add member to Operation Raptor"
    assert [d for d in page.findChildren(ForumDialog) if d.isVisible()] == []


def test_a_forums_meetings_tab_lists_them_newest_first_and_opens_one(
    qtbot: Any, page: ForumsPage, ui_ctx: Any
) -> None:
    from datetime import datetime

    forum = ui_ctx.services.forums.find("Operation Raptor")
    first = ui_ctx.services.meetings.schedule(forum.id, datetime(2026, 12, 8, 10, 0), venue="HQ").value
    ui_ctx.services.meetings.schedule(forum.id, datetime(2027, 3, 9, 14, 30))
    page.show_filtered(forum_id=forum.id)
    view = page.view
    view.tabs.setCurrentIndex(2)
    proxy = view.meetings_view.model()
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["09/03/2027 14:30", "08/12/2026 10:00"]
    assert view.overview.labels["Next meeting"].text() == "08/12/2026 10:00, HQ"
    view.meetings_view.selectRow(1)
    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        view._on_meeting_activated()
    assert blocker.args == ["meeting", {"meeting_id": first}]
