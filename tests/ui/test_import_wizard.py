"""The import wizard driven with qtbot: choose a file and forum, see and edit the detected columns, read
the validation report, import off the GUI thread with progress, then undo the import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard

from forumdesk.domain.queries import ActionQuery
from forumdesk.imports import Field, PersonField
from forumdesk.services import Services, open_services
from tests.conftest import TODAY

DATA = Path(__file__).resolve().parents[1] / "data"
FORUM = "Basildon Community Safety Partnership"


@pytest.fixture
def svc(db_path: Path) -> Iterator[Services]:
    services = open_services(db_path, today=lambda: TODAY)
    services.forums.create(FORUM)
    yield services
    services.close()


@pytest.fixture
def wizard(qtbot: object, svc: Services) -> Iterator[object]:
    from forumdesk.ui.dialogs.import_wizard import ImportWizard
    from forumdesk.ui.shell.context import AppContext

    ctx = AppContext(svc)
    wiz = ImportWizard(ctx)
    qtbot.addWidget(wiz)  # type: ignore[attr-defined]
    wiz.show()
    yield wiz
    ctx.close()  # waits for its tasks, then closes their connections


def choose_file(qtbot: object, wiz: object, name: str) -> None:
    page = wiz.file_page  # type: ignore[attr-defined]
    page.path.setText(str(DATA / name))
    page.load()
    page.forum.setCurrentIndex(page.forum.findText(FORUM))
    qtbot.waitUntil(lambda: page.status.text() not in ("", "Reading…"), timeout=10000)  # type: ignore[attr-defined]


def test_import_then_undo(qtbot: object, wizard: object, svc: Services) -> None:
    wiz = wizard
    next_button = wiz.button(QWizard.WizardButton.NextButton)  # type: ignore[attr-defined]
    assert not next_button.isEnabled()  # no file, no forum yet
    choose_file(qtbot, wiz, "basildon_csp_actions.xlsx")
    assert wiz.file_page.status.text() == "3 sheets, 2 with an action table."  # type: ignore[attr-defined]
    assert next_button.isEnabled()
    wiz.next()  # type: ignore[attr-defined]

    columns = wiz.columns_page  # type: ignore[attr-defined]
    assert [columns.sheet.itemText(i) for i in range(columns.sheet.count())] == ["Open actions", "Closed actions"]
    assert columns.found.text() == "Header found on row 5; 11 rows below it."
    assert columns.combos[Field.OWNER].currentText() == "F: Lead Officer"
    assert columns.combos[Field.DUE].currentText() == "H: Target Date"
    assert columns.model.rowCount() == 11
    assert columns.model.index(1, 4).data() == "Review the MARAC referral pathway with Łukasz Nowak"
    assert columns.model.headerData(1, Qt.Orientation.Vertical) == "7"  # the sheet's own row number
    assert columns.model.index(1, 10).data(Qt.ItemDataRole.BackgroundRole).name() == "#ff0000"  # RAG fill
    # edit the mapping: do not import the Minute Ref column; leave the second sheet out
    minute = columns.combos[Field.MINUTE_REF]
    minute.setCurrentIndex(minute.findData(-1))
    columns.sheet.setCurrentIndex(1)
    assert columns.combos[Field.CLOSED].currentText() == "F: Date Closed"
    columns.include.setChecked(False)
    wiz.next()  # type: ignore[attr-defined]

    check = wiz.check_page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: wiz.plan is not None, timeout=10000)  # type: ignore[attr-defined]
    assert check.summary.text() == "6 to add, 0 to update, 0 unchanged, 3 skipped; 5 new people, 3 new agencies"
    lines = check.lines.stringList()
    assert "Open actions, row 7: add BCSP/25/001 “Review the MARAC referral pathway with Łukasz Now…”" in lines
    assert "Open actions, row 6: skip — a section heading ('Domestic Abuse')" in lines
    assert "Open actions, row 13: note — Due date: '13/25/2025' is not a real date (kept in a note)" in lines
    assert "New person: Tomáš Dvořák (Essex County Fire and Rescue Service)" in lines
    assert svc.actions.count(ActionQuery()) == 0  # nothing written before Import

    commit = wiz.button(QWizard.WizardButton.CommitButton)  # type: ignore[attr-defined]
    assert commit.text().replace("&", "") == "Import"
    with qtbot.waitSignal(wiz.imported, timeout=20000) as imported:  # type: ignore[attr-defined]
        qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    result = imported.args[0]
    assert result.added == 6
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.done_page, timeout=5000)  # type: ignore[attr-defined]
    assert wiz.run_page.progress.value() == wiz.run_page.progress.maximum()  # type: ignore[attr-defined]
    assert not wiz.button(QWizard.WizardButton.BackButton).isEnabled()  # type: ignore[attr-defined]
    assert wiz.done_page.summary.text().startswith("basildon_csp_actions.xlsx: 6 added")  # type: ignore[attr-defined]
    actions = {a.ref: a for a in svc.actions.list(ActionQuery())}
    assert sorted(actions) == ["4", "BCSP/25/001", "BCSP/25/002", "BCSP/25/003", "BCSP/25/005", "BCSP/25/006"]
    assert actions["BCSP/25/001"].minute_ref == ""  # the column was unmapped in the wizard
    assert actions["BCSP/25/003"].owner_name == "Tomáš Dvořák"

    undo = wiz.done_page.undo  # type: ignore[attr-defined]
    with qtbot.waitSignal(wiz.undone, timeout=20000):  # type: ignore[attr-defined]
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not undo.isEnabled()
    assert wiz.done_page.summary.text().startswith("The import was undone:")  # type: ignore[attr-defined]
    assert svc.actions.count(ActionQuery()) == 0
    assert svc.directory.people() == []


def test_a_bad_file_is_reported_on_the_first_page(qtbot: object, wizard: object) -> None:
    choose_file(qtbot, wizard, "zip_bomb.xlsx")
    page = wizard.file_page  # type: ignore[attr-defined]
    assert "refused as a possible zip bomb" in page.status.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # type: ignore[attr-defined]


def test_unmapping_the_action_column_blocks_the_next_step(qtbot: object, wizard: object) -> None:
    choose_file(qtbot, wizard, "utf8_bom_actions.csv")
    wizard.next()  # type: ignore[attr-defined]
    columns = wizard.columns_page  # type: ignore[attr-defined]
    combo: QComboBox = columns.combos[Field.DESCRIPTION]
    assert combo.currentText() == "B: Action"
    combo.setCurrentIndex(combo.findData(-1))
    assert not columns.isComplete()
    combo.setCurrentIndex(combo.findData(1))
    assert columns.isComplete()


def test_a_failed_import_says_nothing_was_imported(
    qtbot: object, wizard: object, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forumdesk.db.repositories.imports import ImportRepository

    def broken(*args: object, **kwargs: object) -> list[int]:
        raise OSError("the disk went away")

    monkeypatch.setattr(ImportRepository, "add_actions", broken)
    choose_file(qtbot, wizard, "utf8_bom_actions.csv")
    wizard.next()  # type: ignore[attr-defined]
    wizard.next()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)  # type: ignore[attr-defined]
    wizard.next()  # type: ignore[attr-defined]
    status = wizard.run_page.status  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: status.text().startswith("Nothing was imported"), timeout=10000)  # type: ignore[attr-defined]
    assert "OSError" in status.text()
    assert wizard.button(QWizard.WizardButton.CancelButton).isEnabled()  # type: ignore[attr-defined]
    assert svc.actions.count(ActionQuery()) == 0 and svc.directory.people() == []


def test_member_list_joins_the_forum(qtbot: object, wizard: object, svc: Services) -> None:
    page = wizard.file_page  # type: ignore[attr-defined]
    page.kind.setCurrentIndex(page.kind.findData("people"))
    choose_file(qtbot, wizard, "members.xlsx")
    assert page.status.text() == "1 sheet, 1 with a member list."
    wizard.next()  # type: ignore[attr-defined]
    columns = wizard.columns_page  # type: ignore[attr-defined]
    assert sorted(f.value for f in columns.combos) == ["Agency", "Email", "Name", "Phone", "Role"]
    assert columns.combos[PersonField.ROLE].currentText() == "B: Job Title"
    wizard.next()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)  # type: ignore[attr-defined]
    check = wizard.check_page  # type: ignore[attr-defined]
    assert check.summary.text() == f"4 people to add, 0 to update, 0 unchanged, 1 skipped; 4 to join {FORUM}"
    assert f"Members, row 4: add Jan Wójcik; joins {FORUM}" in check.lines.stringList()
    with qtbot.waitSignal(wizard.imported, timeout=20000) as imported:  # type: ignore[attr-defined]
        wizard.next()  # type: ignore[attr-defined]
    assert imported.args[0].memberships_created == 4
    forum = svc.forums.find(FORUM)
    assert sorted(m.person_name for m in svc.forums.members(forum.id)) == [
        "Jan Wójcik",
        "Siobhán O'Brien",
        "Tomáš Dvořák",
        "Łukasz Nowak",
    ]
    assert svc.directory.find_person("Łukasz Nowak").role == "Licensing Officer"


def test_file_import_in_the_main_window_opens_the_wizard(qtbot: object, main_window: object) -> None:
    from forumdesk.ui.dialogs.import_wizard import ImportWizard
    from forumdesk.ui.shell.main_menus import open_menu_dialog

    open_menu_dialog(main_window, "import")  # type: ignore[arg-type]
    dialog = main_window.open_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, ImportWizard)
    assert dialog.file_page.forum.count() > 1  # the window's forums are offered
    assert dialog.tasks is main_window.ctx.tasks  # the window's one task runner: no second one left running
    dialog.reject()
    assert not dialog.isVisible()


def test_risk_sheets_start_unticked_and_can_be_ticked_by_keyboard(qtbot: object, wizard: object) -> None:
    wiz = wizard
    choose_file(qtbot, wiz, "real/raid_log.xlsx")
    wiz.next()  # type: ignore[attr-defined]
    columns = wiz.columns_page  # type: ignore[attr-defined]
    names = [columns.sheet.itemText(i) for i in range(columns.sheet.count())]
    assert names == ["Risks", "Assumptions", "Issues", "Dependencies", "Actions"]
    assert wiz.included == {  # type: ignore[attr-defined]
        "Risks": False,
        "Assumptions": False,
        "Issues": True,
        "Dependencies": False,
        "Actions": True,
    }
    assert columns.found.text() == (
        "Header found on row 1; 1 rows below it. This sheet is a risk log: it is imported only if ticked."
    )
    columns.include.setFocus()
    qtbot.keyClick(columns.include, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert wiz.included["Risks"] is True  # type: ignore[attr-defined]
    wiz.next()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: wiz.plan is not None, timeout=10000)  # type: ignore[attr-defined]
    lines = wiz.check_page.lines.stringList()  # type: ignore[attr-defined]
    assert "Risks, row 2: add R-01 “Funding for the CCTV upgrade is withdrawn”" in lines
    assert "Sheet 'Assumptions': left out: a list of assumptions, not ticked on the Columns page" in lines
    assert "  Ref: column A (Risk ID): 'Risk ID' is a name for Ref" in lines


def test_date_order_chosen_by_keyboard_reads_ambiguous_dates_month_first(
    qtbot: object, wizard: object, svc: Services
) -> None:
    wiz = wizard
    choose_file(qtbot, wiz, "real/inconsistent.csv")
    wiz.next()  # type: ignore[attr-defined]
    columns = wiz.columns_page  # type: ignore[attr-defined]
    assert columns.date_order.currentData() == "dmy"  # the default
    columns.date_order.setFocus()
    qtbot.keyClick(columns.date_order, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert columns.date_order.currentData() == "mdy"
    wiz.next()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: wiz.plan is not None, timeout=10000)  # type: ignore[attr-defined]
    lines = wiz.check_page.lines.stringList()  # type: ignore[attr-defined]
    assert lines[0] == "Date order where a column's dates read either way: month first (mm/dd/yyyy) (--date-order mdy)"
    assert (
        "  Dates in C (Date raised): month first (mm/dd/yyyy): every date here reads either way: the date order"
        " chosen is followed; e.g. '10/05/2025' is 5 October 2025"
    ) in lines
    assert (
        "  Dates in D (Due date): day first (dd/mm/yyyy): '30/06/2025' can only be day first; e.g. '30/06/2025'"
        " is 30 June 2025" in lines
    )
    assert (
        "inconsistent, row 4: warning — the status is Complete but there is no date closed: imported as written"
    ) in lines
    commit = wiz.button(QWizard.WizardButton.CommitButton)  # type: ignore[attr-defined]
    with qtbot.waitSignal(wiz.imported, timeout=20000):  # type: ignore[attr-defined]
        qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    written = {a.ref: a.raised_on for a in svc.actions.list(ActionQuery())}
    assert written["IN-4"] == date(2025, 10, 5)


def test_a_two_row_header_shows_its_names_from_both_rows(qtbot: object, wizard: object) -> None:
    wiz = wizard
    choose_file(qtbot, wiz, "real/combined_template.xlsx")
    wiz.next()  # type: ignore[attr-defined]
    columns = wiz.columns_page  # type: ignore[attr-defined]
    assert columns.found.text() == "Header found on row 6; 9 rows below it."
    assert columns.combos[Field.REF].currentText() == "B: No."  # merged down from the row above
    assert columns.combos[Field.DUE].currentText() == "F: Deadline"  # under the group label "Dates"
    assert columns.model.headerData(2, Qt.Orientation.Horizontal) == "C: Action / Decision"
