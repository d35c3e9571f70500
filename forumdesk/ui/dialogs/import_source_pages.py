"""The import wizard's first two pages: choose the file (read and checked off the GUI thread) and the forum,
then each sheet's columns, which sheets to import and the date order. See ``import_wizard``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from forumdesk.services.imports import (
    Field,
    PersonField,
    Table,
    load_tables,
    sheet_kind,
)
from forumdesk.ui.dialogs.base import named
from forumdesk.ui.dialogs.import_owner import ImportOwner, ImportPage
from forumdesk.ui.dialogs.import_widgets import (
    AnyField,
    PreviewTableModel,
    buddy,
    message_of,
    wrapped,
)


class FilePage(ImportPage):
    def __init__(self, wizard: ImportOwner) -> None:
        super().__init__(
            wizard, "Choose the file",
            "An action log or a member list saved as .xlsx or .csv, and the forum it belongs to.",
        )
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


class ColumnsPage(ImportPage):
    def __init__(self, wizard: ImportOwner) -> None:
        super().__init__(
            wizard, "Check the columns",
            "The table found on each sheet. Change a column if it was matched wrongly.",
        )
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
