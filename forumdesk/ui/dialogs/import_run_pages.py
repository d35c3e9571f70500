"""The import wizard's last three pages: the check (the validation report, nothing written yet), the import
itself on the serial write lane with progress, and the result with "Undo this import". See ``import_wizard``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
)

from forumdesk.domain.changes import Outcome as Written
from forumdesk.domain.errors import ForumDeskError
from forumdesk.services import Services
from forumdesk.services.imports import (
    ActionImportPlan,
    ImportResult,
    Outcome,
    PeopleFile,
    PeopleImportPlan,
    UndoResult,
    context_lines,
)
from forumdesk.ui.dialogs.base import named
from forumdesk.ui.dialogs.import_owner import ImportOwner, ImportPage
from forumdesk.ui.dialogs.import_widgets import (
    message_of,
    people_report_lines,
    report_lines,
    wrapped,
)
from forumdesk.ui.shell.write_op import WriteOp


class CheckPage(ImportPage):
    def __init__(self, wizard: ImportOwner) -> None:
        super().__init__(
            wizard, "Check what will happen",
            "Nothing has been written yet. Press Import to write it all, or Back to change columns.",
        )
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


class RunPage(ImportPage):
    def __init__(self, wizard: ImportOwner) -> None:
        super().__init__(wizard, "Importing")
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


class DonePage(ImportPage):
    def __init__(self, wizard: ImportOwner) -> None:
        super().__init__(wizard, "Imported")
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


def action_lines(plan: ActionImportPlan) -> list[str]:
    """The Check page's report: how the file was read (columns and why, date orders, what was left out),
    then each row, the rows left out, and the warnings the plan adds (dates that contradict)."""
    planned = [m for m in plan.warnings if m not in plan.file.warnings]
    return [
        *context_lines(plan.file),
        *report_lines(plan),
        *(f"{m.place}: warning — {m.reason}" for m in planned),
    ]
