"""A meeting's agenda as a Word document: the same rows as the PDF agenda (``export.agenda.agenda_rows``).

Title (the forum), subtitle, when and where, then the items in the "ForumDesk Table" style: number, item (with
its sub-items), lead, purpose and start time. The marking is in every header and footer (``docx_base``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from forumdesk.domain.model import AgendaItem, Forum, Meeting
from forumdesk.export.agenda import agenda_rows, place
from forumdesk.export.docx_base import new_document, paragraph, save, table
from forumdesk.export.info import DocumentInfo
from forumdesk.export.minutes import meeting_when

__all__ = ["export_agenda_docx"]


def export_agenda_docx(
    target: str | Path, forum: Forum, meeting: Meeting, items: Sequence[AgendaItem], info: DocumentInfo
) -> None:
    doc = new_document(info)
    paragraph(doc, forum.name, "Title")
    paragraph(doc, "Agenda" + (f": {meeting.title}" if meeting.title else ""), "Subtitle")
    paragraph(doc, meeting_when(meeting), bold_lead="When: ")
    paragraph(doc, place(meeting), bold_lead="Where: ")
    rows = agenda_rows(meeting, items)
    if not rows:
        paragraph(doc, "No agenda items yet.", "Note")
    else:
        cells = [(row.number, [row.title, *row.sub_items], row.lead, row.purpose, row.time) for row in rows]
        grid = table(doc, ("", "Item", "Lead", "Purpose", "Time"), cells, (10, 70, 34, 27, 29))
        for row in grid.rows[1:]:
            for cell in (row.cells[0], row.cells[1]):
                cell.paragraphs[0].runs[0].bold = True
    save(doc, target)
