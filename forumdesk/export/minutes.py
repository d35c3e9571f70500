"""Minutes as a board paper: header, attendance by agency, quorum, numbered items, decisions, actions, matters
arising, amendments; a DRAFT watermark until the minutes are agreed as a correct record.

``minutes_flowables`` is reused by the board pack (the previous meeting's minutes).

Everything splits across pages: item bodies are indented by style and table width (never wrapped in an outer
one-cell table, which cannot split), and every table may split inside a row (``splitInRow``), so an item with
fifty actions or a 20,000-character update flows on. Refs are never broken: their column is as wide as the
widest ref. The signature block keeps the end of the last item with it, so it never stands alone on a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import MinutesStatus
from forumdesk.domain.minutes import (
    ActionRaised,
    AgencyAttendance,
    AttendeeLine,
    MatterArising,
    MinutesDocument,
    MinutesItem,
)
from forumdesk.domain.model import Meeting
from forumdesk.export.info import DocumentInfo
from forumdesk.export.pdf_base import (
    FONT,
    FONT_BOLD,
    NAVY,
    RAG_COLOURS,
    RULE,
    SHADE,
    frame_size,
    styles,
    write_pdf,
)
from forumdesk.export.text import pdf_markup, split_paragraphs

__all__ = ["MinutesDocument", "export_minutes_pdf", "meeting_when", "minutes_flowables"]

_WIDTH = frame_size("portrait")[0]
_INDENT = 42  # an item's body sits right of its number
_BODY = _WIDTH - _INDENT
_CELL_PADDING = 4 + 6  # reportlab's default right padding, and the left padding set in _grid
_TAIL = 110  # points of the last item kept on the signature's page
_MATTERS_KINDS = {"actions", "matters_arising", "matters arising"}


def meeting_when(meeting: Meeting) -> str:
    """``Tuesday 10/11/2026, 10:00 to 12:00``."""
    text = f"{meeting.starts_at:%A} {format_uk_date(meeting.starts_at.date())}, {meeting.starts_at:%H:%M}"
    return text + (f" to {meeting.ends_at:%H:%M}" if meeting.ends_at else "")


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(pdf_markup(text), styles()[style])


def _table(data: list[list[object]], widths: Sequence[float], **kwargs: object) -> Table:
    """A table whose rows can split over pages, however tall (``splitInRow``)."""
    return Table(data, colWidths=list(widths), splitInRow=1, **kwargs)


def ref_width(refs: Sequence[str], least: float, font: str = FONT, size: float = 8.5, padding: float = 0) -> float:
    """A column wide enough that no ref in it is ever broken over lines (at least ``least``)."""
    return max([least, *(float(stringWidth(ref, font, size)) + padding + 1 for ref in refs)])


def _grid(data: list[list[object]], widths: Sequence[float], header: bool = True) -> Table:
    table = _table(data, widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.6, NAVY)]
    table.setStyle(TableStyle(commands))
    return table


def _header(doc: MinutesDocument, embedded: bool = False) -> list[Flowable]:
    meeting = doc.meeting
    held = f"{meeting.starts_at:%A} {format_uk_date(meeting.starts_at.date())}"
    title = f"Minutes of the meeting held on {held}"
    if meeting.title:
        title = f"{meeting.title}: minutes of the meeting held on {held}"
    place = meeting.venue or meeting.link or "Not recorded"
    status = doc.status.label if doc.status is not MinutesStatus.NONE else "Draft"
    if doc.status is MinutesStatus.AGREED and doc.agreed_on:
        status = f"Agreed as a correct record on {format_uk_date(doc.agreed_on)}"
    elif doc.is_draft:
        status = f"{status}: not yet agreed as a correct record"
    rows = [("Date and time", meeting_when(meeting)), ("Venue", place)]
    if doc.chair:
        rows.append(("Chair", doc.chair))
    if doc.secretary:
        rows.append(("Minutes taken by", doc.secretary))
    rows += [("Status", status), ("Marking", doc.marking.value)]
    table = _grid([[_p(k, "label"), _p(v, "cell")] for k, v in rows], [110, _WIDTH - 110], header=False)
    if embedded:  # inside a board pack, under the part's own heading: the forum is on the cover
        return [_p(title, "subtitle"), table, Spacer(1, 6)]
    return [_p(doc.forum.name, "title"), _p(title, "subtitle"), table, Spacer(1, 6)]


def _names(lines: Sequence[AttendeeLine], deputies: bool = False) -> Paragraph:
    return Paragraph("<br/>".join(pdf_markup(line.label(deputies)) for line in lines), styles()["cell"])


def _attendance(groups: Sequence[AgencyAttendance]) -> list[Flowable]:
    out: list[Flowable] = [_p("Attendance", "h1")]
    if not groups:
        return [*out, _p("No attendance was recorded.", "muted")]
    data: list[list[object]] = [[_p(h, "label") for h in ("Agency", "Present", "Deputies", "Apologies")]]
    guests: list[tuple[str, AttendeeLine]] = []
    for group in groups:
        guests += [(group.agency, g) for g in group.guests]
        if group.present or group.deputies or group.apologies:
            data.append([
                _p(group.agency or "No agency", "cellbold"), _names(group.present), _names(group.deputies, True),
                _names(group.apologies),
            ])
    out.append(_grid(data, [130, 125, 125, _WIDTH - 380]))
    if guests:
        text = "; ".join(f"{g.name} ({agency})" if agency else g.name for agency, g in guests)
        out += [Spacer(1, 4), Paragraph("<b>Also present:</b> " + pdf_markup(text), styles()["cell"])]
    return out


def _quorum(doc: MinutesDocument) -> list[Flowable]:
    if not doc.quorum_statement:
        return []
    fill = colors.HexColor("#E6F2E0") if doc.quorate else colors.HexColor("#FBE5E1")
    if doc.quorate is None:
        fill = SHADE
    table = _table([[_p(doc.quorum_statement, "cellbold")]], [_WIDTH])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), fill), ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return [Spacer(1, 8), table]


def _decisions(decisions: Sequence[str]) -> list[Flowable]:
    if not decisions:
        return []
    rows = [[_p("Decision", "label"), _p(text, "cell")] for text in decisions]
    table = _table(rows, [62, _BODY - 62], hAlign="RIGHT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#EEF3FA")),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return [Spacer(1, 3), table]


def _actions(actions: Sequence[ActionRaised]) -> list[Flowable]:
    if not actions:
        return []
    data: list[list[object]] = [[_p(h, "label") for h in ("Action", "Ref", "Owner", "Due")]]
    data += [
        [_p(a.description, "cell"), _p(a.ref, "cell"), _p(a.owner, "cell"), _p(format_uk_date(a.due), "cell")]
        for a in actions
    ]
    ref = ref_width([a.ref for a in actions], 65, padding=_CELL_PADDING)
    table = _grid(data, [_BODY - ref - 180, ref, 120, 60])
    table.hAlign = "RIGHT"
    return [Spacer(1, 3), table]


def _matters(matters: Sequence[MatterArising], width: float = _BODY) -> list[Flowable]:
    if not matters:
        return [_p("There were no open actions from earlier meetings.", "muted")]
    head = ("Ref", "Action", "Owner", "Latest update", "RAG, status")
    data: list[list[object]] = [[_p(h, "label") for h in head]]
    commands: list[tuple[object, ...]] = []
    for i, m in enumerate(matters, start=1):
        update = f"{format_uk_date(m.update_on)}: {m.latest_update}" if m.update_on else m.latest_update
        rag = m.rag.label + ("*" if m.rag_overridden else "")
        state = Paragraph(f"{pdf_markup(rag)}<br/>{pdf_markup(m.status)}", styles()["cell"])
        data.append([_p(m.ref, "cell"), _p(m.action, "cell"), _p(m.owner, "cell"), _p(update or "No update", "cell"),
                     state])
        commands.append(("BACKGROUND", (4, i), (4, i), RAG_COLOURS[m.rag.value]))
    ref = ref_width([m.ref for m in matters], 66, padding=_CELL_PADDING)
    rest = width - ref - 84 - 58  # the action and its update share what the other columns leave
    table = _grid(data, [ref, round(rest * 0.42), 84, rest - round(rest * 0.42), 58])
    table.hAlign = "RIGHT"  # under an item, right of its number; full width as a section of its own
    table.setStyle(TableStyle(commands))
    return [table]


def _item(item: MinutesItem, doc: MinutesDocument, level: int = 0) -> list[Flowable]:
    s = styles()
    number = Paragraph(f"<b>{pdf_markup(item.number)}</b>", s["h2"])
    title = Paragraph(f"<b>{pdf_markup(item.title)}</b>", s["h2"])
    head = _table([[number, title]], [_INDENT, _BODY])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 6 if level == 0 else 2)]))
    body: list[Flowable] = []
    if item.presenter:
        body.append(Paragraph(f"<i>Presented by {pdf_markup(item.presenter)}</i>", _indented(s["muted"])))
    paragraphs = split_paragraphs(item.notes)
    for n, para in enumerate(paragraphs, start=1):  # a blank line between paragraphs, as typed
        style = _indented(s["body"], space_after=s["body"].leading if n < len(paragraphs) else None)
        body.append(Paragraph(pdf_markup(para), style))
    if item.kind.lower() in _MATTERS_KINDS:
        body += _matters(doc.matters_arising)
    body += _decisions(item.decisions) + _actions(item.actions)
    out: list[Flowable] = [KeepTogether([head, *body[:1]]), *body[1:]]
    for sub in item.sub_items:
        out += _item(sub, doc, level + 1)
    return out


def _indented(style: ParagraphStyle, space_after: float | None = None) -> ParagraphStyle:
    """The style moved right of the item numbers (an item's body)."""
    extra = {} if space_after is None else {"spaceAfter": space_after}
    return style.clone(f"{style.name}-indented", leftIndent=_INDENT, **extra)


def _closing(doc: MinutesDocument) -> list[Flowable]:
    """Amendments, the next meeting's date and the signature line."""
    out: list[Flowable] = []
    if doc.amendments.strip():
        out += [_p("Amendments agreed", "h1"), _p(doc.amendments, "body")]
    if doc.next_meeting:
        line = "<b>Date of next meeting:</b> " + pdf_markup(doc.next_meeting)
        out += [Spacer(1, 6), Paragraph(line, styles()["body"])]
    sign = Table(
        [["Signed (Chair)", "", "Date", ""]], colWidths=[80, 220, 40, 120], hAlign="LEFT",
        style=[("FONT", (0, 0), (-1, -1), FONT, 9), ("FONT", (0, 0), (0, 0), FONT_BOLD, 9),
               ("FONT", (2, 0), (2, 0), FONT_BOLD, 9), ("LINEBELOW", (1, 0), (1, 0), 0.5, RULE),
               ("LINEBELOW", (3, 0), (3, 0), 0.5, RULE), ("TOPPADDING", (0, 0), (-1, -1), 18)],
    )
    return [*out, Spacer(1, 14), sign]


def minutes_flowables(doc: MinutesDocument, embedded: bool = False) -> list[Flowable]:
    """The minutes as a story: used alone or (``embedded``) inside the board pack."""
    story = _header(doc, embedded) + _attendance(doc.attendance) + _quorum(doc)
    has_matters_item = any(i.kind.lower() in _MATTERS_KINDS for i in doc.items)
    if doc.matters_arising and not has_matters_item:
        story += [_p("Matters arising", "h1"), *_matters(doc.matters_arising, _WIDTH)]
    story.append(_p("Minutes", "h1"))
    if not doc.items:
        story.append(_p("No items were minuted.", "muted"))
    for item in doc.items:
        story += _item(item, doc)
    return _keep_with_closing(story, _closing(doc))


def _keep_with_closing(story: list[Flowable], closing: list[Flowable]) -> list[Flowable]:
    """The closing block with the end of the minutes before it, so a page never holds only the signature.

    The last flowable (unwrapped from its item heading's KeepTogether) goes with the closing block whole when
    it is short; a long one is split so that only its last ``_TAIL`` points travel (a table's tail does not
    repeat the header: it usually stays on the same page).
    """
    last = story.pop()
    before: list[Flowable] = []
    if isinstance(last, KeepTogether) and last._content:
        *before, last = last._content
    if isinstance(last, Table | Paragraph) and (height := last.wrap(_WIDTH, 1e6)[1]) > 2 * _TAIL:
        parts = _split_tail(last, height - _TAIL)
        if len(parts) == 2:
            before.append(parts[0])
            last = parts[1]
    if before:
        story.append(KeepTogether(before))
    return [*story, KeepTogether([last, *closing])]


def _split_tail(flowable: Table | Paragraph, at: float) -> list[Flowable]:
    if isinstance(flowable, Paragraph):
        return list(flowable.split(_WIDTH, at))
    repeat, flowable.repeatRows = flowable.repeatRows, 0
    parts = list(flowable.split(_WIDTH, at))
    flowable.repeatRows = repeat
    if len(parts) == 2:
        parts[0].repeatRows = repeat
    return parts


def export_minutes_pdf(target: str | Path, doc: MinutesDocument, info: DocumentInfo) -> None:
    write_pdf(target, info, minutes_flowables(doc))
