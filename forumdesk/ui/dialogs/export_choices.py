"""What the Export dialog offers and what it runs: the documents, their formats (minutes and agenda also as
Word), the meetings a minutes, agenda or board pack can be of, the title a suggested file name is made from,
and the job that writes the file off the GUI thread. Kept apart from the dialog's widgets so the choices can be
read (and tested) on their own."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import Marking, MeetingStatus
from forumdesk.domain.model import Meeting
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.export_process import export_actions
from forumdesk.services.exports import ExportCancelled, ExportFormat, ExportResult

KIND_LABELS = {
    "actions": "Action log",
    "minutes": "Minutes",
    "board-pack": "Board pack",
    "agenda": "Agenda",
    "owner": "Chase list (one person's actions)",
    "calendar": "Calendar of meetings",
}
FORMATS = {
    "actions": (ExportFormat.XLSX, ExportFormat.PDF, ExportFormat.CSV),
    "minutes": (ExportFormat.PDF, ExportFormat.DOCX),
    "agenda": (ExportFormat.PDF, ExportFormat.DOCX),
    "board-pack": (ExportFormat.PDF,),
    "owner": (ExportFormat.PDF, ExportFormat.XLSX),
    "calendar": (ExportFormat.ICS,),
}
FORMAT_LABELS = {
    ExportFormat.XLSX: "Excel workbook (.xlsx)",
    ExportFormat.PDF: "PDF (.pdf)",
    ExportFormat.CSV: "CSV, UTF-8 (.csv)",
    ExportFormat.ICS: "iCalendar (.ics)",
    ExportFormat.DOCX: "Word (.docx)",
}
GROUPS = (("forum", "Forum"), ("owner", "Owner"), ("", "No grouping"))
MEETING_KINDS = ("minutes", "agenda", "board-pack")


def exportable_meetings(services: Services) -> list[Meeting]:
    """The meetings a minutes or board pack can be exported of: every one not cancelled, latest first."""
    meetings = [m for m in services.meetings.meetings() if m.status is not MeetingStatus.CANCELLED]
    return sorted(meetings, key=lambda m: m.starts_at, reverse=True)


def latest_held(meetings: list[Meeting]) -> Meeting | None:
    """The meeting preselected when none was chosen: the latest held one (else the latest of all)."""
    return next((m for m in meetings if m.status is MeetingStatus.HELD), meetings[0] if meetings else None)


def meeting_label(meeting: Meeting) -> str:
    title = f" — {meeting.title}" if meeting.title else ""
    return f"{format_uk_date(meeting.starts_at.date())} · {meeting.forum_name}{title}"


def document_title(
    kind: str, meeting: Meeting | None = None, person: str = "", forum: str = "", owner: str = ""
) -> str:
    """The words a suggested file name starts with (the service adds today's date and the extension)."""
    if kind == "actions":
        return f"Action log {forum or 'all forums'}" + (f" owned by {owner}" if owner else "")
    if kind in MEETING_KINDS and meeting is not None:
        what = KIND_LABELS[kind]
        return f"{what} {meeting.forum_name} {meeting.starts_at:%Y-%m-%d}"
    if kind == "owner" and person:
        return f"Actions for {person}"
    return "Meetings"


@dataclass(frozen=True)
class ExportJob:
    """Everything chosen in the dialog, read on the GUI thread; ``work`` runs on a task thread."""

    kind: str
    fmt: ExportFormat
    target: Path
    marking: Marking | None  # None: the records' own
    allow_lower: bool
    query: ActionQuery
    group: str
    scope: str
    meeting_id: int
    owner_id: int

    def work(self, cancel: threading.Event) -> Callable[[Services, Any], ExportResult]:
        job = self

        def run(services: Services, emit: Any) -> ExportResult:
            def progress(done: int, total: int) -> None:
                if cancel.is_set():
                    raise ExportCancelled()
                emit(done, total)

            progress(0, 0)
            exports, level, lower = services.exports, job.marking, job.allow_lower
            if job.kind == "actions":  # a big log is written in a child process: the window stays responsive
                return export_actions(services, job.query, job.fmt, job.target, progress, marking=level,
                                      allow_lower=lower, group_by=job.group, scope=job.scope)
            if job.kind == "minutes":
                return exports.export_minutes(job.meeting_id, job.target, marking=level, allow_lower=lower,
                                              fmt=job.fmt)
            if job.kind == "agenda":
                return exports.export_agenda(job.meeting_id, job.target, fmt=job.fmt, marking=level,
                                             allow_lower=lower)
            if job.kind == "board-pack":
                return exports.export_board_pack(job.meeting_id, job.target, marking=level, allow_lower=lower)
            if job.kind == "owner":
                return exports.export_owner(job.owner_id, job.fmt, job.target, marking=level, allow_lower=lower)
            return exports.export_calendar(job.target)

        return run


def confirm_overwrite(parent: QWidget, target: Path) -> bool:
    """True when ``target`` is free, or its owner agreed to replace it; No is the default (issue 15 item 12)."""
    if not target.exists():
        return True
    answer = QMessageBox.question(
        parent, "Replace the file?", f"{target.name} already exists in {target.parent}. Replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def noun(kind: str) -> str:
    return {"minutes": "items", "agenda": "items", "calendar": "meetings"}.get(kind, "actions")


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()
