"""What the import wizard's pages need of the wizard that holds them (``ImportOwner``), so that the pages
(import_source_pages, import_run_pages) do not import the wizard module that imports them; and ``ImportPage``,
the base of those pages."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QAbstractButton, QWizard, QWizardPage

from forumdesk.services import Services
from forumdesk.services.imports import (
    ActionFile,
    ActionImportPlan,
    Header,
    ImportResult,
    PeopleFile,
    PeopleImportPlan,
    Table,
)
from forumdesk.ui.dialogs.import_widgets import AnyField
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.tasks import TaskRunner


class ImportOwner(Protocol):
    ctx: AppContext
    services: Services
    tasks: TaskRunner
    tables: list[Table]
    source: str
    headers: dict[str, int]
    labels: dict[str, tuple[str, ...]]
    mappings: dict[str, dict[AnyField, int]]
    included: dict[str, bool]
    date_order: str
    plan: ActionImportPlan | PeopleImportPlan | None
    import_result: ImportResult | None
    imported: Any  # Signal(ImportResult)
    undone: Any  # Signal(UndoResult)

    def kind(self) -> str: ...
    def fields(self) -> list[AnyField]: ...
    def header_of(self, table: Table) -> Header | None: ...
    def forum_id(self) -> int | None: ...
    def chosen_file(self) -> ActionFile | PeopleFile: ...
    def button(self, which: QWizard.WizardButton) -> QAbstractButton: ...
    def next(self) -> None: ...


class ImportPage(QWizardPage):
    """A page of the import wizard: the wizard it belongs to (``owner``), its title and subtitle."""

    def __init__(self, wizard: ImportOwner, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
