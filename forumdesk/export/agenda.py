"""A meeting's agenda on its own (the board pack has one inside it): the rows both formats print, and the PDF.

``agenda_rows`` numbers the top-level items 1, 2, 3 with their sub-items listed under them, the lead, the
purpose and the time each item starts (from the meeting's start and each item's minutes allowed), so the PDF
and the Word agenda (``export.agenda_docx``) say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from forumdesk.domain.agenda import display_order, numbered
from forumdesk.domain.model import AgendaItem, Forum, Meeting
from forumdesk.export import pdf_base as pdf
from forumdesk.export.info import DocumentInfo
from forumdesk.export.minutes import meeting_when
from forumdesk.export.text import pdf_markup

__all__ = ["AgendaRow", "agenda_rows", "export_agenda_pdf", "place"]


@dataclass(frozen=True)
class AgendaRow:
    number: str
    title: str
    sub_items: tuple[str, ...]  # "3.1 Title"
    lead: str
    purpose: str  # "Decision"
    time: str  # "10:05, 15 min"


def place(meeting: Meeting) -> str:
    return meeting.venue or meeting.link or "To be confirmed"


def agenda_rows(meeting: Meeting, items: Sequence[AgendaItem]) -> list[AgendaRow]:
    ordered = numbered(display_order(items))
    clock = meeting.starts_at
    starts: dict[int, datetime] = {}
    for item in ordered:
        starts[item.id] = clock
        clock += timedelta(minutes=max(0, item.minutes_allowed))
    rows = []
    for item in (i for i in ordered if i.parent_id is None or i.parent_id not in starts):
        subs = tuple(f"{c.minute_ref} {c.title}" for c in ordered if c.parent_id == item.id)
        length = item.minutes_allowed + sum(c.minutes_allowed for c in ordered if c.parent_id == item.id)
        time = f"{starts[item.id]:%H:%M}" + (f", {length} min" if length else "")
        rows.append(AgendaRow(item.minute_ref, item.title, subs, item.presenter, item.purpose.value.capitalize(),
                              time))
    return rows


def agenda_flowables(forum: Forum, meeting: Meeting, items: Sequence[AgendaItem]) -> list[Flowable]:
    s = pdf.styles()
    title = "Agenda" + (f": {meeting.title}" if meeting.title else "")
    out: list[Flowable] = [
        Paragraph(pdf_markup(forum.name), s["title"]), Paragraph(pdf_markup(title), s["subtitle"]),
        Paragraph(f"<b>When:</b> {pdf_markup(meeting_when(meeting))}", s["body"]),
        Paragraph(f"<b>Where:</b> {pdf_markup(place(meeting))}", s["body"]),
    ]
    rows = agenda_rows(meeting, items)
    if not rows:
        return [*out, Paragraph("No agenda items yet.", s["muted"])]
    data: list[list[object]] = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in ("", "Item", "Lead", "Purpose",
                                                                               "Time")]]
    for row in rows:
        text = f"<b>{pdf_markup(row.title)}</b>" + "".join(f"<br/>{pdf_markup(t)}" for t in row.sub_items)
        data.append([Paragraph(f"<b>{pdf_markup(row.number)}</b>", s["cell"]), Paragraph(text, s["cell"]),
                     Paragraph(pdf_markup(row.lead), s["cell"]), Paragraph(row.purpose, s["cell"]),
                     Paragraph(row.time, s["cell"])])
    width = pdf.frame_size("portrait")[0]
    table = Table(data, colWidths=[24, width - 24 - 110 - 62 - 80, 110, 62, 80], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), pdf.SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.6, pdf.NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, pdf.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return [*out, table]


def export_agenda_pdf(
    target: str | Path, forum: Forum, meeting: Meeting, items: Sequence[AgendaItem], info: DocumentInfo
) -> None:
    pdf.write_pdf(target, info, agenda_flowables(forum, meeting, items))
