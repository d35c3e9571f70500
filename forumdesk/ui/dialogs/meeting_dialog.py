"""Plan a meeting of a forum: date, start time, length, venue or link; the forum's standing agenda items are
added from its template. Planning is one operation in the file's history: Edit > Undo takes it back (a held
meeting is cancelled on its own screen instead, where the cancellation is recorded)."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from forumdesk.domain.errors import ValidationError
from forumdesk.ui.dialogs.base import WriteDialog, chosen_id, date_edit, minutes_spin, optional_date, record_combo
from forumdesk.ui.shell.context import AppContext

_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")


def parse_time(text: str) -> time:
    """``14:30``, ``1430`` or ``9.30`` as a 24-hour time; anything else is a ``ValidationError``."""
    match = _TIME.match(text.strip())
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    raise ValidationError(f"{text.strip() or 'no time'!r} is not a time: use the 24-hour clock, e.g. 14:30", "time")


class PlanMeetingDialog(WriteDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, forum_id: int | None = None) -> None:
        super().__init__(ctx, "Plan a meeting", parent)
        forums = [(f.name, f.id) for f in ctx.services.forums.forums(include_archived=False)]
        self.forum = record_combo(forums, forum_id, self)
        self.day = date_edit(None, self)
        self.starts = QLineEdit("10:00", self)
        self.starts.setPlaceholderText("HH:MM")
        self.length = minutes_spin(self)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("optional, e.g. Extraordinary meeting")
        self.venue = QLineEdit(self)
        self.link = QLineEdit(self)
        self.link.setPlaceholderText("Teams or Zoom link, if any")
        self.template = QCheckBox("Add the forum's standing agenda items", self)
        self.template.setChecked(True)
        self.add_field("&Forum", self.forum, "forum")
        self.add_field("&Date", self.day, "date", accessible="Meeting date")
        self.add_field("&Starts", self.starts, "time", accessible="Start time")
        self.add_field("&Length", self.length, "minutes", accessible="Length in minutes")
        self.add_field("&Title", self.title, "title")
        self.add_field("&Venue", self.venue, "venue")
        self.add_field("Lin&k", self.link, "link", accessible="Online meeting link")
        self.add_field("", self.template, "template", accessible="Add the standing agenda items")
        self.setMinimumWidth(480)
        (self.day if forum_id is not None else self.forum).setFocus()

    def prepare(self) -> Any:
        forum_id = chosen_id(self.forum, "the forum", "forum", required=True)
        day = optional_date(self.day, "The date", "date")
        if day is None:
            raise ValidationError("give the meeting's date (dd/mm/yyyy)", "date")
        starts = datetime.combine(day, parse_time(self.starts.text()))
        options = {"minutes": self.length.value(), "venue": self.venue.text(), "link": self.link.text(),
                   "title": self.title.text(), "apply_template": self.template.isChecked()}
        assert forum_id is not None
        return lambda services: services.cycle.plan_meeting(forum_id, starts, **options)
