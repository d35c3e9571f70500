"""The Circulate dialog: e-mail drafts of a meeting's agenda and papers, its draft minutes or the action log
to the forum's members (deputies in Cc), written as unsent ``.eml`` files for the mail program to send.

``CirculateDialog(ctx, parent, meeting_id=..., what=..., forum_id=...)``: the meeting page presets its
meeting, the forum page the action log of its latest held meeting, the File menu chooses the latest held
meeting of all. Before anything is written it previews who the drafts go to and names the members without an
e-mail address; ``services.mail.circulate`` writes them off the GUI thread (see ``mail_common``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from forumdesk.domain.model import Meeting
from forumdesk.services import Services
from forumdesk.services.mail import Circulation, MailResult, suggested_circulation
from forumdesk.ui.dialogs.base import named
from forumdesk.ui.dialogs.export_choices import exportable_meetings, latest_held, meeting_label
from forumdesk.ui.dialogs.mail_common import MailDialog, MailWork, Progress, display_names, names_line, plural
from forumdesk.ui.shell.context import AppContext

WHAT_LABELS = {
    Circulation.AGENDA: "Agenda and papers",
    Circulation.MINUTES: "Draft minutes",
    Circulation.ACTIONS: "Action log",
}


class CirculateDialog(MailDialog):
    COLUMNS = ("File", "Attachments", "Recipients")
    TITLE = "Circulate by e-mail"

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        meeting_id: int | None = None,
        what: Circulation | None = None,
        forum_id: int | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(ctx, parent, folder)
        meetings = exportable_meetings(self.services)
        if forum_id is not None:
            meetings = [m for m in meetings if m.forum_id == forum_id]
        self._meetings = meetings
        self.what = named(QComboBox(self), "mail_what", "What to circulate")
        self.meeting = named(QComboBox(self), "mail_meeting", "Meeting")
        for meeting in meetings:
            self.meeting.addItem(meeting_label(meeting), meeting.id)
        chosen = meeting_id if meeting_id is not None else getattr(latest_held(meetings), "id", None)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(chosen)))
        for value, label in WHAT_LABELS.items():
            self.what.addItem(label, value.value)
        first = what or suggested_circulation(self.chosen_meeting())
        self.what.setCurrentIndex(self.what.findData(first.value))
        self.form.addRow("&What", self.what)
        self.form.addRow("Mee&ting", self.meeting)
        self._finish_form()
        self.what.currentIndexChanged.connect(self._on_choice_changed)
        self.meeting.currentIndexChanged.connect(self.refresh_preview)
        if not meetings:
            self.create_button.setEnabled(False)
        self.what.setFocus()

    # -- the choices --------------------------------------------------------------------------------------
    @property
    def circulation(self) -> Circulation:
        return Circulation(self.what.currentData())

    def chosen_meeting(self) -> Meeting | None:
        meeting_id = self.meeting.currentData()
        return next((m for m in self._meetings if m.id == meeting_id), None)

    def fields(self) -> dict[str, QWidget]:
        return {**super().fields(), "meeting": self.meeting}

    def preview(self) -> tuple[str, str]:
        meeting = self.chosen_meeting()
        if meeting is None:
            return "There is no meeting to circulate papers of yet.", ""
        to, cc, missing = meeting_recipients(self.services, meeting)
        if not to and not missing:
            return f"{meeting.forum_name} has no current members: add them on its Members tab first.", ""
        lines = [f"To: {plural(len(to), 'member')}" + (f" — {names_line(to)}" if to else "")]
        if cc:
            lines.append(f"Cc: {plural(len(cc), 'deputy', 'deputies')} — {names_line(cc)}")
        self.recipients.setToolTip("\n".join([f"To: {', '.join(to)}", f"Cc: {', '.join(cc)}"]))
        warning = (f"No e-mail address for {names_line(missing, len(missing))}: "
                   "they will not get the draft." if missing else "")
        return "\n".join(lines), warning

    def work(self) -> MailWork | None:
        meeting = self.chosen_meeting()
        if meeting is None:
            self._say_not_written("choose a meeting")
            return None
        meeting_id, what = meeting.id, self.circulation

        def run(services: Services, folder: Path, progress: Progress) -> Any:
            return services.mail.circulate(meeting_id, what, folder, progress)

        return run

    def result_rows(self, result: MailResult) -> list[tuple[list[str], Path]]:
        rows = []
        for draft in result.drafts:
            recipients = f"To: {', '.join(display_names(draft.to))}"
            if draft.cc:
                recipients += f"; Cc: {', '.join(display_names(draft.cc))}"
            rows.append(([draft.path.name, str(len(draft.attachments)), recipients], draft.path))
        return rows


def meeting_recipients(services: Services, meeting: Meeting) -> tuple[list[str], list[str], list[str]]:
    """Who a circulation of ``meeting`` goes to, as the mail service will address it: the names in To (the
    forum's current members) and Cc (their deputies), and those without a usable address (named in the warning;
    the drafts leave them out)."""
    to, cc, missing = services.mail.recipients(services.forums.forum(meeting.forum_id))
    without = set(missing)
    return [p.name for p in to if p.name not in without], [p.name for p in cc if p.name not in without], missing
