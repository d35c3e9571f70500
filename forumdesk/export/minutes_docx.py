"""Minutes as a Word document, for draft minutes that members amend with track changes.

The same ``MinutesDocument`` and the same content as the PDF (``export.minutes``): the header (forum, meeting,
date and time, venue, chair, secretary, status, marking), attendance by agency with deputies and apologies,
the quorum statement, matters arising with their latest updates, the numbered items (Heading 2 "3. Title",
Heading 3 "3.1 Title") with their notes, decisions (the "Decision" style: shaded, ruled) and actions (ref,
action, owner, due date in the "ForumDesk Table" style), the amendments, the next meeting and the signature.
While the minutes are not agreed the header says DRAFT and Word tracks changes from the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.shared import Pt

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import MinutesStatus
from forumdesk.domain.minutes import ActionRaised, AgencyAttendance, AttendeeLine, MatterArising, MinutesDocument
from forumdesk.domain.minutes import MinutesItem as Item
from forumdesk.export.docx_base import DECISION_STYLE, new_document, paragraph, save, table
from forumdesk.export.info import DocumentInfo
from forumdesk.export.minutes import meeting_when
from forumdesk.export.text import split_paragraphs

__all__ = ["export_minutes_docx", "item_heading"]

_MATTERS_KINDS = {"actions", "matters_arising", "matters arising"}


def item_heading(number: str, title: str) -> str:
    """``3. Welcome`` for a plain number, ``3.1 Housing`` or ``24/03 Housing`` otherwise."""
    return f"{number}. {title}" if number.isdigit() else f"{number} {title}".strip()


def _header(doc: Any, minutes: MinutesDocument) -> None:
    meeting = minutes.meeting
    held = f"{meeting.starts_at:%A} {format_uk_date(meeting.starts_at.date())}"
    title = f"Minutes of the meeting held on {held}"
    if meeting.title:
        title = f"{meeting.title}: minutes of the meeting held on {held}"
    paragraph(doc, minutes.forum.name, "Title")
    paragraph(doc, title, "Subtitle")
    status = minutes.status.label if minutes.status is not MinutesStatus.NONE else "Draft"
    if minutes.status is MinutesStatus.AGREED and minutes.agreed_on:
        status = f"Agreed as a correct record on {format_uk_date(minutes.agreed_on)}"
    elif minutes.is_draft:
        status = f"{status}: not yet agreed as a correct record"
    rows: list[Sequence[str]] = [("Date and time", meeting_when(meeting)),
                                 ("Venue", meeting.venue or meeting.link or "Not recorded")]
    if minutes.chair:
        rows.append(("Chair", minutes.chair))
    if minutes.secretary:
        rows.append(("Minutes taken by", minutes.secretary))
    rows += [("Status", status), ("Marking", minutes.marking.value)]
    details = table(doc, None, rows, (40, 130))
    for row in details.rows:
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True


def _names(lines: Sequence[AttendeeLine], deputies: bool = False) -> list[str]:
    return [line.label(deputies) for line in lines]


def _attendance(doc: Any, groups: Sequence[AgencyAttendance]) -> None:
    paragraph(doc, "Attendance", "Heading 1")
    if not groups:
        paragraph(doc, "No attendance was recorded.", "Note")
        return
    rows = [
        (group.agency or "No agency", _names(group.present), _names(group.deputies, True), _names(group.apologies))
        for group in groups if group.present or group.deputies or group.apologies
    ]
    if rows:
        table(doc, ("Agency", "Present", "Deputies", "Apologies"), rows, (40, 45, 45, 40))
    guests = [f"{g.name} ({group.agency})" if group.agency else g.name for group in groups for g in group.guests]
    if guests:
        paragraph(doc, "; ".join(guests), bold_lead="Also present: ").paragraph_format.space_before = Pt(6)


def _matters(doc: Any, matters: Sequence[MatterArising]) -> None:
    if not matters:
        paragraph(doc, "There were no open actions from earlier meetings.", "Note")
        return
    rows = []
    for m in matters:
        update = f"{format_uk_date(m.update_on)}: {m.latest_update}" if m.update_on else m.latest_update
        rows.append((m.ref, m.action, m.owner, update or "No update",
                     [m.rag.label + ("*" if m.rag_overridden else ""), m.status]))
    table(doc, ("Ref", "Action", "Owner", "Latest update", "RAG, status"), rows, (30, 40, 30, 48, 22))


def _actions(doc: Any, actions: Sequence[ActionRaised]) -> None:
    if actions:
        rows = [(a.ref, a.description, a.owner, format_uk_date(a.due)) for a in actions]
        table(doc, ("Ref", "Action", "Owner", "Due"), rows, (30, 72, 44, 24))


def _item(doc: Any, item: Item, minutes: MinutesDocument, level: int = 0) -> None:
    paragraph(doc, item_heading(item.number, item.title), "Heading 2" if level == 0 else "Heading 3")
    if item.presenter:
        paragraph(doc, f"Presented by {item.presenter}", "Note")
    for para in split_paragraphs(item.notes):
        paragraph(doc, para)
    if item.kind.lower() in _MATTERS_KINDS:
        _matters(doc, minutes.matters_arising)
    for decision in item.decisions:
        paragraph(doc, decision, DECISION_STYLE, bold_lead="Decision: ")
    _actions(doc, item.actions)
    for sub in item.sub_items:
        _item(doc, sub, minutes, level + 1)


def _closing(doc: Any, minutes: MinutesDocument) -> None:
    if minutes.amendments.strip():
        paragraph(doc, "Amendments agreed", "Heading 1")
        for para in split_paragraphs(minutes.amendments):
            paragraph(doc, para)
    if minutes.next_meeting:
        nxt = paragraph(doc, minutes.next_meeting, bold_lead="Date of next meeting: ")
        nxt.paragraph_format.space_before = Pt(12)
    sign = paragraph(doc, "", bold_lead="Signed (Chair) ")
    sign.add_run("_" * 34 + "   ")
    sign.add_run("Date ").bold = True
    sign.add_run("_" * 16)
    sign.paragraph_format.space_before = Pt(24)


def minutes_docx(minutes: MinutesDocument, info: DocumentInfo) -> Any:
    """The minutes as a python-docx ``Document`` (not yet saved)."""
    doc = new_document(info, draft=minutes.is_draft)
    _header(doc, minutes)
    _attendance(doc, minutes.attendance)
    if minutes.quorum_statement:
        paragraph(doc, minutes.quorum_statement, "Quorum").paragraph_format.space_before = Pt(8)
    if minutes.matters_arising and not any(i.kind.lower() in _MATTERS_KINDS for i in minutes.items):
        paragraph(doc, "Matters arising", "Heading 1")
        _matters(doc, minutes.matters_arising)
    paragraph(doc, "Minutes", "Heading 1")
    if not minutes.items:
        paragraph(doc, "No items were minuted.", "Note")
    for item in minutes.items:
        _item(doc, item, minutes)
    _closing(doc, minutes)
    return doc


def export_minutes_docx(target: str | Path, minutes: MinutesDocument, info: DocumentInfo) -> None:
    save(minutes_docx(minutes, info), target)
