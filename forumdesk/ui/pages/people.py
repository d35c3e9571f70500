"""People & agencies: everyone in the directory, searchable and filtered by agency; beside the list, the
chosen person's page (``_person_view.PersonView``). Ctrl+N adds a person, Ctrl+F searches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from forumdesk.domain.changes import Changes
from forumdesk.domain.model import Person
from forumdesk.ui.dialogs.person_dialog import AgencyDialog, PersonDialog
from forumdesk.ui.models.records import Column, RecordTableModel
from forumdesk.ui.models.roles import OBJECT_ROLE, SORT_ROLE
from forumdesk.ui.pages._common import (
    KeptCurrent,
    fit_columns,
    list_beside_detail,
    muted_label,
    record_table,
    search_box,
    search_keys,
    shortcut,
    tab_order,
)
from forumdesk.ui.pages._person_view import PersonView
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.widgets.folding import FoldingFilterProxy, fold

PEOPLE_COLUMNS: list[Column[Person]] = [
    # sorted by surname, accents aside ("Łukasz Nowak" among the Ns, not after "Tom") (issue 15 item 18)
    Column("Name", lambda p: p.name, sort=lambda p: _surname_key(p.name),
           tooltip=lambda p: f"{p.name}\n{p.role}" if p.role else p.name),
    Column("Agency", lambda p: p.organisation, tooltip=True),
]
_RELEVANT = ("people", "organisations", "memberships", "actions", "forums")


def _relevant(changes: Changes) -> bool:
    return any(getattr(changes, name) for name in _RELEVANT)


def _surname_key(name: str) -> str:
    """One string (the sort proxy compares strings, not tuples): surname, then the whole name, folded."""
    words = name.split()
    return f"{fold(words[-1]) if words else ''}\t{fold(name)}"


class PeoplePage(QWidget):
    title = "People & agencies"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.current = KeptCurrent(self, ctx, _relevant, lambda: self.reload(), self._apply_changes)
        self.search = search_box("Search people (Ctrl+F)", "Search people", self)
        self.agency = QComboBox(self)
        self.agency.setAccessibleName("Agency filter")
        self.agency.setMinimumContentsLength(18)
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_button = QPushButton("&Add person…", self)
        self.add_button.setAccessibleName("Add a person")
        self.add_agency_button = QPushButton("Add a&gency…", self)
        self.add_agency_button.setAccessibleName("Add an agency")
        self.edit_agency_button = QPushButton("Edit agenc&y…", self)
        self.edit_agency_button.setAccessibleName("Edit the agency chosen in the filter")
        self.count_label = muted_label("", self)
        self.model = RecordTableModel(PEOPLE_COLUMNS, self)
        self.proxy = FoldingFilterProxy(self)  # "lukasz" finds Łukasz (issue 15 item 10)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = record_table("People", self)
        self.table.setModel(self.proxy)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        fit_columns(self.table, [22])
        self.view = PersonView(ctx, self)
        self._build()
        self.search.textChanged.connect(self.proxy.set_text)
        self.search.textChanged.connect(self._update_count)
        self.agency.currentIndexChanged.connect(self._on_agency_changed)
        self.add_button.clicked.connect(self.new_item)
        self.add_agency_button.clicked.connect(self._on_add_agency_clicked)
        self.edit_agency_button.clicked.connect(self._on_edit_agency_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        shortcut("Ctrl+N", self, self.new_item)
        search_keys(self, self.search, self.table, self.focus_search)
        self.reload()

    def _build(self) -> None:
        left = QWidget(self)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.agency, 2)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.add_agency_button, self.edit_agency_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addLayout(buttons)
        column.addWidget(self.table, 1)
        column.addWidget(self.count_label)
        list_beside_detail(self, left, self.view)
        tab_order(
            self.search, self.agency, self.add_button, self.add_agency_button, self.edit_agency_button, self.table
        )

    # -- page protocol ------------------------------------------------------------------------------------
    def show_filtered(self, **filters: Any) -> None:
        if "search" in filters:
            self.search.setText(str(filters["search"]))
        if filters.get("organisation_id") is not None:
            index = self.agency.findData(int(filters["organisation_id"]))
            self.agency.setCurrentIndex(max(index, 0))
        person_id = filters.get("person_id", filters.get("owner_id"))
        if person_id is not None:
            self.select_person(int(person_id))
        if filters.get("new"):  # the Dashboard's "Getting started": straight to a new person
            self.new_item()

    def new_item(self) -> None:
        organisation = self.agency.currentText() if self.agency.currentData() is not None else ""
        dialog = PersonDialog(self._ctx, None, self, organisation=organisation)
        dialog.saved.connect(self.select_person)
        dialog.open()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        directory = self._ctx.services.directory
        current_agency = self.agency.currentData()
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem("All agencies", None)
        for org in directory.organisations():
            self.agency.addItem(org.name, org.id)
        self.agency.setCurrentIndex(max(self.agency.findData(current_agency), 0))
        self.agency.blockSignals(False)
        self._load_people()
        self.current.fresh()

    def _load_people(self) -> None:
        current = self.view.person.id if self.view.person else None
        people = self._ctx.services.directory.people(organisation_id=self.agency.currentData())
        self.model.set_records(people)
        self.edit_agency_button.setEnabled(self.agency.currentData() is not None)
        self._update_count()
        if current is not None and any(p.id == current for p in people):
            self.select_person(current)
        elif self.proxy.rowCount():
            self.select_person(self.proxy.index(0, 0).data(OBJECT_ROLE).id)
        else:
            self.view.show_person(None)

    def select_person(self, person_id: int) -> None:
        rows = [r for r, p in enumerate(self.model.records()) if p.id == person_id]
        if not rows and (self.search.text() or self.agency.currentIndex() > 0):
            self.search.clear()
            self.agency.setCurrentIndex(0)  # reloads the list with everyone
            rows = [r for r, p in enumerate(self.model.records()) if p.id == person_id]
        self.view.show_person(person_id)
        if rows:
            index = self.proxy.mapFromSource(self.model.index(rows[0], 0))
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{total} people" if shown == total else f"{shown} of {total} people")

    def _on_agency_changed(self) -> None:
        self._load_people()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            person: Person = self.proxy.mapToSource(current).siblingAtColumn(0).data(OBJECT_ROLE)
            if self.view.person is None or self.view.person.id != person.id:
                self.view.show_person(person.id)

    def _on_add_agency_clicked(self) -> None:
        dialog = AgencyDialog(self._ctx, None, self)
        dialog.saved.connect(self._on_agency_saved)
        dialog.open()

    def _on_edit_agency_clicked(self) -> None:
        org_id = self.agency.currentData()
        if org_id is not None:
            AgencyDialog(self._ctx, self._ctx.services.directory.organisation(int(org_id)), self).open()

    def _on_agency_saved(self, org_id: int) -> None:
        self.reload()
        self.agency.setCurrentIndex(max(self.agency.findData(org_id), 0))

    def _apply_changes(self, changes: Changes) -> None:
        if changes.people or changes.organisations:
            self.reload()
        elif self.view.person is not None:
            self.view.show_person(self.view.person.id)

