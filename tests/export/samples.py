"""Domain objects for exporter tests: names beyond English, markup-like text, every RAG colour."""

from __future__ import annotations

from datetime import date, datetime

from forumdesk.domain.enums import ActionStatus, Marking, MinutesStatus, QuorumKind, Rag
from forumdesk.domain.minutes import (
    ActionRaised,
    AgencyAttendance,
    AttendeeLine,
    MatterArising,
    MinutesDocument,
    MinutesItem,
)
from forumdesk.domain.model import Action, ActionUpdate, Forum, Meeting, QuorumRule
from forumdesk.export.info import DocumentInfo
from tests.conftest import TODAY as TODAY  # the exporter tests read it as samples.TODAY

NAMES = ("Zoë Łukasiewicz", "Siobhán Ó Briain", "Jürgen Weiß", "Ağca Yılmaz", "Dvořák Čech")
MARKUP = "Smith <john@x.gov.uk> & <b>bold</b> <unclosed"


def action(i: int, **fields: object) -> Action:
    values: dict[str, object] = {
        "id": i,
        "ref": f"BCSP/26/{i:03d}",
        "forum_id": 1 + i % 2,
        "description": f"Action {i}: walkabout with {NAMES[i % len(NAMES)]}",
        "raised_on": date(2026, 3, 1),
        "forum_name": ("Basildon Community Safety Partnership", "Domestic Abuse Board")[i % 2],
        "meeting_date": date(2026, 3, 1),
        "minute_ref": "24/03",
        "owner_name": NAMES[i % len(NAMES)],
        "owner_org": "Essex Police",
        "due_date": date(2026, 12, 1 + i % 28),
        "status": ActionStatus.OPEN,
        "latest_update": ActionUpdate(i, i, date(2026, 11, 2), f"Update {i} from {NAMES[i % len(NAMES)]}"),
    }
    values.update(fields)
    return Action(**values)  # type: ignore[arg-type]


def actions(n: int = 30) -> list[Action]:
    out = [action(i) for i in range(n)]
    out[1] = action(1, due_date=date(2026, 11, 1))  # red
    out[2] = action(2, status=ActionStatus.COMPLETE, closed_on=date(2026, 11, 20))  # blue
    out[3] = action(3, due_date=date(2027, 6, 1), revised_due_date=date(2027, 7, 1))  # green, revised
    out[4] = action(4, description=MARKUP, rag_override=Rag.GREEN, due_date=date(2026, 10, 1))
    return out


def info(title: str = "Action log", marking: Marking = Marking.OFFICIAL, watermark: str = "") -> DocumentInfo:
    return DocumentInfo(title, marking, datetime(2026, 11, 25, 14, 5), "ForumDesk test", "Tester", "", watermark)


def minutes(status: MinutesStatus = MinutesStatus.DRAFT) -> MinutesDocument:
    forum = Forum(1, "Basildon Community Safety Partnership", quorum=QuorumRule(QuorumKind.AGENCIES, 3))
    meeting = Meeting(1, 1, datetime(2026, 11, 10, 10, 0), datetime(2026, 11, 10, 12, 0), forum.name,
                      venue="Committee Room 2", minutes_status=status)
    attendance = (
        AgencyAttendance("Basildon Borough Council", (AttendeeLine(NAMES[0], "Chair"),), (),
                         (AttendeeLine(NAMES[2]),)),
        AgencyAttendance("Essex Police", (AttendeeLine(NAMES[1]),),
                         (AttendeeLine("Tomás García", attending_for="Ch Insp. Halvorsen"),)),
        AgencyAttendance("NHS", guests=(AttendeeLine(MARKUP),)),
    )
    items = (
        MinutesItem("1", "Welcome and apologies", notes="The Chair welcomed members."),
        MinutesItem("2", "Town centre plan", NAMES[1], "Violence fell 12%.\n\nTaxi marshals discussed.",
                    ("The plan was endorsed.",),
                    (ActionRaised("BCSP/26/041", "Report on taxi marshal funding", NAMES[3], date(2027, 1, 12)),)),
    )
    arising = (MatterArising("BCSP/26/018", "Map CCTV gaps", NAMES[4], "Survey done.", date(2026, 11, 2), Rag.AMBER,
                             "In progress"),)
    return MinutesDocument(
        forum, meeting, Marking.OFFICIAL_SENSITIVE, attendance,
        "The meeting was quorate (3 agencies represented; the rule is 3 agencies)", True, items, arising, status,
        amendments="Item 2: 'twelve' corrected to '12'." if status is MinutesStatus.AGREED else "",
        agreed_on=date(2027, 1, 12) if status is MinutesStatus.AGREED else None, chair=NAMES[0],
    )
