"""The meeting page (key ``"meeting"``): one meeting's agenda, attendance with live quorum, matters arising,
and the minutes' life cycle: live minutes (F5), close, mark circulated, circulate by e-mail, agree as a correct
record, export.
Planning from here: details (venue, link, marking), move or cancel this one meeting, plan a series.

The meetings list opens it with ``ctx.navigate("meeting", meeting_id=...)``. The header, the buttons and the
dialogs work from one read, ``services.meeting_views.meeting_view``, made on opening and after each change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.enums import MeetingStatus, MinutesStatus
from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.patches import MeetingPatch
from forumdesk.services import Services
from forumdesk.services.meeting_views import MeetingView
from forumdesk.ui.dialogs.chase_dialog import ChaseDialog
from forumdesk.ui.dialogs.circulate_dialog import CirculateDialog
from forumdesk.ui.dialogs.export_choices import KIND_LABELS
from forumdesk.ui.dialogs.export_dialog import ExportDialog
from forumdesk.ui.meeting.agenda_editor import AgendaEditor
from forumdesk.ui.meeting.attendance import AttendancePanel
from forumdesk.ui.meeting.capture import AgreeDialog, AmendDialog
from forumdesk.ui.meeting.common import early_close_warning, quorum_line, shortcut, write
from forumdesk.ui.meeting.live_minutes import LiveMinutesWindow
from forumdesk.ui.meeting.matters import MattersArisingPanel
from forumdesk.ui.meeting.planning import MeetingDetailsDialog, MoveMeetingDialog, PlanSeriesDialog
from forumdesk.ui.meeting.template_dialog import TemplateDialog
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.widgets.flow_layout import FlowLayout


class MeetingPage(QWidget):
    title = "Meeting"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.view: MeetingView | None = None  # the meeting, its forum and quorum, as last read
        self.live: LiveMinutesWindow | None = None
        self.dialog: Any = None
        self.heading = QLabel("Choose a meeting on the Meetings page", self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a forum's name or venue as typed (item 14)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020")
        make = self._button
        self.live_button = make("&Live minutes (F5)", self.open_live)
        self.close_button = make("&Close meeting", self.ask_close)
        self.circulate_button = make("Mark &circulated", lambda: self._lifecycle(_mark_circulated))
        self.mail_button = make("Circulate &by e-mail…", self.ask_circulate)
        self.chase_button = make("Chase o&wners…", self.ask_chase)
        self.agree_button = make("A&gree as a correct record…", self.ask_agree)
        self.export_button = make("&Export minutes…", self.ask_export)
        self.print_button = make("&Print…", self.ask_print)
        self.amend_button = make("Record an a&mendment…", self.ask_amend)
        self.details_button = make("&Details…", self.ask_details)
        self.move_button = make("M&ove…", self.ask_move)
        self.cancel_button = make("Ca&ncel meeting…", self.ask_cancel)
        self.series_button = make("Plan a &series…", self.ask_series)
        self.template_button = make("Standing &items…", self.ask_template)
        buttons = FlowLayout()  # the rows wrap on a small or scaled screen (issue 15 item 4)
        for button in (
            self.live_button,
            self.close_button,
            self.circulate_button,
            self.mail_button,
            self.chase_button,
            self.agree_button,
            self.amend_button,
            self.export_button,
            self.print_button,
        ):
            buttons.addWidget(button)
        planning = FlowLayout()
        for button in (
            self.details_button,
            self.move_button,
            self.cancel_button,
            self.series_button,
            self.template_button,
        ):
            planning.addWidget(button)
        self.agenda = AgendaEditor(ctx, self)
        self.attendance = AttendancePanel(ctx, self)
        self.matters = MattersArisingPanel(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.agenda, "&Agenda")
        self.tabs.addTab(self.attendance, "A&ttendance and quorum")
        self.tabs.addTab(self.matters, "&Matters arising")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        layout.addLayout(planning)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        shortcut("F5", self, self.open_live)
        ctx.changes_applied.connect(self._on_changes)
        self._update_buttons()

    def show_filtered(self, meeting_id: int | None = None, **_filters: Any) -> None:
        if meeting_id is None:
            return
        try:
            view = self.ctx.services.meeting_views.meeting_view(int(meeting_id))
        except ForumDeskError as error:  # deleted meanwhile, or a stale link: say so, keep the page usable
            self.meeting_id, self.view = None, None
            self.heading.setText("Meeting not found")
            self.info.setText(str(error))
            self._update_buttons()
            return
        self.meeting_id, self.view = int(meeting_id), view
        for panel in (self.agenda, self.attendance, self.matters):
            panel.set_meeting(self.meeting_id)
        self._show_header()

    def refresh_header(self) -> None:
        """Read the meeting again (one query) and show it."""
        if self.meeting_id is None:
            return
        self.view = self.ctx.services.meeting_views.meeting_view(self.meeting_id)
        self._show_header()

    def _show_header(self) -> None:
        if self.view is None:
            return
        meeting = self.view.meeting
        self.heading.setText(f"{meeting.forum_name} — {meeting.starts_at:%A %d/%m/%Y %H:%M}")
        place = meeting.venue or meeting.link or "no venue yet"
        agreed = f" on {meeting.agreed_on:%d/%m/%Y}" if meeting.agreed_on else ""
        self.info.setText(
            f"{place} · {meeting.marking.value} · {meeting.status.value.capitalize()} · "
            f"minutes: {meeting.minutes_status.label}{agreed} · {quorum_line(self.view.quorum)}"
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        meeting = self.view.meeting if self.view is not None and self.meeting_id else None
        status = meeting.minutes_status if meeting else None
        self.live_button.setEnabled(meeting is not None and status is not MinutesStatus.AGREED)
        self.close_button.setEnabled(
            meeting is not None and status is MinutesStatus.NONE and meeting.status is not MeetingStatus.CANCELLED
        )
        self.circulate_button.setEnabled(status is MinutesStatus.DRAFT)
        self.agree_button.setEnabled(status in (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED))
        self.export_button.setEnabled(meeting is not None)
        self.print_button.setEnabled(meeting is not None)
        self.mail_button.setEnabled(meeting is not None and meeting.status is not MeetingStatus.CANCELLED)
        self.chase_button.setEnabled(meeting is not None)
        self.amend_button.setEnabled(status is MinutesStatus.AGREED)
        planned = meeting is not None and meeting.status is MeetingStatus.PLANNED
        # a held meeting's date can still be corrected until its minutes are agreed (issue 15 item 7)
        self.move_button.setEnabled(planned or (meeting is not None and meeting.status is MeetingStatus.HELD
                                                and status is not MinutesStatus.AGREED))
        self.cancel_button.setEnabled(planned and status is MinutesStatus.NONE)
        self.details_button.setEnabled(meeting is not None and status is not MinutesStatus.AGREED)
        self.series_button.setEnabled(meeting is not None)
        self.template_button.setEnabled(meeting is not None)

    def _on_changes(self, changes: Changes) -> None:
        if self.meeting_id is None or not (
            changes.meetings or changes.agenda or changes.attendance or changes.minutes or changes.actions
        ):
            return
        self.refresh_header()
        if changes.agenda or changes.minutes:
            self.agenda.refresh()
        if changes.attendance:
            self.attendance.refresh()
        if changes.actions or changes.minutes:
            self.matters.refresh()

    # -- the minutes' life ------------------------------------------------------------------------------
    def open_live(self) -> None:
        if self.meeting_id is None or not self.live_button.isEnabled():
            return
        self.live = LiveMinutesWindow(self.ctx, self.meeting_id, self)
        self.live.show()
        self.live.activateWindow()

    def _lifecycle(self, fn: Any) -> None:
        meeting_id = self.meeting_id
        if meeting_id is not None:
            write(self.ctx, lambda s: fn(s, meeting_id), error_label=self.error_label)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        push = QPushButton(text, self)
        push.clicked.connect(lambda _checked=False: slot())
        return push

    def _step_on_accept(self, dialog: QDialog, step: Callable[[], Step]) -> None:
        """Open ``dialog``; when it is accepted, take the lifecycle step ``step()`` reads from it (on OK, not
        before: the values are the ones typed)."""
        dialog.accepted.connect(lambda: self._lifecycle(step()))
        self._open(dialog)

    def _confirm_lifecycle(
        self, icon: QMessageBox.Icon, title: str, text: str, default: QMessageBox.StandardButton, fn: Any
    ) -> None:
        """Ask Ok or Cancel (``default`` chosen by Enter); on Ok, take the meeting's lifecycle step ``fn``."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(default)
        box.accepted.connect(lambda: self._lifecycle(fn))
        self._open(box)

    def ask_close(self) -> None:
        """Close the meeting; one dated after today is closed only once the secretary confirms (issue 15 item 7)."""
        if self.view is None:
            return
        meeting = self.view.meeting
        warning = early_close_warning(meeting.starts_at.date(), self.ctx.today())
        if not warning:
            self._lifecycle(lambda s, m: s.cycle.close(m))
            return
        self._confirm_lifecycle(QMessageBox.Icon.Warning, "Close the meeting", warning,
                                QMessageBox.StandardButton.Cancel, lambda s, m: s.cycle.close(m))

    def ask_agree(self) -> None:
        if self.view is None:
            return
        meeting = self.view.meeting
        dialog = AgreeDialog(f"{meeting.starts_at:%d/%m/%Y}", self)
        self._step_on_accept(dialog, lambda: partial(_agree, amendments=dialog.amendments.text()))

    def ask_amend(self) -> None:
        if self.meeting_id is None:
            return
        items = [(i.id, f"{i.minute_ref} {i.title}", i.notes) for i in self.ctx.services.cycle.items(self.meeting_id)]
        dialog = AmendDialog(items, self)

        def accepted() -> None:
            item_id, notes, reason = dialog.item_id(), dialog.notes.toPlainText(), dialog.reason.text()
            write(self.ctx, lambda s: s.room.amend_notes(item_id, notes, reason), error_label=self.error_label)

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def ask_export(self) -> None:
        """The one Export dialog, on this meeting's minutes (its board pack one choice away)."""
        if self.meeting_id is None:
            return
        dialog = ExportDialog(self.ctx, self, meeting_id=self.meeting_id, kind="minutes")
        dialog.exported.connect(
            lambda result: self.ctx.status_message.emit(f"{KIND_LABELS[result.kind]} exported to {result.path}")
        )
        self._open(dialog)

    def ask_print(self) -> None:
        """Print this meeting's minutes (its board pack or the action log one choice away)."""
        if self.meeting_id is None:
            return
        from forumdesk.ui.dialogs.print_dialog import PrintDialog

        dialog = PrintDialog(self.ctx, self, meeting_id=self.meeting_id, kind="minutes")
        dialog.printed.connect(self.ctx.status_message.emit)
        self._open(dialog)

    def ask_circulate(self) -> None:
        """E-mail drafts of this meeting's agenda and papers, draft minutes or action log to its members."""
        if self.meeting_id is None or not self.mail_button.isEnabled():
            return
        self._open(CirculateDialog(self.ctx, self, meeting_id=self.meeting_id))

    def ask_chase(self) -> None:
        """Chasers to every owner of an open action of this meeting's forum, before the meeting or after it."""
        if self.view is None or not self.chase_button.isEnabled():
            return
        self._open(ChaseDialog(self.ctx, self, forum_id=self.view.meeting.forum_id))

    # -- planning ---------------------------------------------------------------------------------------
    def ask_move(self) -> None:
        if self.view is None:
            return
        dialog = MoveMeetingDialog(self.view.meeting, self)
        self._step_on_accept(dialog, lambda: partial(_move, starts=dialog.starts_at(), venue=dialog.venue.text()))

    def ask_details(self) -> None:
        if self.view is None:
            return
        dialog = MeetingDetailsDialog(self.view.meeting, self.view.forum.marking, self)
        self._step_on_accept(dialog, lambda: partial(_edit, patch=dialog.values()))

    def ask_cancel(self) -> None:
        if self.meeting_id is None:
            return
        self._confirm_lifecycle(
            QMessageBox.Icon.Question, "Cancel the meeting",
            "Cancel this meeting? Only this one is cancelled; the rest of its series stays planned.",
            QMessageBox.StandardButton.Ok, lambda s, m: s.cycle.cancel(m),
        )

    def ask_series(self) -> None:
        if self.view is None:
            return
        forum = self.view.forum
        forum_id = forum.id
        dialog = PlanSeriesDialog(forum.name, self.ctx.today(), self)

        def accepted() -> None:
            rule, first, count = dialog.rule(), dialog.first_month(), dialog.count.value()
            venue, link = dialog.venue.text(), dialog.link.text()
            write(
                self.ctx,
                lambda s: s.cycle.plan_series(forum_id, rule, first, count, venue=venue, link=link),
                on_done=lambda value: self.ctx.status_message.emit(f"{len(value)} meetings planned"),
                error_label=self.error_label,
            )

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def ask_template(self) -> None:
        """The forum's standing items, used for its next meetings (this meeting's agenda is not changed)."""
        if self.view is None:
            return
        forum = self.view.forum
        dialog = TemplateDialog(forum.name, self.ctx.services.cycle.template(forum.id), self)

        def accepted() -> None:
            items = dialog.template()
            write(
                self.ctx,
                lambda s: s.cycle.set_template(forum.id, items),
                error_label=self.error_label,
                on_done=lambda _r: self.ctx.status_message.emit("Standing items saved for the next meetings"),
            )

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def _open(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_finished(dialog))
        dialog.open()
        dialog.activateWindow()

    def _dialog_finished(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.activateWindow()  # WORKAROUND: see attendance.AttendancePanel._ask (offscreen popups keep activation)


Step = Callable[[Services, int], Outcome[Any]]  # a lifecycle step of the meeting with this id


def _mark_circulated(services: Services, meeting_id: int) -> Outcome[None]:
    return services.cycle.mark_circulated(meeting_id)


def _agree(services: Services, meeting_id: int, *, amendments: str) -> Outcome[None]:
    return services.cycle.agree(meeting_id, amendments)


def _move(services: Services, meeting_id: int, *, starts: datetime, venue: str) -> Outcome[None]:
    return services.cycle.move(meeting_id, starts, venue=venue)


def _edit(services: Services, meeting_id: int, *, patch: MeetingPatch) -> Outcome[None]:
    return services.cycle.edit_meeting(meeting_id, patch)
