"""File > Print… (Ctrl+P) and the meeting page's Print button: choose what to print (the minutes, the action
log or the board pack, as the Export dialog offers them), then the printer in Qt's print dialog.

The PDF is written by the same export as File > Export (``ExportJob`` through the ExportService: audited,
written off the GUI thread on the write lane); to the file chosen when the printer prints to a file, else to a
temp file handed to the system's print (``ui.shell.printing``). The status line says what happened in one line.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from forumdesk.domain.changes import nothing_changed
from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.model import Meeting
from forumdesk.domain.queries import ActionQuery
from forumdesk.services.exports import ExportFormat, ExportResult
from forumdesk.ui.dialogs.base import named
from forumdesk.ui.dialogs.export_choices import (
    KIND_LABELS,
    MEETING_KINDS,
    ExportJob,
    document_title,
    exportable_meetings,
    latest_held,
    meeting_label,
)
from forumdesk.ui.shell import printing
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp

__all__ = ["PRINT_KINDS", "PrintDialog"]

log = logging.getLogger(__name__)
PRINT_KINDS = ("minutes", "actions", "board-pack")


class PrintDialog(QDialog):
    printed = Signal(str)  # the one line said at the end

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, meeting_id: int | None = None,
        query: ActionQuery | None = None, kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = query or ActionQuery(open_only=True)
        self._running = False
        self.setWindowTitle("Print")
        self.setAccessibleName("Print")
        self._meetings = exportable_meetings(ctx.services)
        self.kind = named(QComboBox(self), "print_kind", "What to print")
        for k in PRINT_KINDS:
            if k == "actions" or self._meetings:
                self.kind.addItem(KIND_LABELS[k], k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind or ("minutes" if meeting_id else "actions"))))
        self.meeting = named(QComboBox(self), "print_meeting", "Meeting")
        for meeting in self._meetings:
            self.meeting.addItem(meeting_label(meeting), meeting.id)
        chosen = meeting_id if meeting_id is not None else getattr(latest_held(self._meetings), "id", None)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(chosen)))
        self.status = named(QLabel(self), "print_status", "Print status")
        self.status.setWordWrap(True)
        self.print_button = named(QPushButton("&Print…", self), "print_start", "Print")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self._on_print_clicked)
        close = named(QPushButton("Close", self), "print_close", "Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow("&What", self.kind)
        form.addRow("Mee&ting", self.meeting)
        self._form = form
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        self.resize(520, self.sizeHint().height())
        self.kind.setFocus()

    @property
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_meeting(self) -> Meeting | None:
        return next((m for m in self._meetings if m.id == self.meeting.currentData()), None)

    def _on_kind_changed(self) -> None:
        self._form.setRowVisible(self.meeting, self.current_kind in MEETING_KINDS)

    def _on_print_clicked(self) -> None:
        if self._running:
            return
        printer = printing.choose_printer(self)
        if printer is None:
            self.status.setText("Not printed: the print dialog was cancelled.")
            return
        meeting = self.chosen_meeting()
        title = document_title(self.current_kind, meeting, forum="", owner="")
        target = printing.print_target(printer, self.ctx.services.exports.suggested_name(title, ExportFormat.PDF))
        job = ExportJob(kind=self.current_kind, fmt=ExportFormat.PDF, target=target, marking=None, allow_lower=False,
                        query=self.query, group="forum", scope="", meeting_id=meeting.id if meeting else 0,
                        owner_id=0)
        work = job.work(threading.Event())
        self._running = True
        self.print_button.setEnabled(False)
        self.status.setText("Preparing the PDF to print…")
        WriteOp(self.ctx, lambda services, progress: nothing_changed(work(services, progress))).progress(
            lambda done, total: None
        ).success(lambda result: self._on_written(result, printer)).failure(self._on_failed).run(initiator=self)

    def _on_written(self, result: ExportResult, printer: QPrinter) -> None:
        self._finish(printing.send_to_printer(Path(result.path), printer))

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, ForumDeskError):
            log.error("printing failed", exc_info=error)
        self._finish(f"Not printed: {error}" if isinstance(error, ForumDeskError)
                     else f"Not printed: something unexpected went wrong ({type(error).__name__}); see the log.")

    def _finish(self, line: str) -> None:
        self._running = False
        self.print_button.setEnabled(True)
        self.status.setText(line)
        self.printed.emit(line)
