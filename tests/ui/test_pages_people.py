"""The People & agencies page on a real temp database: search and agency filter, a person's page with their
memberships and every action they own across all forums, and the person and agency dialogs with undo."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from forumdesk.domain.changes import Changes
from forumdesk.domain.enums import ActionStatus
from forumdesk.services.actions import NewAction
from forumdesk.ui.dialogs.person_dialog import AgencyDialog, PersonDialog
from forumdesk.ui.pages.people import PeoplePage


@pytest.fixture
def people(ui_ctx: Any) -> dict[str, int]:
    """Three people at two agencies; Sam owns actions in two forums, one of them closed."""
    services = ui_ctx.services
    sam = services.directory.add_person("Sam Patel", "Harlow Council", "Community Safety Manager",
                                           "sam.patel@harlow.gov.uk").value
    jo = services.directory.add_person("Jo Evans", "Essex Police", "Inspector").value
    kim = services.directory.add_person("Kim Ward", "Essex Police", "Analyst").value
    raptor = services.forums.find("Operation Raptor").id
    watch = services.forums.find("Neighbourhood Watch").id
    services.forums.add_member(raptor, sam, role="Chair")
    record = services.actions.record
    record(NewAction(raptor, "Map the county lines routes", owner_id=sam, due_date=date(2026, 11, 1),
                     raised_on=date(2026, 9, 1)))
    record(NewAction(watch, "Recruit street coordinators", owner_id=sam, due_date=date(2027, 1, 31)))
    done = record(NewAction(watch, "Print the leaflets", owner_id=sam, due_date=date(2026, 10, 1),
                            raised_on=date(2026, 9, 1))).value
    services.actions.set_status(done, ActionStatus.COMPLETE)
    record(NewAction(raptor, "Brief the neighbourhood teams", owner_id=jo))
    return {"sam": sam, "jo": jo, "kim": kim, "raptor": raptor, "watch": watch}


@pytest.fixture
def page(qtbot: Any, ui_ctx: Any, people: dict[str, int]) -> PeoplePage:
    widget = PeoplePage(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def _names(page: PeoplePage) -> list[str]:
    return [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]


def _dialog(page: Any, cls: type) -> Any:
    dialogs = [d for d in page.findChildren(cls) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_search_and_agency_filter_narrow_the_list(qtbot: Any, page: PeoplePage) -> None:
    assert _names(page) == ["Jo Evans", "Sam Patel", "Kim Ward"]  # by surname
    page.agency.setCurrentIndex(page.agency.findText("Essex Police"))
    assert _names(page) == ["Jo Evans", "Kim Ward"]
    assert page.count_label.text() == "2 people"
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.search, "kim")
    assert _names(page) == ["Kim Ward"]
    assert page.count_label.text() == "1 of 2 people"


def test_a_persons_page_lists_their_memberships_and_all_their_actions_across_forums(
    qtbot: Any, page: PeoplePage, people: dict[str, int], ui_ctx: Any
) -> None:
    page.show_filtered(person_id=people["sam"])
    view = page.view
    assert view.title.text() == "Sam Patel"
    assert "Harlow Council" in view.details.text()
    assert "mailto:sam.patel@harlow.gov.uk" in view.details.text()
    assert [(m.forum_name, m.role) for m in view.memberships.records()] == [("Operation Raptor", "Chair")]
    actions = view.action_list.model.records()
    assert {a.forum_name for a in actions} == {"Operation Raptor", "Neighbourhood Watch"}
    assert [a.description for a in actions] == [  # open first, by due date; then the closed one
        "Map the county lines routes", "Recruit street coordinators", "Print the leaflets"]
    assert "Brief the neighbourhood teams" not in [a.description for a in actions]
    assert view.action_list.summary.text() == "3 actions: 2 open, 1 overdue, 1 closed."
    rag = view.action_list.model.index(0, [c.title for c in view.action_list.model._columns].index("RAG"))
    assert rag.data() == "Red"
    assert rag.data(Qt.ItemDataRole.BackgroundRole) is not None

    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        qtbot.mouseClick(view.action_list.show_all, Qt.MouseButton.LeftButton)
    assert blocker.args == ["actions", {"owner_id": people["sam"]}]


def test_the_actions_list_follows_changes_made_elsewhere(
    qtbot: Any, page: PeoplePage, people: dict[str, int], ui_ctx: Any
) -> None:
    page.show_filtered(person_id=people["kim"])
    assert page.view.action_list.model.rowCount() == 0
    assert page.view.action_list.summary.text() == "No actions."
    new = NewAction(people["watch"], "Run a cyber clinic", owner_id=people["kim"])
    changes = ui_ctx.services.actions.record(new).changes
    ui_ctx.apply(changes)
    assert [a.description for a in page.view.action_list.model.records()] == ["Run a cyber clinic"]


def test_add_person_with_a_new_agency_selects_them(qtbot: Any, page: PeoplePage, ui_ctx: Any) -> None:
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(page, PersonDialog)
    qtbot.keyClicks(dialog.name, "Lee Chan")
    dialog.agency.setCurrentText("Epping Forest District Council")
    dialog.email.setText("lee.chan@eppingforestdc.gov.uk")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    person = ui_ctx.services.directory.find_person("Lee Chan")
    assert person.organisation == "Epping Forest District Council"
    qtbot.waitUntil(lambda: page.view.person is not None and page.view.person.id == person.id)
    assert page.agency.findText("Epping Forest District Council") > 0


def test_a_bad_email_is_one_line_in_the_dialog_and_nothing_is_saved(
    qtbot: Any, page: PeoplePage, people: dict[str, int], ui_ctx: Any
) -> None:
    page.show_filtered(person_id=people["jo"])
    page.view.edit()
    dialog = _dialog(page.view, PersonDialog)
    dialog.role.setText("Chief Inspector")
    dialog.email.setText("jo at police")
    before = ui_ctx.services.history.undo_label()
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_text() != "")
    assert dialog.error_text() == "'jo at police' is not an e-mail address"
    assert ui_ctx.services.directory.person(people["jo"]).role == "Inspector"
    assert ui_ctx.services.history.undo_label() == before  # nothing saved, so nothing to undo


def test_edit_person_then_undo_and_redo(qtbot: Any, page: PeoplePage, people: dict[str, int], ui_ctx: Any) -> None:
    directory = ui_ctx.services.directory
    page.show_filtered(person_id=people["jo"])
    page.view.edit()
    dialog = _dialog(page.view, PersonDialog)
    dialog.role.setText("Chief Inspector")
    dialog.agency.setCurrentText("Harlow Council")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert (directory.person(people["jo"]).role, directory.person(people["jo"]).organisation) == (
        "Chief Inspector", "Harlow Council")
    qtbot.waitUntil(lambda: "Chief Inspector" in page.view.details.text())
    ui_ctx.history.undo()
    qtbot.waitUntil(lambda: directory.person(people["jo"]).role == "Inspector")
    assert directory.person(people["jo"]).organisation == "Essex Police"
    qtbot.waitUntil(lambda: "Chief Inspector" not in page.view.details.text())
    ui_ctx.history.redo()
    qtbot.waitUntil(lambda: directory.person(people["jo"]).role == "Chief Inspector")


def test_add_and_rename_an_agency_undoably(qtbot: Any, page: PeoplePage, ui_ctx: Any) -> None:
    directory = ui_ctx.services.directory
    page._on_add_agency_clicked()
    dialog = _dialog(page, AgencyDialog)
    dialog.name.setText("Essex Police")  # exists
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_text() != "")
    assert dialog.error_text() == "There is already an agency called 'Essex Police'"
    dialog.name.setText("Essex County Fire and Rescue Service")
    dialog.short.setText("ECFRS")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    qtbot.waitUntil(lambda: page.agency.currentText() == "Essex County Fire and Rescue Service")

    qtbot.mouseClick(page.edit_agency_button, Qt.MouseButton.LeftButton)
    edit = _dialog(page, AgencyDialog)
    edit.name.setText("Essex Fire")
    with qtbot.waitSignal(edit.saved):
        edit.accept()
    assert directory.find_organisation("ECFRS").name == "Essex Fire"
    ui_ctx.history.undo()
    qtbot.waitUntil(lambda: directory.find_organisation("ECFRS").name == "Essex County Fire and Rescue Service")


def test_double_clicking_a_membership_opens_the_forum(
    qtbot: Any, page: PeoplePage, people: dict[str, int], ui_ctx: Any
) -> None:
    page.show_filtered(person_id=people["sam"])
    view = page.view.memberships_view
    index = view.model().index(0, 0)
    view.setCurrentIndex(index)
    centre = view.visualRect(index).center()
    with qtbot.waitSignal(ui_ctx.navigate_requested) as blocker:
        # a real double-click is a press and release, then the double-click event
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == ["forums", {"forum_id": people["raptor"]}]


def test_unrelated_changes_do_not_reload(page: PeoplePage, ui_ctx: Any, monkeypatch: Any) -> None:
    calls: list[int] = []
    monkeypatch.setattr(page, "reload", lambda: calls.append(1))
    ui_ctx.apply(Changes(meetings=True))
    assert calls == []
    ui_ctx.apply(Changes(people=True))
    assert calls == [1]


def test_export_chase_list_writes_the_persons_open_actions(
    qtbot: Any, page: PeoplePage, people: dict[str, int], tmp_path: Any
) -> None:
    from pypdf import PdfReader

    page.show_filtered(person_id=people["sam"])
    target = tmp_path / "sam.pdf"
    qtbot.mouseClick(page.view.export_button, Qt.MouseButton.LeftButton)  # the one Export dialog, on the chase list
    dialog = page.view.export_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.marking_note.text() != "")
    assert dialog.current_kind == "owner"
    dialog.destination.setFocus()
    dialog.destination.selectAll()
    qtbot.keyClicks(dialog.destination, str(target))
    with qtbot.waitSignal(page.view.chase_list_exported, timeout=20000) as blocker:
        qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    assert blocker.args == [str(target)]
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Sam Patel" in text
    assert "Map the county lines routes" in text and "Recruit street coordinators" in text
    assert "Print the leaflets" not in text  # closed: nothing to chase
    assert "Brief the neighbourhood teams" not in text  # someone else's
    assert "OFFICIAL" in text


def test_every_control_reached_by_tab_has_an_accessible_name(page: PeoplePage) -> None:
    from PySide6.QtWidgets import QTabBar, QWidget

    unnamed = [
        type(w).__name__ for w in page.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.accessibleName()
        and not isinstance(w, QTabBar)  # a tab bar is read by its tabs' own texts
    ]
    assert unnamed == []
