"""The one Export dialog: what to export, in which format, with which filters and marking, and where to.

``ExportDialog(ctx, parent, query=..., meeting_id=..., owner_id=..., kind=...)`` serves every export:
the action log (the actions page passes its ``ActionQuery``), the minutes and the board pack of any meeting
(chosen in the dialog; a meeting page, the live minutes and the Meetings page preselect theirs), a person's
chase list, and the calendar. The export runs off the GUI thread with progress and Cancel; a same-named file
is replaced only when the user says so; a marking lower than the records' own needs a confirmation; at the
end "Open folder" shows the file and ``exported(result)`` is emitted.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import nothing_changed
from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.model import Meeting
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.exports import ExportCancelled, ExportFormat, ExportResult
from forumdesk.ui.dialogs.base import named
from forumdesk.ui.dialogs.export_choices import (
    FORMAT_LABELS,
    FORMATS,
    GROUPS,
    KIND_LABELS,
    MEETING_KINDS,
    ExportJob,
    confirm_overwrite,
    document_title,
    documents_folder,
    exportable_meetings,
    latest_held,
    meeting_label,
    noun,
)
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp

__all__ = ["ExportDialog", "confirm_overwrite"]

log = logging.getLogger(__name__)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        query: ActionQuery | None = None,
        meeting_id: int | None = None,
        owner_id: int | None = None,
        kind: str | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = services = ctx.services  # quick reads: forums, meetings, people
        self.query = query or ActionQuery()
        self.meeting_id, self.owner_id = meeting_id, owner_id
        self.tasks = ctx.tasks
        self._cancel = threading.Event()
        self._running = False
        self._default_marking = Marking.OFFICIAL
        self._marking_known = False  # until the records' own marking is read, export at that marking
        self.last_result: ExportResult | None = None
        self.setWindowTitle("Export")
        self.setAccessibleName("Export")
        self._meetings = exportable_meetings(services)
        self._build(folder or documents_folder())
        kinds = [k for k in KIND_LABELS if self._available(k)]
        for k in kinds:
            self.kind.addItem(KIND_LABELS[k], k)
        self.kind.setCurrentIndex(kinds.index(kind) if kind in kinds else 0)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.forum.currentIndexChanged.connect(self._on_format_changed)  # the suggested name has the forum in it
        self.forum.currentIndexChanged.connect(self._refresh_default_marking)
        self.meeting.currentIndexChanged.connect(self._on_format_changed)  # ...and the meeting's
        self.meeting.currentIndexChanged.connect(self._refresh_default_marking)
        self._on_kind_changed()
        self.resize(620, self.sizeHint().height())  # as tall as the rows this document shows
        # opened for one document (a meeting's minutes): straight to the file name; else choose what first
        (self.destination if kind in kinds else self.kind).setFocus()

    # -- building -----------------------------------------------------------------------------------------
    def _build(self, folder: Path) -> None:
        form = QFormLayout()
        self.kind = named(QComboBox(self), "export_kind", "What to export")
        self.format = named(QComboBox(self), "export_format", "Format")
        self.meeting = named(QComboBox(self), "export_meeting", "Meeting")
        chosen = self.meeting_id if self.meeting_id is not None else getattr(latest_held(self._meetings), "id", None)
        for meeting in self._meetings:
            self.meeting.addItem(meeting_label(meeting), meeting.id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(chosen)))
        self.forum = named(QComboBox(self), "export_forum", "Forum")
        self.forum.addItem("All forums", None)
        for forum in self.services.forums.forums(include_archived=False):
            self.forum.addItem(forum.name, forum.id)
        if len(self.query.forum_ids) == 1:
            self.forum.setCurrentIndex(max(0, self.forum.findData(self.query.forum_ids[0])))
        self.open_only = named(QCheckBox("Open actions only", self), "export_open_only", "Open actions only")
        self.open_only.setChecked(self.query.open_only)
        self.overdue = named(QCheckBox("Overdue only", self), "export_overdue", "Overdue only")
        self.overdue.setChecked(self.query.overdue)
        # an owner filter from the tracker applies to the export: say so (issue 15 item 12)
        self.owner_note = named(QLabel(self), "export_owner_filter", "Owner filter")
        owner = self._owner_name()
        self.owner_note.setText(f"Only actions owned by {owner}" if owner else "")
        self.group = named(QComboBox(self), "export_group", "Group rows by")
        for value, label in GROUPS:
            self.group.addItem(label, value)
        self.marking = named(QComboBox(self), "export_marking", "Protective marking")
        for marking in Marking:
            self.marking.addItem(marking.value, marking.value)
        self.marking_note = QLabel(self)
        self.destination = named(QLineEdit(self), "export_destination", "Save to")
        self.browse = named(QPushButton("&Browse…", self), "export_browse", "Choose where to save")
        self.browse.setAutoDefault(False)  # Enter in the dialog exports; Space on Browse browses
        self.browse.clicked.connect(self._on_browse_clicked)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.browse)
        self.filters = QWidget(self)
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        for widget in (self.forum, self.open_only, self.overdue):
            filters.addWidget(widget)
        form.addRow("&What", self.kind)
        form.addRow("Mee&ting", self.meeting)
        form.addRow("&Format", self.format)
        form.addRow("Fi&lters", self.filters)
        form.addRow("", self.owner_note)
        form.addRow("&Group by", self.group)
        form.addRow("&Marking", self.marking)
        form.addRow("", self.marking_note)
        form.addRow("&Save to", where)
        save_label = form.labelForField(where)
        if isinstance(save_label, QLabel):
            save_label.setBuddy(self.destination)  # Alt+S goes to the file name
        self._form = form
        self.progress = named(QProgressBar(self), "export_progress", "Export progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = named(QLabel(self), "export_status", "Export status")
        self.status.setWordWrap(True)
        self.export_button = named(QPushButton("&Export", self), "export_start", "Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.open_folder = named(QPushButton("&Open folder", self), "export_open_folder", "Open folder")
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._on_open_folder_clicked)
        self.close_button = named(QPushButton("Close", self), "export_close", "Close or cancel")
        self.close_button.clicked.connect(self._on_close_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._folder = folder

    def _available(self, kind: str) -> bool:
        if kind in MEETING_KINDS:
            return bool(self._meetings)
        if kind == "owner":
            return self.owner_id is not None
        return True

    # -- reacting to choices ------------------------------------------------------------------------------
    @property
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    @property
    def current_format(self) -> ExportFormat:
        return ExportFormat(self.format.currentData())

    def _on_kind_changed(self) -> None:
        kind = self.current_kind
        self.format.blockSignals(True)
        self.format.clear()
        for fmt in FORMATS[kind]:
            self.format.addItem(FORMAT_LABELS[fmt], fmt.value)
        self.format.blockSignals(False)
        self._form.setRowVisible(self.meeting, kind in MEETING_KINDS)
        self._form.setRowVisible(self.filters, kind == "actions")
        self._form.setRowVisible(self.owner_note, kind == "actions" and bool(self.owner_note.text()))
        self.marking.setEnabled(kind != "calendar")
        self._on_format_changed()
        self._refresh_default_marking()

    def _on_format_changed(self) -> None:
        self._form.setRowVisible(self.group, self.current_kind == "actions" and self.current_format is ExportFormat.PDF)
        name = self.services.exports.suggested_name(self._title(), self.current_format)
        current = self.destination.text().strip()
        folder = Path(current).parent if current else self._folder
        self.destination.setText(str(folder / name))

    def _title(self) -> str:
        kind = self.current_kind
        forum = self.forum.currentText() if self.forum.currentData() is not None else ""
        person = self.services.directory.person(self.owner_id).name if kind == "owner" and self.owner_id else ""
        return document_title(kind, self.chosen_meeting(), person, forum, self._owner_name())

    def chosen_meeting(self) -> Meeting | None:
        """The meeting whose minutes or board pack is exported (None when there is none)."""
        meeting_id = self.meeting.currentData()
        return next((m for m in self._meetings if m.id == meeting_id), None)

    def target(self) -> Path:
        return Path(self.destination.text().strip()).expanduser()

    def _owner_name(self) -> str:
        owner_id = self.query.owner_id
        return self.services.directory.person(owner_id).name if owner_id is not None else ""

    def action_query(self) -> ActionQuery:
        forum_id = self.forum.currentData()
        return replace(
            self.query, forum_ids=() if forum_id is None else (int(forum_id),), open_only=self.open_only.isChecked(),
            overdue=self.overdue.isChecked(),
        )

    def _refresh_default_marking(self) -> None:
        """Work out the records' own marking off the GUI thread and preselect it."""
        kind, query, owner_id = self.current_kind, self.action_query(), self.owner_id
        meeting = self.chosen_meeting()
        meeting_id = meeting.id if meeting is not None else None
        self._marking_known = False
        if kind == "calendar":
            self.marking_note.setText("Each meeting carries its own marking.")
            return

        def work(services: Services) -> Marking:
            return services.exports.default_marking(kind, query=query, meeting_id=meeting_id, owner_id=owner_id)

        self.tasks.read(work, self._on_default_marking, self._on_default_marking_failed)

    def _on_default_marking(self, marking: Marking) -> None:
        self._default_marking, self._marking_known = marking, True
        self.marking.setCurrentIndex(self.marking.findData(marking.value))
        self.marking_note.setText(f"These records are marked {marking.value}; you may raise the marking.")

    def _on_default_marking_failed(self, error: BaseException) -> None:
        self.marking_note.setText(str(error) if isinstance(error, ForumDeskError) else "")

    def _on_browse_clicked(self) -> None:
        fmt = self.current_format
        path, _ = QFileDialog.getSaveFileName(self, "Save export as", self.destination.text(),
                                              f"{FORMAT_LABELS[fmt]} (*.{fmt.value})")
        if path:
            self.destination.setText(path if path.lower().endswith(f".{fmt.value}") else f"{path}.{fmt.value}")
        self.destination.setFocus()

    # -- running ------------------------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        if self._running:
            return
        problem = self._target_problem()
        if problem:
            self.status.setText(f"Not exported: {problem}.")
            self.destination.setFocus()
            return
        if not confirm_overwrite(self, self.target()):
            self.status.setText("Not exported: the existing file was kept.")
            return
        marking = Marking(self.marking.currentData())
        allow_lower = False
        if self.current_kind != "calendar" and self._marking_known and marking.rank < self._default_marking.rank:
            answer = QMessageBox.question(
                self, "Lower the marking?",
                f"These records are marked {self._default_marking.value}. Export them marked {marking.value}?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.status.setText("Not exported: the marking was not lowered.")
                return
            allow_lower = True
        self._start(self._job(marking, allow_lower))

    def _job(self, marking: Marking, allow_lower: bool) -> Any:
        scope = self.forum.currentText() if self.forum.currentData() is not None else ""
        owner = self._owner_name()
        if owner:
            scope = " · ".join(filter(None, (scope, f"only actions owned by {owner}")))
        meeting = self.chosen_meeting()
        job = ExportJob(
            kind=self.current_kind, fmt=self.current_format, target=self.target(),
            marking=marking if self._marking_known else None,
            allow_lower=allow_lower, query=self.action_query(), group=str(self.group.currentData()), scope=scope,
            meeting_id=meeting.id if meeting is not None else 0, owner_id=int(self.owner_id or 0),
        )
        work = job.work(self._cancel)
        return lambda services, progress: nothing_changed(work(services, progress))  # a file written, no record

    def _target_problem(self) -> str:
        text, fmt = self.destination.text().strip(), self.current_format
        if not text:
            return "type a file name"
        if self.target().suffix.lower() != f".{fmt.value}":
            return f"the file name must end .{fmt.value}"
        if not self.target().parent.is_dir():
            return f"the folder {self.target().parent} does not exist"
        return ""

    def _start(self, work: Any) -> None:
        self._running = True
        self._cancel.clear()
        self.last_result = None
        self.open_folder.setVisible(False)
        self.export_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.status.setText("Exporting…")
        WriteOp(self.ctx, work).progress(self._on_progress).success(self._on_done).failure(self._on_failed).run(
            initiator=self
        )

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_done(self, result: ExportResult) -> None:
        self._finish()
        self.last_result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        marking = f", marked {result.marking.value}" if result.marking else ""
        self.status.setText(f"Saved {result.path.name} ({result.count} {noun(result.kind)}{marking}).")
        self.open_folder.setVisible(True)
        self.open_folder.setFocus()
        self.exported.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, ExportCancelled):
            self.status.setText("Cancelled: nothing was written.")
        elif isinstance(error, ForumDeskError):
            self.status.setText(f"Not exported: {error}")
        else:
            log.error("export failed", exc_info=error)
            self.status.setText(f"Not exported: something unexpected went wrong ({type(error).__name__}); see the log.")

    def _finish(self) -> None:
        self._running = False
        self.export_button.setEnabled(True)
        self.close_button.setText("Close")

    def _on_close_clicked(self) -> None:
        if self._running:
            self._cancel.set()
            self.status.setText("Cancelling…")
            return
        self.accept()

    def reject(self) -> None:  # Esc or the window's close button: cancel a running export first
        self._on_close_clicked()

    def _on_open_folder_clicked(self) -> None:
        if self.last_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.path.parent)))
