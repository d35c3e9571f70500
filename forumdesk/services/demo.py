"""``forumdesk demo``: a realistic county of forums, people, meetings, minutes and actions.

Deterministic for a given ``seed`` and day (dates are laid out around ``services.today()`` so that some
actions are overdue, some due soon and many closed). ``actions`` scales the size: more actions bring more
local forums (one per district and family), as in a real county.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from forumdesk.db import journal
from forumdesk.db.repositories.bulk import BulkRepository
from forumdesk.domain.dates import add_months
from forumdesk.domain.refs import format_ref, short_code
from forumdesk.services import Services
from forumdesk.services import demo_text as words

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
# The strategy's families that get one local body per district in the demo, with the body's name pattern.
LOCAL_FAMILIES = [
    ("Community Safety Partnerships", "{d} Community Safety Partnership", "CSP"),
    ("Community Safety Hubs", "{d} Community Safety Hub", "CSH"),
    ("Local Licensing Committees", "{d} Licensing Committee", "LLC"),
    ("Local Serious Organised Crime boards", "{d} Serious Organised Crime Board", "SOCB"),
    ("Community Forums", "{d} Community Forum", "CF"),
    ("Local and Essex Independent Advisory Groups", "{d} Independent Advisory Group", "IAG"),
]
GAP_AIMS = ("DCF-3", "PVE-4", "SOC-5")
SERVICED_STRATEGIC = [
    "Southend Essex Thurrock Domestic Abuse Board",
    "Essex, Southend and Thurrock Safeguarding Children Boards",
    "Essex Hate Crime Strategic Partnership",
    "Domestic Abuse Performance Group",
]


@dataclass
class _Forum:
    id: int
    name: str
    code: str
    monthly: bool
    marking: str
    members: list[int] = field(default_factory=list)
    aim_ids: list[int] = field(default_factory=list)
    secretary: str = ""  # records the updates: the history's "By"


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
        people, orgs = _people(rng, bulk)
        forums = _forums(services, rng, bulk, people, actions)
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


def _people(rng: random.Random, bulk: BulkRepository) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """About 60 people across the agencies; returns (person id, org id) pairs and person -> org."""
    org_id = bulk.next_id("organisations")
    bulk.organisations(
        (org_id + i, name, short, kind) for i, (name, short, kind) in enumerate(words.AGENCIES)
    )
    person_id = bulk.next_id("people")
    rows, pairs = [], []
    used: set[str] = set()
    for i in range(60):
        while True:
            name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
            if name not in used:
                used.add(name)
                break
        org = org_id + (i % len(words.AGENCIES))
        domain = words.AGENCIES[org - org_id][1].lower().replace(" ", "") + ".gov.uk"
        email = f"{name.split()[0][0].lower()}.{name.split()[-1].lower()}@{domain}".encode(
            "ascii", "ignore"
        ).decode()
        rows.append(
            (person_id + i, name, rng.choice(words.ROLES), org, email, f"01245 {rng.randint(100000, 999999)}")
        )
        pairs.append((person_id + i, org))
    bulk.people(rows)
    return pairs, dict(pairs)


def _forums(
    services: Services, rng: random.Random, bulk: BulkRepository, people: list[tuple[int, int]], actions: int
) -> list[_Forum]:
    """The strategic forums that meet, plus local bodies in districts; members, chairs and secretaries."""
    forum_repo = services.forums.repo
    strategy = services.strategy
    aims_by_area = {area.name: [a.id for a in strategy.aims(area.id)] for area in strategy.areas()}
    districts = strategy.districts()[:14] or ["Basildon", "Chelmsford", "Colchester"]
    wanted_local = max(4, min(len(districts) * len(LOCAL_FAMILIES), 4 + actions // 2500))
    chosen: list[tuple[int, str, bool]] = []  # (forum id, name, monthly)
    for name in SERVICED_STRATEGIC:
        forum = forum_repo.forum_by_name(name)
        if forum is not None:
            chosen.append((forum.id, name, True))
    new_rows = []
    next_id = bulk.next_id("forums")
    pairs = [(d, fam) for fam in LOCAL_FAMILIES for d in districts]
    pairs.sort(key=lambda p: (districts.index(p[0]), LOCAL_FAMILIES.index(p[1])))
    for district, (family, pattern, code) in pairs[:wanted_local]:
        parent = forum_repo.forum_by_name(family)
        name = pattern.format(d=district)
        district_id = forum_repo.district_id(district)
        new_rows.append(
            (
                next_id,
                name,
                short_code(district) + code,
                "Local body",
                None if parent is None else parent.id,
                district_id,
            )
        )
        chosen.append((next_id, name, code in ("CSH", "LLC")))
        next_id += 1
    forum_rows, update_rows, made = [], [], []
    for forum_id, name, monthly in chosen:
        members = rng.sample(people, rng.randint(8, 12))
        chair, secretary = members[0][0], members[1][0]
        sensitive = any(w in name for w in ("Domestic", "Safeguarding", "Serious Organised", "Hub"))
        marking = "OFFICIAL-SENSITIVE" if sensitive else "OFFICIAL"
        quorum = ("agencies", 3) if "Partnership" in name or "Board" in name else ("heads", 4)
        purpose = f"To coordinate partnership work on {name.split(' ', 1)[-1].lower()} and hold partners to account."
        tor = "Terms of reference agreed by the strategic board; reviewed annually."
        fields = (
            purpose,
            tor,
            chair,
            secretary,
            "Monthly" if monthly else "Quarterly",
            quorum[0],
            quorum[1],
            marking,
            add_months(services.today(), rng.randint(1, 12)).isoformat(),
        )
        local = next((r for r in new_rows if r[0] == forum_id), None)
        if local is None:
            update_rows.append((*fields, forum_id))
            code = forum_repo.forum(forum_id).short_code if forum_repo.forum(forum_id) else short_code(name)  # type: ignore[union-attr]
        else:
            forum_rows.append((*local[:2], local[2], "Local body", local[4], local[5], *fields))
            code = local[2]
        made.append(
            _Forum(forum_id, name, code or short_code(name), monthly, marking, [p for p, _ in members],
                   secretary=services.directory.person(secretary).name)
        )
    bulk.forums(forum_rows)
    bulk.forum_updates(update_rows)
    membership_rows, aim_rows = [], []
    # A few aims no forum works on, so that the dashboard has real gaps in the strategy to show.
    gaps = {aim.id for aim in strategy.aims() if aim.code in GAP_AIMS}
    for body in made:
        for i, person in enumerate(body.members):
            role = "Chair" if i == 0 else "Secretary" if i == 1 else "Vice-chair" if i == 2 else "Member"
            deputy = rng.choice([p for p, _ in people if p not in body.members]) if rng.random() < 0.4 else None
            membership_rows.append((body.id, person, role, deputy, int(i != 1), None))
        areas = services.forums.forum(body.id).priorities
        body.aim_ids = [a for area in areas for a in aims_by_area.get(area, []) if a not in gaps] or [
            a for ids in aims_by_area.values() for a in ids if a not in gaps
        ]
        aim_rows += [(body.id, a) for a in rng.sample(body.aim_ids, min(len(body.aim_ids), 4))]
    bulk.memberships(membership_rows)
    bulk.forum_aims(aim_rows)
    return made


def _meeting_dates(rng: random.Random, forum: _Forum, today: date) -> list[datetime]:
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
    forum: _Forum,
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
