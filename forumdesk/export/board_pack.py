"""The board pack: one PDF with a cover and contents (with page numbers), the agenda, the previous minutes,
the open action log (landscape pages) and strategy progress with a bar chart; a PDF bookmark for each part.
With papers attached to the agenda: a papers page, then each PDF paper after its cover sheet, merged in and
stamped with the pack's marking and page numbers (``export.pack_papers``).

Built in several passes (``multiBuild``) so the contents know the page numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.minutes import MinutesDocument
from forumdesk.domain.model import Action, AgendaItem, Forum, Meeting
from forumdesk.export import pdf_base as pdf
from forumdesk.export.action_log import ActionLogOptions, legend, log_columns, log_rows, summary_line
from forumdesk.export.columns import RAG_COL
from forumdesk.export.files import atomic_output
from forumdesk.export.info import DocumentInfo
from forumdesk.export.minutes import meeting_when, minutes_flowables
from forumdesk.export.pack_papers import PackPaper, Placements, merge_papers, papers_story
from forumdesk.export.pdf_tables import PagedTable
from forumdesk.export.text import pdf_markup

_WIDTH = pdf.frame_size("portrait")[0]


@dataclass(frozen=True)
class AreaProgress:
    """Actions linked to one priority area's aims."""

    code: str
    name: str
    open: int
    overdue: int
    closed: int


@dataclass(frozen=True)
class BoardPack:
    forum: Forum
    meeting: Meeting
    agenda: Sequence[AgendaItem]
    previous_minutes: MinutesDocument | None
    actions: Sequence[Action]  # the open action log
    progress: Sequence[AreaProgress]
    today: date
    papers: Sequence[PackPaper] = ()  # in agenda order


def _heading(text: str, key: str) -> Paragraph:
    """A part's heading: a bookmark and a contents entry (see ``MarkedDocTemplate.afterFlowable``)."""
    heading = Paragraph(pdf_markup(text), pdf.styles()["title"])
    heading.outline = (key, text, 0)
    return heading


def _cover(pack: BoardPack, info: DocumentInfo) -> list[Flowable]:
    s = pdf.styles()
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [s["body"].clone("toc0", fontSize=11, leading=20, leftIndent=0),
                       s["body"].clone("toc1", fontSize=10, leading=16, leftIndent=14)]
    meeting = pack.meeting
    rows = [("Venue", meeting.venue or meeting.link or "To be confirmed")]
    if meeting.title:
        rows.insert(0, ("Meeting", meeting.title))
    rows += [("Marking", info.marking.value), ("Papers issued", format_uk_date(info.produced_at.date()))]
    details = Table([[Paragraph(f"<b>{pdf_markup(k)}</b>", s["body"]), Paragraph(pdf_markup(v), s["body"])]
                     for k, v in rows], colWidths=[90, _WIDTH - 90], hAlign="LEFT", splitInRow=1)
    details.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, pdf.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    rule = Table([[""]], colWidths=[_WIDTH], rowHeights=[5], style=[("BACKGROUND", (0, 0), (-1, -1), pdf.NAVY)])
    big = s["title"].clone("cover", fontSize=24, leading=30, spaceAfter=6)
    return [
        Spacer(1, 36), rule, Spacer(1, 18), Paragraph("BOARD PACK", s["subtitle"].clone("kicker", fontSize=11,
                                                                                       textColor=pdf.NAVY)),
        Paragraph(pdf_markup(pack.forum.name), big),
        Paragraph("Meeting of " + pdf_markup(meeting_when(meeting)), s["subtitle"].clone("when", fontSize=13)),
        Spacer(1, 10), details, Spacer(1, 30), Paragraph("Contents", s["h1"]), toc, PageBreak(),
    ]


def _agenda(pack: BoardPack) -> list[Flowable]:
    s = pdf.styles()
    out: list[Flowable] = [_heading("Agenda", "agenda"), Paragraph(pdf_markup(meeting_when(pack.meeting)),
                                                                    s["subtitle"])]
    top = [i for i in pack.agenda if i.parent_id is None]
    data: list[list[object]] = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in ("", "Item", "Lead", "Purpose",
                                                                               "Time")]]
    papers: dict[int, list[str]] = {}
    for entry in pack.papers:
        papers.setdefault(entry.paper.agenda_item_id, []).append(entry.paper.file_name)

    def listed(item_id: int) -> str:  # the item's papers, named under it (none: the agenda looks as before)
        return "".join(f"<br/><i>Paper: {pdf_markup(name)}</i>" for name in papers.get(item_id, []))

    for number, item in enumerate(top, start=1):
        subs = [c for c in pack.agenda if c.parent_id == item.id]
        title = f"<b>{pdf_markup(item.title)}</b>" + listed(item.id) + "".join(
            f"<br/>– {pdf_markup(c.title)}{listed(c.id)}" for c in subs)
        data.append([
            Paragraph(f"<b>{number}</b>", s["cell"]), Paragraph(title, s["cell"]),
            Paragraph(pdf_markup(item.presenter), s["cell"]), Paragraph(item.purpose.value.capitalize(), s["cell"]),
            Paragraph(f"{item.minutes_allowed} min" if item.minutes_allowed else "", s["cell"]),
        ])
    if len(data) == 1:
        return [*out, Paragraph("No agenda items yet.", s["muted"]), PageBreak()]
    table = Table(data, colWidths=[24, _WIDTH - 24 - 130 - 70 - 44, 130, 70, 44], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), pdf.SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.6, pdf.NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, pdf.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return [*out, table, PageBreak()]


def _previous_minutes(pack: BoardPack) -> list[Flowable]:
    if pack.previous_minutes is None:
        return [_heading("Minutes of the previous meeting", "minutes"),
                Paragraph("There is no earlier meeting of this forum on record.", pdf.styles()["muted"])]
    heading = _heading("Minutes of the previous meeting", "minutes")
    if not pack.previous_minutes.is_draft:
        return [heading, *minutes_flowables(pack.previous_minutes, embedded=True)]
    note = Paragraph("Draft, for the meeting to agree as a correct record.", pdf.styles()["muted"])
    first, *rest = minutes_flowables(pack.previous_minutes, embedded=True)
    return [heading, first, note, *rest]


def _action_log(pack: BoardPack) -> list[Flowable]:
    s = pdf.styles()
    width, height = pdf.frame_size("landscape")
    head: list[Flowable] = [
        _heading("Open action log", "actions"), Paragraph(pdf_markup(summary_line(pack.actions, pack.today)),
                                                          s["muted"]),
        Spacer(1, 3), legend(width), Spacer(1, 6),
    ]
    used = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
    rows = log_rows(pack.actions, ActionLogOptions(pack.today, group_by=""))
    table = PagedTable(log_columns(a.ref for a in pack.actions), rag_col=RAG_COL).flowables(rows, height - used, height)
    if not pack.actions:
        table = [Paragraph("No open actions.", s["body"])]
    return [NextPageTemplate("landscape"), PageBreak(), *head, *table, NextPageTemplate("portrait"), PageBreak()]


def progress_chart(progress: Sequence[AreaProgress], width: float) -> Drawing:
    """Horizontal stacked bars per priority area: overdue, other open, closed."""
    height = 40 + 22 * max(1, len(progress))
    drawing = Drawing(width, height + 30)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 30, width - 170, height - 20
    overdue = [p.overdue for p in progress]
    other_open = [p.open - p.overdue for p in progress]
    closed = [p.closed for p in progress]
    chart.data = [overdue, other_open, closed] if progress else [[0]]
    chart.categoryAxis.categoryNames = [p.name for p in progress] or [""]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.fontName = pdf.FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = pdf.FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.barWidth = 12
    fills = [pdf.RAG_COLOURS["red"], pdf.RAG_COLOURS["green"], pdf.RAG_COLOURS["blue"]]
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    key = Legend()
    key.x, key.y, key.fontName, key.fontSize = 150, 12, pdf.FONT, 7.5
    key.alignment, key.columnMaximum, key.deltax, key.dx, key.dy = "right", 1, 110, 8, 8
    key.colorNamePairs = list(zip(fills, ["Overdue", "Open, not overdue", "Closed"], strict=True))
    drawing.add(key)
    return drawing


def _progress(pack: BoardPack) -> list[Flowable]:
    s = pdf.styles()
    out: list[Flowable] = [
        _heading("Progress against the strategy", "strategy"),
        Paragraph("Actions linked to the aims of each priority area this forum serves.", s["muted"]),
    ]
    if not pack.progress:
        return [*out, Paragraph("No actions are linked to the strategy yet.", s["body"])]
    data: list[list[object]] = [["Priority area", "Open", "Overdue", "Closed"]]
    data += [[Paragraph(pdf_markup(p.name), s["cell"]), p.open, p.overdue, p.closed] for p in pack.progress]
    table = Table(data, colWidths=[_WIDTH - 180, 60, 60, 60], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("pdf.FONT", (0, 0), (-1, -1), pdf.FONT, 8.5), ("pdf.FONT", (0, 0), (-1, 0), pdf.FONT_BOLD, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), pdf.SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.6, pdf.NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, pdf.RULE), ("ALIGN", (1, 0), (-1, -1), "CENTRE"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return [*out, Spacer(1, 6), progress_chart(pack.progress, _WIDTH), Spacer(1, 10), table]


def export_board_pack_pdf(target: str | Path, pack: BoardPack, info: DocumentInfo) -> None:
    story = _cover(pack, info) + _agenda(pack) + _previous_minutes(pack)
    story += _action_log(pack) + _progress(pack)
    if not pack.papers:
        pdf.write_pdf(target, info, story, multi_pass=True)
        return
    places = Placements()
    story += papers_story(pack.papers, places)
    with atomic_output(target) as temp:
        pdf.build(pdf.MarkedDocTemplate(str(temp), info), story, multi_pass=True)
        merge_papers(temp.read_bytes(), temp, pack.papers, places, info)
