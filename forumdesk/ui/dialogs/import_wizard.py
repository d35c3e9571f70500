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
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from forumdesk.domain.changes import Outcome as Written
from forumdesk.domain.errors import ForumDeskError
from forumdesk.services import Services
from forumdesk.services.imports import (
    ActionFile,
    ActionImportPlan,
    Field,
    Header,
    ImportResult,
    Outcome,
    PeopleFile,
    PeopleImportPlan,
    PersonField,
    Table,
    UndoResult,
    context_lines,
    find_header,
    load_tables,
    parse_actions,
    parse_people,
    sheet_kind,
)
from forumdesk.ui.dialogs.import_widgets import (
    AnyField,
    PreviewTableModel,
    buddy,
    message_of,
    named,
    people_report_lines,
    report_lines,
    wrapped,
)
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.tasks import TaskRunner
from forumdesk.ui.shell.write_op import WriteOp


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Choose the file")
        self.setSubTitle("An action log or a member list saved as .xlsx or .csv, and the forum it belongs to.")
        self.kind = named(QComboBox(), "importKind")
        self.kind.setAccessibleName("What the file holds")
        self.kind.addItem("An action log", "actions")
        self.kind.addItem("A member list (name, role, agency, email, phone)", "people")
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.path = named(QLineEdit(), "importPath")
        self.path.setPlaceholderText("The tracker's file")
        self.path.setAccessibleName("File to import")
        self.path.editingFinished.connect(self.load)
        browse = named(QPushButton("&Browse…"), "importBrowse")
        browse.clicked.connect(self._on_browse_clicked)
        self.forum = named(QComboBox(), "importForum")
        self.forum.setAccessibleName("Forum")
        self.forum.addItem("Choose a forum…", None)  # for a member list: no forum, people only
        for forum in wizard.services.forums.forums(include_archived=False):
            self.forum.addItem(forum.name, forum.id)
        self.forum.currentIndexChanged.connect(self.completeChanged)
        self.status = wrapped(named(QLabel(), "importFileStatus"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(buddy(QLabel("&What the file holds:"), self.kind))
        layout.addWidget(self.kind)
        layout.addWidget(buddy(QLabel("&File:"), self.path))
        layout.addLayout(row)
        layout.addWidget(buddy(QLabel("F&orum:"), self.forum))
        layout.addWidget(self.forum)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._loaded: str | None = None

    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import a tracker", "", "Spreadsheets (*.xlsx *.csv)")
        if name:
            self.path.setText(name)
            self.load()

    def load(self) -> None:
        """Read and check the file off the GUI thread; the page is complete once it has been read."""
        path = self.path.text().strip()
        if not path or path == self._loaded:
            return
        self._loaded = None
        self._pending = path
        self.owner.tables = []
        self.status.setText("Reading…")
        self.completeChanged.emit()
        self.owner.tasks.read(lambda _services: load_tables(path), self._on_loaded, self._on_failed)

    def _on_loaded(self, tables: list[Table]) -> None:
        self.owner.tables = tables
        self.owner.source = Path(self._pending).name
        self._loaded = self._pending
        self._show_found()

    def _on_kind_changed(self) -> None:
        if self._loaded is not None:
            self._show_found()

    def _show_found(self) -> None:
        tables = self.owner.tables
        found = sum(1 for t in tables if self.owner.header_of(t) is not None)
        sheets = "sheet" if len(tables) == 1 else "sheets"
        what = "an action table" if self.owner.kind() == "actions" else "a member list"
        self.status.setText(f"{len(tables)} {sheets}, {found} with {what}.")
        if not found:
            self.status.setText(f"{self.owner.source} has no recognisable header in the first 20 rows of any sheet")
        self.completeChanged.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.status.setText(message_of(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        has_table = any(self.owner.header_of(t) is not None for t in self.owner.tables)
        forum_ok = self.forum.currentData() is not None or self.owner.kind() == "people"
        return self._loaded is not None and has_table and forum_ok


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Check the columns")
        self.setSubTitle("The table found on each sheet. Change a column if it was matched wrongly.")
        self.sheet = named(QComboBox(), "previewSheet")
        self.sheet.setAccessibleName("Sheet")
        self.sheet.currentIndexChanged.connect(self._on_sheet_changed)
        self.include = named(QCheckBox("&Import this sheet"), "includeSheet")
        self.include.toggled.connect(self._on_include_toggled)
        self.found = named(QLabel(), "headerFound")
        self.date_order = named(QComboBox(), "dateOrder")
        self.date_order.setAccessibleName("Date order for dates that read either way")
        self.date_order.addItem("Day first (dd/mm/yyyy), as in the UK", "dmy")
        self.date_order.addItem("Month first (mm/dd/yyyy), as in the US", "mdy")
        self.date_order.currentIndexChanged.connect(self._on_date_order_changed)
        self.combos: dict[AnyField, QComboBox] = {}
        self.grid = QGridLayout()
        self._kind = ""
        self.model = PreviewTableModel(self)
        self.table = named(QTableView(), "previewTable")
        self.table.setModel(self.model)
        top = QHBoxLayout()
        top.addWidget(buddy(QLabel("&Sheet:"), self.sheet))
        top.addWidget(self.sheet, 1)
        top.addWidget(self.include)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.found)
        dates = QHBoxLayout()
        dates.addWidget(buddy(QLabel("&Dates that read either way (03/04/2025):"), self.date_order))
        dates.addWidget(self.date_order, 1)
        layout.addLayout(dates)
        layout.addLayout(self.grid)
        layout.addWidget(self.table, 1)
        self._filling = False

    def _build_combos(self) -> None:
        """One column chooser per field of the kind of file (action log or member list)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = {}
        for i, field in enumerate(self.owner.fields()):
            combo = named(QComboBox(), f"mapping_{field.name}")
            combo.setAccessibleName(f"Column for {field.value}")
            combo.currentIndexChanged.connect(lambda _i, f=field: self._on_mapping_changed(f))
            self.combos[field] = combo
            self.grid.addWidget(buddy(QLabel(f"{field.value}:"), combo), i // 3, (i % 3) * 2)
            self.grid.addWidget(combo, i // 3, (i % 3) * 2 + 1)
        self._kind = self.owner.kind()

    def initializePage(self) -> None:
        if self._kind != self.owner.kind():
            self._build_combos()
        self.owner.headers = {}
        self.owner.mappings = {}
        self.owner.included = {}
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for table in self.owner.tables:
            header = self.owner.header_of(table)
            if header is not None:
                self.owner.headers[table.name] = header.row
                self.owner.labels[table.name] = header.labels
                self.owner.mappings[table.name] = {
                    f: c for f, c in header.mapping.items() if isinstance(f, (Field, PersonField))
                }
                # a risk log, assumptions, dependencies: left out unless ticked
                self.owner.included[table.name] = not (self.owner.kind() == "actions" and sheet_kind(table.name))
                self.sheet.addItem(table.name)
        self.sheet.blockSignals(False)
        self._on_sheet_changed()

    def _table(self) -> Table | None:
        name = self.sheet.currentText()
        return next((t for t in self.owner.tables if t.name == name), None)

    def _on_sheet_changed(self) -> None:
        table = self._table()
        if table is None:
            return
        header_row = self.owner.headers[table.name]
        self.model.show_table(table, header_row, self.owner.labels.get(table.name))
        found = f"Header found on row {header_row + 1}; {len(table.rows) - header_row - 1} rows below it."
        if self.owner.kind() == "actions" and (kind := sheet_kind(table.name)):
            found += f" This sheet is {kind}: it is imported only if ticked."
        self.found.setText(found)
        self._filling = True
        self.include.setChecked(self.owner.included[table.name])
        labels = [self.model.headerData(i, Qt.Orientation.Horizontal) for i in range(self.model.columnCount())]
        mapping = self.owner.mappings[table.name]
        for field, combo in self.combos.items():
            combo.clear()
            combo.addItem("(not imported)", -1)
            for i, label in enumerate(labels):
                combo.addItem(str(label), i)
            combo.setCurrentIndex(combo.findData(mapping.get(field, -1)))
        self._filling = False

    def _on_mapping_changed(self, field: AnyField) -> None:
        table = self._table()
        if self._filling or table is None:
            return
        column = self.combos[field].currentData()
        mapping = self.owner.mappings[table.name]
        if column is None or column < 0:
            mapping.pop(field, None)
        else:
            mapping[field] = int(column)
        self.completeChanged.emit()

    def _on_date_order_changed(self) -> None:
        self.owner.date_order = str(self.date_order.currentData())

    def _on_include_toggled(self, checked: bool) -> None:
        table = self._table()
        if not self._filling and table is not None:
            self.owner.included[table.name] = checked
            self.completeChanged.emit()

    def isComplete(self) -> bool:
        chosen = [name for name, on in self.owner.included.items() if on]
        required = Field.DESCRIPTION if self.owner.kind() == "actions" else PersonField.NAME
        return bool(chosen) and all(required in self.owner.mappings[name] for name in chosen)


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Check what will happen")
        self.setSubTitle("Nothing has been written yet. Press Import to write it all, or Back to change columns.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.summary = wrapped(named(QLabel(), "reportSummary"))
        self.lines = QStringListModel(self)
        view = named(QListView(), "reportList")
        view.setModel(self.lines)
        view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(view, 1)

    def initializePage(self) -> None:
        self.owner.plan = None
        self.summary.setText("Checking…")
        self.lines.setStringList([])
        try:
            file = self.owner.chosen_file()
        except ForumDeskError as error:
            self.summary.setText(str(error))
            return
        forum_id = self.owner.forum_id()

        def plan(services: Services) -> ActionImportPlan | PeopleImportPlan:
            service = services.imports
            if isinstance(file, PeopleFile):
                return service.plan_people(file, forum_id)
            assert forum_id is not None
            return service.plan_actions(file, forum_id)

        self.owner.tasks.read(
            plan,
            self._on_planned,
            lambda error: self.summary.setText(message_of(error)),
        )

    def _on_planned(self, plan: ActionImportPlan | PeopleImportPlan) -> None:
        self.owner.plan = plan
        self.summary.setText(plan.summary())
        lines = action_lines(plan) if isinstance(plan, ActionImportPlan) else people_report_lines(plan)
        self.lines.setStringList(lines)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self.owner.plan
        if plan is None:
            return False
        joining = plan.joining if isinstance(plan, PeopleImportPlan) else 0
        return (plan.count(Outcome.ADD) + plan.count(Outcome.UPDATE) + joining) > 0


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Importing")
        self.setCommitPage(True)  # once written, there is no going back: only "Undo this import"
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Next >")
        self.progress = named(QProgressBar(), "importProgress")
        self.status = wrapped(named(QLabel(), "importStatus"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:
        plan = self.owner.plan
        assert plan is not None
        self.owner.import_result = None
        self.progress.setRange(0, max(len(plan.rows), 1))
        self.progress.setValue(0)
        self.status.setText("Writing, all or nothing…")
        file, forum_id = plan.file, plan.forum_id

        def work(services: Services, progress: Any) -> Written[ImportResult]:
            step = max(len(file.rows) // 100, 1)

            def report(done: int, total: int) -> None:
                if done == total or done % step == 0:
                    progress(done, total)

            service = services.imports
            if isinstance(file, PeopleFile):
                return service.import_people(file, forum_id, report)
            assert forum_id is not None
            return service.import_actions(file, forum_id, report)

        self.owner.button(QWizard.WizardButton.CancelButton).setEnabled(False)  # all or nothing: let it finish
        WriteOp(self.owner.ctx, work).progress(self._on_progress).success(self._on_done).failure(
            self._on_failed
        ).run(initiator=self.owner)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_done(self, result: ImportResult) -> None:
        self.owner.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.owner.import_result = result
        self.progress.setValue(self.progress.maximum())
        self.owner.imported.emit(result)
        self.completeChanged.emit()
        self.owner.next()

    def _on_failed(self, error: BaseException) -> None:
        self.owner.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.status.setText(f"Nothing was imported: {message_of(error)}")

    def isComplete(self) -> bool:
        return self.owner.import_result is not None


class DonePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Imported")
        self.summary = wrapped(named(QLabel(), "importSummary"))
        self.undo = named(QPushButton("&Undo this import"), "undoImport")
        self.undo.clicked.connect(self._on_undo_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.undo, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self.owner.import_result
        assert result is not None
        self.summary.setText(f"{result.summary}.\nImport {result.batch_id}.")
        self.undo.setEnabled(True)

    def _on_undo_clicked(self) -> None:
        result = self.owner.import_result
        assert result is not None
        self.undo.setEnabled(False)
        batch = result.batch_id
        WriteOp(self.owner.ctx, lambda services: services.imports.undo(batch)).success(self._on_undone).failure(
            lambda error: self.summary.setText(message_of(error))
        ).run(initiator=self.owner)

    def _on_undone(self, undone: UndoResult) -> None:
        kept = f" Kept, as they are now used elsewhere: {', '.join(undone.kept)}." if undone.kept else ""
        self.summary.setText(
            f"The import was undone: {undone.removed} records removed, {undone.restored} restored.{kept}"
        )
        self.owner.undone.emit(undone)


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



def action_lines(plan: ActionImportPlan) -> list[str]:
    """The Check page's report: how the file was read (columns and why, date orders, what was left out),
    then each row, the rows left out, and the warnings the plan adds (dates that contradict)."""
    planned = [m for m in plan.warnings if m not in plan.file.warnings]
    return [
        *context_lines(plan.file),
        *report_lines(plan),
        *(f"{m.place}: warning — {m.reason}" for m in planned),
    ]
