"""Meetings by month, filterable by forum and period. Double-click (or Enter) opens the meeting's own screen
(``ctx.navigate("meeting", meeting_id=...)``); Ctrl+N plans a meeting; Ctrl+F goes to the forum filter."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.dates import format_uk_datetime
from forumdesk.domain.enums import MeetingStatus, MinutesStatus
from forumdesk.domain.model import Meeting
from forumdesk.ui.dialogs.meeting_dialog import PlanMeetingDialog
from forumdesk.ui.models.roles import MEETING_ROLE, MONTH_ROLE
from forumdesk.ui.pages._common import KeptCurrent, heading, muted_label, record_tree, shortcut, tab_order
from forumdesk.ui.shell.context import AppContext

HEADERS = ("Date", "Forum", "Venue", "Status", "Minutes")
ALL, UPCOMING, THIS_MONTH_ON, PAST, AWAITING = range(5)
PERIODS = ("All meetings", "Still to come", "From this month on", "Past meetings", "Minutes awaiting approval")
_STATUS = {MeetingStatus.PLANNED: "Planned", MeetingStatus.HELD: "Held", MeetingStatus.CANCELLED: "Cancelled"}


def month_title(day: date, count: int) -> str:
    return f"{day:%B %Y} ({count} meeting{'s' if count != 1 else ''})"


def in_period(meeting: Meeting, period: int, today: date) -> bool:
    day = meeting.starts_at.date()
    if period == UPCOMING:
        return day >= today and meeting.status is MeetingStatus.PLANNED
    if period == THIS_MONTH_ON:
        return day >= today.replace(day=1)
    if period == PAST:
        return day < today
    if period == AWAITING:
        return meeting.minutes_status in (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED)
    return True


class MeetingsPage(QWidget):
    title = "Meetings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.current = KeptCurrent(
            self, ctx, lambda c: bool(c.meetings or c.forums or c.minutes), lambda: self.reload()
        )
        self.heading = heading("Meetings", self)
        self.forum = QComboBox(self)
        self.forum.setAccessibleName("Forum filter")
        self.forum.setMinimumContentsLength(24)
        self.forum.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period = QComboBox(self)
        self.period.setAccessibleName("Which meetings")
        self.period.addItems(list(PERIODS))
        self.plan_button = QPushButton("&Plan meeting…", self)
        self.plan_button.setAccessibleName("Plan a meeting")
        self.count_label = muted_label("", self)
        self.model = QStandardItemModel(self)
        self.tree = record_tree("Meetings by month", self.model, self)
        self.tree.setUniformRowHeights(True)
        self.tree.setToolTip("Double-click a meeting, or press Enter, to open it")
        self._build()
        self.forum.currentIndexChanged.connect(self._load_meetings)
        self.period.currentIndexChanged.connect(self._load_meetings)
        self.plan_button.clicked.connect(self.new_item)
        self.tree.activated.connect(self._on_tree_activated)
        shortcut("Ctrl+N", self, self.new_item)
        shortcut("Ctrl+F", self, self.focus_search)
        self.reload()

    def _build(self) -> None:
        bar = QHBoxLayout()
        forum_label = QLabel("&Forum:", self)
        forum_label.setBuddy(self.forum)
        show_label = QLabel("&Show:", self)
        show_label.setBuddy(self.period)
        for widget in (forum_label, self.forum, show_label, self.period):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.plan_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count_label)
        tab_order(self.forum, self.period, self.plan_button, self.tree)

    # -- page protocol ------------------------------------------------------------------------------------
    def show_filtered(self, **filters: Any) -> None:
        """``forum_id`` filters to one forum; ``upcoming=True`` shows meetings still to come,
        ``awaiting_approval=True`` those whose minutes are not yet agreed; ``meeting_id`` selects one."""
        if "forum_id" in filters:
            index = self.forum.findData(filters["forum_id"])
            self.forum.setCurrentIndex(max(index, 0))
        if filters.get("upcoming"):
            self.period.setCurrentIndex(UPCOMING)
        if filters.get("awaiting_approval"):
            self.period.setCurrentIndex(AWAITING)
        if filters.get("meeting_id") is not None:
            self.select_meeting(int(filters["meeting_id"]))
        if filters.get("new"):  # the Dashboard's "Getting started": straight to planning a meeting
            self.new_item()

    def focus_search(self) -> None:
        self.forum.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_item(self) -> None:
        dialog = PlanMeetingDialog(self._ctx, self, forum_id=self.forum.currentData())
        dialog.saved.connect(self.select_meeting)
        dialog.open()

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.forum.currentData()
        self.forum.blockSignals(True)
        self.forum.clear()
        self.forum.addItem("All forums", None)
        for forum in self._ctx.services.forums.forums(include_archived=False):
            self.forum.addItem(forum.name, forum.id)
        self.forum.setCurrentIndex(max(self.forum.findData(current), 0))
        self.forum.blockSignals(False)
        self._load_meetings()

    def _load_meetings(self) -> None:
        self.current.fresh()
        today = self._ctx.today()
        meetings = [m for m in self._ctx.services.meetings.meetings(forum_id=self.forum.currentData())
                    if in_period(m, self.period.currentIndex(), today)]
        self.model.clear()
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        this_month: QStandardItem | None = None
        for (year, month), group in groupby(meetings, key=lambda m: (m.starts_at.year, m.starts_at.month)):
            rows = list(group)
            month_item = QStandardItem(month_title(date(year, month, 1), len(rows)))
            month_item.setEditable(False)
            month_item.setData((year, month), MONTH_ROLE)
            bold = QFont(self.font())
            bold.setBold(True)
            month_item.setFont(bold)
            for meeting in rows:
                month_item.appendRow(self._row(meeting, today))
            self.model.appendRow(month_item)
            if this_month is None and (year, month) >= (today.year, today.month):
                this_month = month_item
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        self._size_columns()
        if this_month is not None:
            index = QPersistentModelIndex(this_month.index())
            # once the view is laid out, or the scroll lands short
            QTimer.singleShot(0, lambda: self._scroll_to(index))
        self.count_label.setText(_count_text(meetings, today))

    def _row(self, meeting: Meeting, today: date) -> list[QStandardItem]:
        minutes = "–" if meeting.minutes_status is MinutesStatus.NONE else meeting.minutes_status.label
        forum = meeting.forum_name + (f" — {meeting.title}" if meeting.title else "")
        texts = (format_uk_datetime(meeting.starts_at), forum, meeting.venue or meeting.link or "Not set",
                 _STATUS[meeting.status], minutes)
        cells = [QStandardItem(text) for text in texts]
        muted = meeting.status is MeetingStatus.CANCELLED
        for cell in cells:
            cell.setEditable(False)
            cell.setData(meeting.id, MEETING_ROLE)
            if muted:
                font = QFont(self.font())
                font.setItalic(True)
                cell.setFont(font)
        cells[1].setToolTip(forum)
        cells[2].setToolTip(meeting.venue + (f"\n{meeting.link}" if meeting.link else ""))
        if meeting.starts_at.date() == today:
            cells[0].setText(cells[0].text() + "  (today)")
        return cells

    def _size_columns(self) -> None:
        # Widths from the font, not ResizeToContents: that measures every row (80 ms of a county's meetings).
        header = self.tree.header()
        header.setStretchLastSection(False)
        metrics = self.tree.fontMetrics()
        samples = ((0, "Wed 30/09/2026 18:30  (today)"), (1, "M" * 30), (3, "Cancelled"), (4, "Circulated"))
        for column, sample in samples:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _scroll_to(self, index: QPersistentModelIndex) -> None:
        if index.isValid():
            top = self.model.index(index.row(), 0)
            self.tree.scrollTo(top, QAbstractItemView.ScrollHint.PositionAtTop)

    def select_meeting(self, meeting_id: int) -> None:
        matches = self.model.match(self.model.index(0, 0), MEETING_ROLE, meeting_id, 1,
                                   Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if not matches and (self.forum.currentIndex() or self.period.currentIndex()):
            self.forum.setCurrentIndex(0)
            self.period.setCurrentIndex(0)
            matches = self.model.match(self.model.index(0, 0), MEETING_ROLE, meeting_id, 1,
                                       Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if matches:
            self.tree.setCurrentIndex(matches[0])
            self.tree.scrollTo(matches[0], QAbstractItemView.ScrollHint.PositionAtCenter)

    def meeting_id(self) -> int | None:
        """The meeting chosen in the list: File > Export… offers its minutes and board pack (issue 15 item 12)."""
        value = self.tree.currentIndex().data(MEETING_ROLE)
        return None if value is None else int(value)

    def _on_tree_activated(self, index: QModelIndex) -> None:
        meeting_id = index.data(MEETING_ROLE)
        if meeting_id is not None:
            self._ctx.navigate("meeting", meeting_id=int(meeting_id))



def _count_text(meetings: list[Meeting], today: date) -> str:
    if not meetings:
        return "No meetings here yet: plan one with Ctrl+N."
    upcoming = sum(1 for m in meetings if m.starts_at.date() >= today and m.status is MeetingStatus.PLANNED)
    awaiting = sum(1 for m in meetings if m.minutes_status in (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED))
    count = f"{len(meetings)} {'meeting' if len(meetings) == 1 else 'meetings'}"  # not "1 meetings"
    return f"{count}: {upcoming} still to come, {awaiting} with minutes awaiting approval."
