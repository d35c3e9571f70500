"""Property: random tables built from the traits of real trackers (headers of many traditions, titles and
keys above, the table moved right, two-row headers, help and example rows, numbered blank rows, section
separators, a panel beside, ids repeated with padding, owners written every way, dates of every kind)
never crash the importer, never make a person of a header or a help text, and import each distinct id once.
"""

from __future__ import annotations

import functools
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forumdesk.imports import Table, parse_actions
from forumdesk.imports.outcome import Outcome
from forumdesk.services import open_services
from forumdesk.services.imports import ImportService

FORUM = "Property Forum"
HEADERS = {
    "ref": ["S.No", "No.", "#", "Action Ref", "Issue ID", "Risk ID", "raid_id", "Ref"],
    "text": ["Task Description", "Issue Title", "Title", "Action / Decision", "Action", "Description"],
    "owner": ["Lead", "Responsible", "Action Owner", "Owner (initials)", "Owner", "Who"],
    "raised": ["Date Identified", "Date Added", "Date Logged", "Date\nRaised"],
    "due": ["Target Date", "target_date", "Deadline", "By when", "Due\ndate"],
    "update": ["Remarks", "Outcome", "Comments/ Resolution", "Progress"],
}
HELP = {
    "ref": "Unique number for the action",
    "text": "Describe the action item to be carried out",
    "owner": "Who is responsible for addressing the action item?",
    "raised": "Date the action was raised (dd/mm/yyyy)",
    "due": "When must it be done by?",
    "update": "What has happened so far?",
}
PEOPLE = ["Ann Lee", "Bob Day", "Zoë Adeyemi", "Łukasz Nowak", "Priya Shah"]
OWNERS = st.one_of(
    st.sampled_from(PEOPLE),
    st.sampled_from(PEOPLE).map(lambda n: f"{n} (Project Manager)"),
    st.sampled_from(PEOPLE).map(lambda n: f"{n} (Essex Police)"),
    st.tuples(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)).map(lambda p: f"{p[0]}/{p[1]}"),
    st.tuples(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)).map(lambda p: f"{p[0]} + {p[1]}"),
    st.sampled_from(["TBC", "JW", "Essex Police", "Project Manager", "Project Manager / Team Lead", "All", None]),
)
DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)).map(lambda d: datetime(d.year, d.month, d.day)),
    st.integers(43831, 47848),  # Excel serial numbers, 2020-2030
    st.sampled_from(["14/01/2025", "01/05/25", "11/20/24", "03/04/2025", "13/25/2025", "TBC", "next meeting"]),
)
TEXTS = [
    "Map the street drinking hotspots",
    "Refresh the ASB case review leaflet",
    "Book the Q2 partnership meeting room",
    "Install alley gates on Elm Road",
    "Fund the taxi marshal scheme",
]
IDS = [f"ACT-{n:03d}" for n in range(1, 9)]
PADDED = st.sampled_from(IDS).flatmap(lambda i: st.sampled_from([i, f" {i}", f"_{i}", f"{i} "]))


@st.composite
def trackers(draw: st.DrawFn) -> tuple[list[tuple[object, ...]], list[str]]:
    """A table, and the distinct ids of its action rows."""
    fields = ["ref", "text", *draw(st.lists(st.sampled_from(["owner", "raised", "due", "update"]), unique=True))]
    labels = [draw(st.sampled_from(HEADERS[f])) for f in fields]
    pad: list[object] = [None] * draw(st.integers(0, 2))  # the table starts in column A, B or C
    rows: list[tuple[object, ...]] = []
    if draw(st.booleans()):
        rows += [("Community Safety Partnership action log",), ("OFFICIAL",), ("Key: R = overdue",), ()]
    if draw(st.booleans()):  # a two-row header: a group label above the dates, the rest merged down
        rows.append(
            tuple(
                pad
                + [label if f not in ("raised", "due") else "Dates" for f, label in zip(fields, labels, strict=True)]
            )
        )
        rows.append(
            tuple(pad + [label if f in ("raised", "due") else None for f, label in zip(fields, labels, strict=True)])
        )
    else:
        rows.append(tuple(pad + labels))
    if draw(st.booleans()):
        rows.append(tuple(pad + [HELP[f] for f in fields]))
    if draw(st.booleans()):
        rows.append(
            tuple(pad + ["e.g. ACT-000", "Example: send the minutes", "Jane Example", None, None, None][: len(fields)])
        )
    ids: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["action", "action", "action", "numbered", "separator", "blank"]))
        if kind == "numbered":
            rows.append(tuple(pad + [draw(st.integers(1, 99))]))
        elif kind == "separator":
            rows.append(tuple(pad + [draw(st.sampled_from(["OPEN ACTIONS", "Closed", "Q1 2025"]))]))
        elif kind == "blank":
            rows.append(())
        else:
            ref = draw(PADDED)
            ids.append(ref.strip().strip("_"))
            values = {
                "ref": ref,
                "text": draw(st.sampled_from(TEXTS)),
                "owner": draw(OWNERS),
                "raised": draw(DATES),
                "due": draw(DATES),
                "update": draw(st.sampled_from(["", "01/03/2025: survey booked", "On track", "x" * 25_000])),
            }
            panel = [None, "Open", draw(st.integers(0, 9))] if draw(st.booleans()) else []
            rows.append(tuple(pad + [values[f] for f in fields] + panel))
    return rows, sorted(set(ids))


@functools.cache
def service() -> ImportService:
    """One database for every example: a plan writes nothing, so examples cannot leak into each other."""
    path = Path(tempfile.mkdtemp(prefix="forumdesk-property-")) / "forum.sqlite"
    services = open_services(path, today=lambda: date(2026, 11, 25))
    services.forums.create(FORUM)
    return services.imports


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tracker=trackers(), order=st.sampled_from(["dmy", "mdy"]))
def test_real_trait_tables_never_crash_invent_people_or_duplicate_ids(
    tracker: tuple[list[tuple[object, ...]], list[str]], order: str
) -> None:
    rows, ids = tracker
    file = parse_actions([Table("Log", rows)], "log.xlsx", date_order=order)
    plan = service().plan_actions(file, FORUM)
    added = [r.row.ref for r in plan.rows if r.outcome is Outcome.ADD]
    assert sorted(added) == ids  # each distinct id once, whatever padding and repeats it came with
    assert all(r.outcome is Outcome.ADD for r in plan.rows)
    for person in plan.people_to_create:
        name = person.split(" (")[0]
        assert name in PEOPLE, person  # never a header, a help text, a role, an agency or initials
    assert all(len(u) <= 20_000 for r in plan.rows for _on, u in r.row.updates)
