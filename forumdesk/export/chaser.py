"""A chaser: one owner's open actions as an e-mail (an HTML table and its plain-text alternative) and as an
iCalendar file of their due dates.

The table has the columns a secretary chases with: Ref, Forum, Action, Due (dd/mm/yyyy, the revised date
when there is one) and Latest update (with its date). The calendar has one all-day VEVENT per open action
that has a due date (``DTSTART;VALUE=DATE``), ``METHOD:PUBLISH``. Each event's UID is made of the file's own
identity and the action's id (``forumdesk-action-<identity>-<id>@forumdesk.local``), so a later chaser
updates the same entries in the owner's calendar instead of adding new ones (a changed due date moves the
entry) and two different files never share one; SEQUENCE rises with the time of sending, as the meetings'
calendar does (``export/ics.py``), so the client takes the newer copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Event

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import Marking
from forumdesk.domain.model import Action
from forumdesk.export.ics import published_calendar
from forumdesk.export.mail import body_text, html_page, one_line, paragraph, table, text_page

HEADERS = ("Ref", "Forum", "Action", "Due", "Latest update")


def action_uid(identity: str, action: Action) -> str:
    return f"forumdesk-action-{identity}-{action.id}@forumdesk.local"


def latest_update(action: Action) -> str:
    update = action.latest_update
    return "None yet" if update is None else f"{format_uk_date(update.on)}: {update.text}"


def due_text(action: Action) -> str:
    due = action.effective_due
    if due is None:
        return "No date set"
    return format_uk_date(due) + (" (revised)" if action.revised_due_date else "")


def row(action: Action) -> list[str]:
    return [action.ref, action.forum_name, action.description, due_text(action), latest_update(action)]


def chaser_bodies(
    name: str, actions: Sequence[Action], reply_by: date, marking: Marking, signed: str = ""
) -> tuple[str, str]:
    """The plain-text and HTML bodies of one owner's chaser."""
    count = "1 open action" if len(actions) == 1 else f"{len(actions)} open actions"
    greeting = f"Dear {name}," if name.strip() else "Hello,"
    lead = (
        f"You own {count} on the partnership forums' trackers, listed below. Their due dates are in the"
        " attached calendar file."
    )
    ask = f"Please reply with your update by {format_uk_date(reply_by)}."
    closing = "Kind regards," + (f"\n{signed}" if signed.strip() else "")
    listed = [
        "\n".join([
            f"{a.ref} ({a.forum_name})",
            f"Action: {a.description}",
            f"Due: {due_text(a)}",
            f"Latest update: {latest_update(a)}",
        ])
        for a in actions
    ]
    text = text_page(marking, [greeting, lead, *listed, ask, closing])
    html = html_page(marking, [
        paragraph(greeting), paragraph(lead), table(HEADERS, [row(a) for a in actions]),
        f"<p><strong>{paragraph(ask)[3:-4]}</strong></p>", paragraph(closing),
    ])
    return text, html


def chaser_calendar(
    owner: str, actions: Sequence[Action], identity: str, marking: Marking, stamp: datetime | None = None
) -> bytes:
    """The owner's due dates as all-day events (actions without a due date have none)."""
    now = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = published_calendar(one_line(f"Actions: {owner}"))
    for action in actions:
        due = action.effective_due
        if due is None:
            continue
        event = Event()
        event.add("uid", action_uid(identity, action))
        event.add("dtstamp", now)
        event.add("last-modified", now)
        event.add("sequence", int(now.timestamp()) // 60 % 2_000_000_000)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", one_line(f"Action {action.ref} due: {_short(action.description)}"))
        event.add("description", _clean("\n".join([
            f"Marking: {marking.value}", f"Forum: {action.forum_name}", f"Action: {action.description}",
            f"Latest update: {latest_update(action)}",
        ])))
        event.add("class", "CONFIDENTIAL" if marking is Marking.OFFICIAL_SENSITIVE else "PRIVATE")
        event.add("transp", "TRANSPARENT")  # a due date is not time taken up
        cal.add_component(event)
    return bytes(cal.to_ical())


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _clean(text: str) -> str:
    """Text an iCalendar value can hold: control characters other than line ends dropped."""
    return body_text(text)
