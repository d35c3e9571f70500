"""The demo's county: agencies and people, and the forums that meet, with members, chairs and secretaries.

Part of ``forumdesk demo`` (``services.demo`` lays out the meetings and actions). Rows go in through
``BulkRepository`` inside the demo's one transaction.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from forumdesk.db.repositories.bulk import BulkRepository
from forumdesk.domain.dates import add_months
from forumdesk.domain.refs import short_code
from forumdesk.services import Services
from forumdesk.services import demo_text as words

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
class DemoForum:
    id: int
    name: str
    code: str
    monthly: bool
    marking: str
    members: list[int] = field(default_factory=list)
    aim_ids: list[int] = field(default_factory=list)
    secretary: str = ""  # records the updates: the history's "By"


def people(rng: random.Random, bulk: BulkRepository) -> tuple[list[tuple[int, int]], dict[int, int]]:
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
        email = demo_email(name, domain)
        rows.append(
            (person_id + i, name, rng.choice(words.ROLES), org, email, f"01245 {rng.randint(100000, 999999)}")
        )
        pairs.append((person_id + i, org))
    bulk.people(rows)
    return pairs, dict(pairs)


def forums(
    services: Services, rng: random.Random, bulk: BulkRepository, people: list[tuple[int, int]], actions: int
) -> list[DemoForum]:
    """The strategic forums that meet, plus local bodies in districts; members, chairs and secretaries."""
    forum_repo = services.repos.forums
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
            DemoForum(forum_id, name, code or short_code(name), monthly, marking, [p for p, _ in members],
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


_SPELT_OUT = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"})


def demo_email(name: str, domain: str) -> str:
    """``j.bloggs@domain`` for Jo Bloggs: the first initial and the whole surname, their letters spelt out in
    ASCII (``Łukasz Ó Briain`` -> ``l.obriain``) so every demo address is one a mail client accepts."""

    def ascii_only(text: str) -> str:
        spelt = unicodedata.normalize("NFKD", text.casefold().translate(_SPELT_OUT))
        return "".join(c for c in spelt if c.isascii() and (c.isalnum() or c in "-'")).replace("'", "")

    first, *surname = name.split()
    return f"{ascii_only(first)[:1]}.{ascii_only(''.join(surname))}@{domain}"

