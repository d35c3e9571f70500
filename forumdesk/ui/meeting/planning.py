"""Planning dialogs of the meeting cycle: move one meeting (one occurrence of a series), change its venue,
link or marking, and plan a series (the nth weekday every n months). Each checks its input in place and
hands back plain values; the caller writes through the services."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from forumdesk.domain.dates import format_uk_date, parse_uk_date
from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Meeting
from forumdesk.domain.patches import MeetingPatch
from forumdesk.domain.recurrence import WEEKDAYS, SeriesRule, occurrences
from forumdesk.ui.dialogs.base import FormDialog, minutes_spin

_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")
_ORDINALS = [("1st", 1), ("2nd", 2), ("3rd", 3), ("4th", 4), ("Last", -1)]


def parse_clock(text: str) -> time:
    """``14:30``, ``1430`` or ``9.30`` on the 24-hour clock; anything else is a ``ValueError``."""
    match = _TIME.match(text.strip())
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    raise ValueError(f"{text.strip() or 'no time'!r} is not a time: use the 24-hour clock, e.g. 14:30")


class MoveMeetingDialog(FormDialog):
    """Another date and time for one meeting (the rest of its series stays where it is)."""

    def __init__(self, meeting: Meeting, parent: QWidget | None = None) -> None:
        super().__init__(f"Move the meeting of {format_uk_date(meeting.starts_at.date())}", parent)
        self.day = self._line("&Date:", "New date", "dd/mm/yyyy")
        self.day.setText(format_uk_date(meeting.starts_at.date()))
        self.clock = self._line("&Starts:", "New start time", "HH:MM")
        self.clock.setText(f"{meeting.starts_at:%H:%M}")
        self.venue = self._line("&Venue:", "Venue")
        self.venue.setText(meeting.venue)

    def starts_at(self) -> datetime:
        return datetime.combine(parse_uk_date(self.day.text()), parse_clock(self.clock.text()))

    def problem(self) -> str:
        try:
            self.starts_at()
        except ValueError as error:
            return str(error)
        return ""


class MeetingDetailsDialog(FormDialog):
    """Venue, online link and protective marking of a meeting (never lower than its forum's)."""

    def __init__(self, meeting: Meeting, forum_marking: Marking, parent: QWidget | None = None) -> None:
        super().__init__("Meeting details", parent)
        self.venue = self._line("&Venue:", "Venue")
        self.venue.setText(meeting.venue)
        self.link = self._line("Lin&k:", "Online meeting link", "Teams or Zoom link, if any")
        self.link.setText(meeting.link)
        self.marking = QComboBox(self)
        self.marking.setAccessibleName("Protective marking")
        for marking in Marking:
            if marking.rank >= forum_marking.rank:
                self.marking.addItem(marking.value, marking)
        self.marking.setCurrentIndex(max(0, self.marking.findData(meeting.marking)))
        self.form.addRow("&Marking:", self.marking)

    def values(self) -> MeetingPatch:
        return MeetingPatch(venue=self.venue.text(), link=self.link.text(), marking=self.marking.currentData())


class PlanSeriesDialog(FormDialog):
    """A series: the nth weekday every n months from a first month, at a time, for a number of meetings."""

    def __init__(self, forum_name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(f"Plan a series of meetings — {forum_name}", parent)
        self.nth = QComboBox(self)
        self.nth.setAccessibleName("Which week")
        for label, value in _ORDINALS:
            self.nth.addItem(label, value)
        self.weekday = QComboBox(self)
        self.weekday.setAccessibleName("Weekday")
        for number, name in enumerate(WEEKDAYS[:5]):
            self.weekday.addItem(name, number)
        self.weekday.setCurrentIndex(1)
        self.every = QSpinBox(self)
        self.every.setRange(1, 12)
        self.every.setSuffix(" month(s)")
        self.every.setAccessibleName("Every how many months")
        self.form.addRow("&Week:", self.nth)
        self.form.addRow("Week&day:", self.weekday)
        self.form.addRow("&Every:", self.every)
        self.clock = self._line("&Starts:", "Start time", "HH:MM")
        self.clock.setText("10:00")
        self.length = minutes_spin(self)
        self.form.addRow("&Length:", self.length)
        self.first = self._line("&From:", "First month (a date in it)", "dd/mm/yyyy")
        self.first.setText(format_uk_date(today))
        self.count = QSpinBox(self)
        self.count.setRange(1, 60)
        self.count.setValue(6)
        self.count.setAccessibleName("Number of meetings")
        self.form.addRow("&Meetings:", self.count)
        self.venue = self._line("&Venue:", "Venue")
        self.link = self._line("Lin&k:", "Online meeting link", "Teams or Zoom link, if any")
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.form.addRow("", self.preview)
        for widget in (self.nth, self.weekday):
            widget.currentIndexChanged.connect(self._on_changed)
        for spin in (self.every, self.count, self.length):
            spin.valueChanged.connect(self._on_changed)
        for line in (self.clock, self.first):
            line.textChanged.connect(self._on_changed)
        self._on_changed()

    def rule(self) -> SeriesRule:
        return SeriesRule(
            self.weekday.currentData(),
            self.nth.currentData(),
            self.every.value(),
            parse_clock(self.clock.text()),
            self.length.value(),
        )

    def first_month(self) -> date:
        return parse_uk_date(self.first.text())

    def _on_changed(self) -> None:
        try:
            starts = occurrences(self.rule(), self.first_month(), self.count.value())
        except (ValueError, ValidationError):
            self.preview.setText("")
            return
        shown = ", ".join(format_uk_date(s.date()) for s in starts[:4])
        more = f" and {len(starts) - 4} more" if len(starts) > 4 else ""
        self.preview.setText(f"{self.rule().describe()}: {shown}{more}")

    def problem(self) -> str:
        try:
            self.rule()
            self.first_month()
        except (ValueError, ValidationError) as error:
            return str(error)
        return ""
