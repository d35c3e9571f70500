"""One forum's page: its register entry, members, meetings and actions, with the buttons that change them, chase
its action owners and circulate its action log by e-mail."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.dates import format_uk_date, format_uk_datetime
from forumdesk.domain.enums import MeetingStatus
from forumdesk.domain.model import Aim, Forum, Meeting, Membership
from forumdesk.domain.patches import MembershipPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services.mail import Circulation
from forumdesk.ui.dialogs.chase_dialog import ChaseDialog
from forumdesk.ui.dialogs.circulate_dialog import CirculateDialog
from forumdesk.ui.dialogs.forum_dialog import ForumDialog
from forumdesk.ui.dialogs.membership_dialog import MembershipDialog
from forumdesk.ui.models.records import Column, RecordTableModel, sorting_proxy
from forumdesk.ui.pages._action_list import ActionListPanel
from forumdesk.ui.pages._common import fit_columns, heading, muted_label, record_table, selected_record
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp

MEMBER_COLUMNS: list[Column[Membership]] = [
    Column("Name", lambda m: m.person_name),
    Column("Role", lambda m: m.role),
    Column("Agency", lambda m: m.organisation, tooltip=True),
    Column("Deputy", lambda m: m.deputy_name),
    Column("Decides", lambda m: "Yes" if m.decision_maker else "No"),
    Column("From", lambda m: format_uk_date(m.from_date), lambda m: m.from_date.isoformat() if m.from_date else ""),
    Column("Left", lambda m: format_uk_date(m.to_date), lambda m: m.to_date.isoformat() if m.to_date else ""),
]
MEETING_COLUMNS: list[Column[Meeting]] = [
    Column("Date", lambda m: format_uk_datetime(m.starts_at), lambda m: m.starts_at.isoformat()),
    Column("Title", lambda m: m.title or "Meeting"),
    Column("Venue", lambda m: m.venue or m.link, tooltip=True),
    Column("Status", lambda m: m.status.value.capitalize()),
    Column("Minutes", lambda m: m.minutes_status.label),
]


class ForumView(QWidget):
    """Shows one forum; ``forum_selected`` asks the register to move to another (a parent link)."""

    forum_selected = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.forum: Forum | None = None
        self.title = heading("", self)
        self.title.setWordWrap(True)
        self.subtitle = muted_label("", self)
        self.subtitle.setAccessibleName("Forum summary")
        self.edit_button = _button("&Edit…", "Edit this forum", self)
        self.member_button = _button("Add &member…", "Add a member to this forum", self)
        self.local_button = _button("Add &local body…", "Add a local forum of this family", self)
        self.archive_button = _button("&Archive", "Archive or restore this forum", self)
        self.chase_button = _button("C&hase owners…", "E-mail drafts chasing this forum's action owners", self)
        self.circulate_button = _button("&Circulate action log…", "E-mail drafts of the action log to the members",
                                        self)
        self.chase_button.clicked.connect(self.ask_chase)
        self.circulate_button.clicked.connect(self.ask_circulate)
        self.dialog: QWidget | None = None  # the chase or circulate dialog open (reachable by tests)
        self.edit_button.clicked.connect(self.edit)
        self.member_button.clicked.connect(self.add_member)
        self.local_button.clicked.connect(self._on_local_clicked)
        self.archive_button.clicked.connect(self._on_archive_clicked)
        self.overview = _Overview(self)
        self.overview.parent_link.linkActivated.connect(lambda link: self.forum_selected.emit(int(link)))
        self.members = RecordTableModel(MEMBER_COLUMNS, self)
        self.members.set_muted(lambda m: m.to_date is not None)
        self.members_view = record_table("Members", self)
        self.members_view.setModel(sorting_proxy(self.members, self))
        fit_columns(self.members_view, [24, 12, 28, 20, 7, 10, 10])
        self.left_button = _button("Member &left…", "Record that the selected member has left", self)
        self.left_button.clicked.connect(self._on_member_left_clicked)
        self.meetings = RecordTableModel(MEETING_COLUMNS, self)
        self.meetings_view = record_table("Meetings", self)
        self.meetings_view.setModel(sorting_proxy(self.meetings, self))
        self.meetings_view.doubleClicked.connect(self._on_meeting_activated)
        fit_columns(self.meetings_view, [17, 30, 30, 10])
        self.action_list = ActionListPanel(ctx, forum=False, owner=True, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Forum details")
        self.tabs.addTab(self.overview, "Overview")
        self.tabs.addTab(_with_buttons(self.members_view, [self.member_button, self.left_button]), "Members")
        self.tabs.addTab(self.meetings_view, "Meetings")
        self.tabs.addTab(self.action_list, "Actions")
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.local_button, self.archive_button, self.chase_button,
                       self.circulate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.show_forum(None)

    # -- showing ------------------------------------------------------------------------------------------
    def show_forum(self, forum_id: int | None) -> None:
        services = self._ctx.services
        forum = services.forums.forum(forum_id) if forum_id is not None else None
        self.forum = forum
        for button in (self.edit_button, self.member_button, self.archive_button, self.left_button,
                       self.chase_button):
            button.setEnabled(forum is not None)
        self.circulate_button.setEnabled(False)  # until its meetings are read: one must be held or planned
        self.local_button.setVisible(forum is not None and forum.is_family)
        if forum is None:
            self.title.setText("No forum chosen")
            self.subtitle.setText("Choose a forum in the register, or add one with Ctrl+N.")
            self.members.set_records([])
            self.meetings.set_records([])
            return
        self.title.setText(forum.name + (" (archived)" if forum.archived else ""))
        self.subtitle.setText(_subtitle(forum))
        self.archive_button.setText("&Restore" if forum.archived else "&Archive")
        members = services.forums.members(forum.id)
        meetings = services.meetings.meetings(forum_id=forum.id)
        self.members.set_records(members)
        self.meetings.set_records(meetings)
        self.circulate_button.setEnabled(any(m.status is not MeetingStatus.CANCELLED for m in meetings))
        self.meetings_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.overview.show_forum(forum, services.forums.aims(forum.id), bool(services.forums.own_aims(forum.id)),
                                 self._ctx.today())
        self.action_list.load(ActionQuery(forum_ids=(forum.id,)))
        self.overview.show_activity(members, meetings, self.action_list.counts_text(), self._ctx.today())
        current = sum(1 for m in members if m.to_date is None)
        self.tabs.setTabText(1, f"Members ({current})")
        self.tabs.setTabText(2, f"Meetings ({len(meetings)})")
        self.tabs.setTabText(3, f"Actions ({self.action_list.total:,})")

    # -- changing -----------------------------------------------------------------------------------------
    def edit(self) -> None:
        if self.forum is not None:
            ForumDialog(self._ctx, self.forum, self).open()

    def add_member(self) -> None:
        if self.forum is not None:
            self.tabs.setCurrentIndex(1)
            MembershipDialog(self._ctx, self.forum, self).open()

    def ask_chase(self) -> None:
        """One e-mail draft to each owner of this forum's open actions, asking for their updates."""
        if self.forum is not None:
            self._open(ChaseDialog(self._ctx, self, forum_id=self.forum.id))

    def ask_circulate(self) -> None:
        """The action log, as of this forum's latest held meeting, in an e-mail draft to its members."""
        if self.forum is not None and self.circulate_button.isEnabled():
            self._open(CirculateDialog(self._ctx, self, forum_id=self.forum.id, what=Circulation.ACTIONS))

    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]
        self.dialog = dialog

    def _on_local_clicked(self) -> None:
        if self.forum is not None:
            dialog = ForumDialog(self._ctx, None, self, parent_id=self.forum.id)
            dialog.saved.connect(self.forum_selected.emit)
            dialog.open()

    def _on_archive_clicked(self) -> None:
        forum = self.forum
        if forum is None:
            return
        archived = not forum.archived
        verb = "Archive" if archived else "Restore"
        ctx = self._ctx

        WriteOp(ctx, lambda s: s.forums.archive(forum.id, archived)).success(
            lambda _: ctx.status_message.emit(f"{verb}d {forum.name}. Edit > Undo reverses it.")
        ).failure(lambda error: ctx.status_message.emit(f"Could not {verb.lower()}: {error}")).run(initiator=self)

    def _on_member_left_clicked(self) -> None:
        member: Membership | None = selected_record(self.members_view)
        if member is None or member.to_date is not None:
            self._ctx.status_message.emit("Choose a current member first.")
            return
        ctx, today = self._ctx, self._ctx.today()
        WriteOp(ctx, lambda s: s.forums.update_member(member.id, MembershipPatch(to_date=today))).failure(
            lambda error: ctx.status_message.emit(f"Could not record it: {error}")
        ).run(initiator=self)

    def _on_meeting_activated(self) -> None:
        meeting: Meeting | None = selected_record(self.meetings_view)
        if meeting is not None:
            self._ctx.navigate("meeting", meeting_id=meeting.id)


class _Overview(QScrollArea):
    """The register entry as a read-only form, and the strategy it serves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Forum overview")
        body = QWidget(self)
        self.form = QFormLayout(body)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.labels: dict[str, QLabel] = {}
        for key in ("Purpose", "Terms of reference", "Meets", "Next meeting", "Last meeting", "Members",
                    "Quorum rule", "Actions", "Default marking", "Review date", "Parent forum", "District",
                    "Priority areas", "Aims"):
            label = QLabel(body)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.setAccessibleName(key)
            self.form.addRow(f"<b>{key}</b>", label)
            self.labels[key] = label
        self.parent_link = self.labels["Parent forum"]
        self.setWidget(body)

    def show_forum(self, forum: Forum, aims: list[Aim], own_aims: bool, today: date) -> None:
        none = "<i>Not recorded</i>"
        review = format_uk_date(forum.review_date)
        if forum.review_date and forum.review_date < today:
            review += " <b>(review overdue)</b>"
        parent = f'<a href="{forum.parent_id}">{_esc(forum.parent_name)}</a>' if forum.parent_id else "None"
        values = {
            "Purpose": _esc(forum.purpose) or none,
            "Terms of reference": _esc(forum.terms_of_reference).replace("\n", "<br>") or none,
            "Meets": _esc(forum.frequency) or none,
            "Quorum rule": forum.quorum.describe(),
            "Default marking": forum.marking.value,
            "Review date": review or none,
            "Parent forum": parent,
            "District": _esc(forum.district) or "County-wide",
            "Priority areas": "<br>".join(map(_esc, forum.priorities)) or "<i>None linked</i>",
            "Aims": _aims_html(aims, own_aims),
        }
        for key, text in values.items():
            self.labels[key].setText(text)

    def show_activity(self, members: list[Membership], meetings: list[Meeting], actions: str, today: date) -> None:
        """The figures a secretary looks for first: who sits, when it next meets, how the actions stand."""
        current = [m for m in members if m.to_date is None]
        agencies = {m.organisation for m in current if m.organisation}
        deciding = {m.organisation for m in current if m.organisation and m.decision_maker}
        self.labels["Members"].setText(
            f"{len(current)} current, from {len(agencies)} agencies ({len(deciding)} with a decision-maker)"
            if current else "<i>No members recorded: add them on the Members tab</i>")
        upcoming = [m for m in meetings if m.status is MeetingStatus.PLANNED and m.starts_at.date() >= today]
        held = [m for m in meetings if m.status is MeetingStatus.HELD]
        nxt = min(upcoming, key=lambda m: m.starts_at, default=None)
        last = max(held, key=lambda m: m.starts_at, default=None)
        self.labels["Next meeting"].setText(
            f"{format_uk_datetime(nxt.starts_at)}, {_esc(nxt.venue or nxt.link or 'venue not set')}" if nxt
            else "<i>None planned</i>")
        self.labels["Last meeting"].setText(
            f"{format_uk_datetime(last.starts_at)}; minutes {last.minutes_status.label.lower()}" if last
            else "<i>None held yet</i>")
        self.labels["Actions"].setText(actions or "None yet")


def _aims_html(aims: list[Aim], own: bool) -> str:
    if not aims:
        return "<i>None linked</i>"
    note = "" if own else "<i>All the aims of its priority areas:</i><br>"
    return note + "<br>".join(f"<b>{_esc(a.code)}</b> {_esc(a.text)}" for a in aims)


def _subtitle(forum: Forum) -> str:
    parts = [forum.kind or "Forum"]
    if forum.parent_name:
        parts.append(f"reports to {forum.parent_name}")
    if forum.district:
        parts.append(forum.district)
    parts.append(forum.marking.value)
    if forum.short_code:
        parts.append(f"refs {forum.short_code}/yy/nnn")
    return " · ".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    return button


def _with_buttons(view: QWidget, buttons: list[QPushButton]) -> QWidget:
    box = QWidget(view.parentWidget())
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(box)
    layout.addLayout(row)
    layout.addWidget(view, 1)
    return box
