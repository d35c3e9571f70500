"""``forumdesk demo``: a realistic county of forums, people, meetings, minutes and actions.

Deterministic for a given ``seed`` and day (dates are laid out around ``services.today()`` so that some
actions are overdue, some due soon and many closed). ``actions`` scales the size: more actions bring more
local forums (one per district and family), as in a real county. The county itself (people, forums,
members) is ``services.demo_county``; this module lays out each forum's meetings, minutes and actions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from forumdesk.db import journal
from forumdesk.db.repositories.bulk import BulkRepository
from forumdesk.domain.dates import add_months
from forumdesk.domain.refs import format_ref
from forumdesk.services import Services, demo_county
from forumdesk.services import demo_text as words
from forumdesk.services.demo_county import DemoForum

STANDING_ITEMS = [
    ("Welcome, introductions and apologies", "apologies", "information", 5),
    ("Declarations of interest", "declarations", "information", 2),
    ("Minutes of the last meeting and matters arising", "minutes", "decision", 10),
    ("Action log review", "actions", "discussion", 15),
]
CLOSING_ITEMS = [
    ("Any other business", "aob", "discussion", 10),
    ("Date of next meeting", "next_meeting", "information", 2),
]


@dataclass
class _Ids:
    meeting: int
    item: int
    action: int


def build_demo(services: Services, *, actions: int = 3000, seed: int = 1) -> str:
    """Fill a database that holds only the strategy. One transaction: all or nothing. A bulk load, not a
    user's edit: it runs with the undo journal off, so it is not an operation ``forumdesk undo`` takes back."""
    rng = random.Random(seed)
    today = services.today()
    bulk = services.repos.bulk
    with services.store.transaction("Build the demo", journal=False) as conn, journal.suspended(conn):
        people, orgs = demo_county.people(rng, bulk)
        forums = demo_county.forums(services, rng, bulk, people, actions)
        ids = _Ids(bulk.next_id("meetings"), bulk.next_id("agenda_items"), bulk.next_id("actions"))
        per_forum = _spread(actions, len(forums))
        made = 0
        for forum, target in zip(forums, per_forum, strict=True):
            made += _forum_history(rng, bulk, forum, target, today, ids, orgs)
        bulk.refresh_latest_updates()
        services.store.audit("database", None, "demo", new=f"seed {seed}, {made} actions")
        bulk.analyse()
    return f"{len(people)} people, {len(forums)} forums with meetings, {made} actions"


def _spread(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _meeting_dates(rng: random.Random, forum: DemoForum, today: date) -> list[datetime]:
    start = add_months(today.replace(day=1), -23)
    step = 1 if forum.monthly else 3
    hour = rng.choice([9, 10, 14])
    out = []
    month = start
    while month <= add_months(today, 3):
        day = month + timedelta(days=(1 - month.weekday()) % 7 + 7 * rng.randint(0, 2))  # a Tuesday
        out.append(datetime.combine(day, time(hour, 0)))
        month = add_months(month, step)
    return out


def _forum_history(
    rng: random.Random,
    bulk: BulkRepository,
    forum: DemoForum,
    target: int,
    today: date,
    ids: _Ids,
    orgs: dict[int, int],
) -> int:
    """Two years of meetings for one forum with agendas, attendance, minutes, decisions and actions."""
    dates = _meeting_dates(rng, forum, today)
    statuses = [
        ("cancelled" if rng.random() < 0.06 else "held") if d.date() < today else "planned" for d in dates
    ]
    if "held" not in statuses and dates:
        statuses[0] = "held"
    held_count = statuses.count("held")
    per_meeting = _spread(target, max(1, held_count))
    meetings: list[tuple[object, ...]] = []
    items: list[tuple[object, ...]] = []
    attendance: list[tuple[object, ...]] = []
    decisions: list[tuple[object, ...]] = []
    actions: list[tuple[object, ...]] = []
    aims: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    sequence: dict[int, int] = {}
    held_index = 0
    for starts, status in zip(dates, statuses, strict=True):
        meeting_id = ids.meeting
        ids.meeting += 1
        is_last_held = status == "held" and held_index == held_count - 1
        minutes = "none" if status != "held" else ("circulated" if is_last_held else "agreed")
        agreed_on = None if minutes != "agreed" else (starts + timedelta(days=30)).date().isoformat()
        venue = rng.choice(words.VENUES)
        link = "https://teams.microsoft.com/l/meetup-join/demo" if venue == "Microsoft Teams" else ""
        meetings.append(
            (
                meeting_id,
                forum.id,
                "",
                starts.isoformat(timespec="minutes"),
                (starts + timedelta(hours=2)).isoformat(timespec="minutes"),
                venue,
                link,
                status,
                minutes,
                forum.marking,
                f"{forum.code}-series",
                agreed_on,
            )
        )
        agenda = [*STANDING_ITEMS]
        business = rng.sample(words.NEW_BUSINESS, 2)
        agenda += [(t.format(q=(starts.month - 1) // 3 + 1), "", p, 20) for t, p in business]
        agenda += CLOSING_ITEMS
        item_ids = []
        for position, (title, kind, purpose, mins) in enumerate(agenda, start=1):
            notes = ""
            if status == "held" and kind in ("", "minutes", "actions"):
                notes = rng.choice(words.NOTES).format(n=rng.randint(3, 6))
            items.append(
                (
                    ids.item,
                    meeting_id,
                    position,
                    title,
                    rng.choice(words.FIRST_NAMES) if not kind else "",
                    purpose,
                    mins,
                    notes,
                    kind,
                )
            )
            item_ids.append((ids.item, position, kind))
            ids.item += 1
        if status != "held":
            continue
        for person in forum.members:
            roll = rng.random()
            state = "present" if roll < 0.75 else "apologies" if roll < 0.9 else "absent"
            attendance.append((meeting_id, person, "", None, state, None))
        if rng.random() < 0.3:
            attendance.append(
                (
                    meeting_id,
                    None,
                    rng.choice(words.FIRST_NAMES) + " " + rng.choice(words.LAST_NAMES),
                    None,
                    "guest",
                    None,
                )
            )
        business_items = [(i, p) for i, p, k in item_ids if k == ""]
        item_id, position = rng.choice(business_items)
        decisions.append((meeting_id, item_id, str(position), rng.choice(words.DECISIONS)))
        for _ in range(per_meeting[held_index]):
            action_id = ids.action
            ids.action += 1
            item_id, position = rng.choice(business_items)
            raised = starts.date()
            seq = sequence.get(raised.year, 0) + 1
            sequence[raised.year] = seq
            owner = rng.choice(forum.members)
            due = raised + timedelta(weeks=rng.choice([4, 6, 8, 12]))
            revised = due + timedelta(weeks=rng.choice([4, 6])) if rng.random() < 0.2 else None
            effective = revised or due
            age = (today - effective).days
            closed_chance = 0.995 if age > 120 else 0.95 if age > 45 else 0.7 if age > 0 else 0.15
            status_value, closed_on = "open", None
            if rng.random() < closed_chance:
                status_value = "complete" if rng.random() < 0.95 else "withdrawn"
                closed_on = min(today, effective + timedelta(days=rng.randint(-20, 20)))
                closed_on = max(closed_on, raised)
            elif rng.random() < 0.5:
                status_value = rng.choice(["in_progress", "in_progress", "on_hold"])
            text = f"{rng.choice(words.VERBS)} {rng.choice(words.OBJECTS)} {rng.choice(words.QUALIFIERS)}"
            actions.append(
                (
                    action_id,
                    forum.id,
                    format_ref(forum.code, raised.year, seq),
                    raised.year,
                    seq,
                    meeting_id,
                    item_id,
                    str(position),
                    text,
                    owner,
                    orgs.get(owner),
                    raised.isoformat(),
                    due.isoformat(),
                    None if revised is None else revised.isoformat(),
                    status_value,
                    None if closed_on is None else closed_on.isoformat(),
                )
            )
            aims += [
                (action_id, a) for a in rng.sample(forum.aim_ids, min(len(forum.aim_ids), rng.randint(1, 2)))
            ]
            last = closed_on or today
            for _ in range(rng.choice([0, 1, 1, 2, 3]) if (last - raised).days > 7 else 0):
                on = raised + timedelta(days=rng.randint(7, max(7, (last - raised).days)))
                updates.append((action_id, on.isoformat(), rng.choice(words.UPDATES), forum.secretary))
        held_index += 1
    bulk.meetings(meetings)
    bulk.agenda_items(items)
    bulk.attendance(attendance)
    bulk.decisions(decisions)
    bulk.actions(actions)
    bulk.action_aims(aims)
    bulk.action_updates(updates)
    return len(actions)
