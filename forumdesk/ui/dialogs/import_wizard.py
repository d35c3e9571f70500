"""File > Import: bring an action log in, step by step.

1. **File**: choose the .xlsx or .csv file and the forum; the file is read and checked off the GUI thread.
2. **Columns**: each sheet's table as found, with the column chosen for each field (editable), which
   sheets to import (a RAID log's risks and assumptions start unticked), and the date order for
   columns whose dates read either way.
3. **Check**: the validation report: per sheet the header each column matched and why, each date
   column's order with an example, what was left out and why; rows to add, update and skip (with
   reasons), warnings per row, people and agencies to be created. Nothing is written until Import.
4. **Import**: one transaction on the serial write lane, with progress.
5. **Done**: what was imported, and "Undo this import".

``ImportWizard(services, parent)``; the main window connects ``finished`` to refresh its views.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from forumdesk.services import Services
from forumdesk.services.imports import (
    ActionFile,
    ActionImportPlan,
    Field,
    Header,
    ImportResult,
    PeopleFile,
    PeopleImportPlan,
    PersonField,
    Table,
    find_header,
    parse_actions,
    parse_people,
    sheet_kind,
)
from forumdesk.ui.dialogs.import_run_pages import CheckPage, DonePage, RunPage, action_lines
from forumdesk.ui.dialogs.import_source_pages import ColumnsPage, FilePage
from forumdesk.ui.dialogs.import_widgets import (
    AnyField,
)
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.tasks import TaskRunner

__all__ = ["ImportWizard", "action_lines"]


class ImportWizard(QWizard):
    """The import wizard; ``services`` may also be the app's context (which brings its task runner)."""

    imported = Signal(object)  # ImportResult
    undone = Signal(object)  # UndoResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services: Services = ctx.services  # reads for the pages: forums, people
        self.tasks: TaskRunner = ctx.tasks  # reading the file off the GUI thread
        self.setWindowTitle("Import an action log or member list")
        self.setObjectName("importWizard")
        self.tables: list[Table] = []
        self.source = ""
        self.headers: dict[str, int] = {}
        self.labels: dict[str, tuple[str, ...]] = {}  # the header as found, two-row headers joined
        self.mappings: dict[str, dict[AnyField, int]] = {}
        self.included: dict[str, bool] = {}
        self.date_order = "dmy"  # how dates that read either way are read: "dmy" or "mdy"
        self.plan: ActionImportPlan | PeopleImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.check_page = CheckPage(self)
        self.run_page = RunPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.columns_page, self.check_page, self.run_page, self.done_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(900, 640)

    def kind(self) -> str:
        """``"actions"`` or ``"people"``: what the file holds, as chosen on the first page."""
        return str(self.file_page.kind.currentData())

    def fields(self) -> list[AnyField]:
        return list(Field) if self.kind() == "actions" else list(PersonField)

    def header_of(self, table: Table) -> Header | None:
        return find_header(table.rows, people=self.kind() == "people")

    def forum_id(self) -> int | None:
        value = self.file_page.forum.currentData()
        return None if value is None else int(value)

    def chosen_file(self) -> ActionFile | PeopleFile:
        """The file read with the sheets and columns chosen on the Columns page."""
        tables = [t for t in self.tables if self.included.get(t.name)]
        if self.kind() == "people":
            people = {n: {PersonField(f): c for f, c in m.items()} for n, m in self.mappings.items()}
            return parse_people(tables, self.source, mappings=people)
        actions = {n: {Field(f): c for f, c in m.items()} for n, m in self.mappings.items()}
        chosen = [t.name for t in tables]
        file = parse_actions(tables, self.source, mappings=actions, date_order=self.date_order, chosen=chosen)
        unticked = tuple(
            (name, f"{sheet_kind(name) or 'a sheet'}, not ticked on the Columns page")
            for name, on in self.included.items()
            if not on
        )
        return replace(file, ignored_sheets=file.ignored_sheets + unticked)
