"""The action log (landscape A4, UK board format, grouped by forum or owner) and one person's chase list.

Rows are packed page by page (``pdf_tables.PagedTable``), so 10,000 actions take seconds, not minutes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import Rag
from forumdesk.domain.model import Action
from forumdesk.domain.rag import OVERRIDE_MARK, RAG_MEANINGS
from forumdesk.export.columns import HEADERS, RAG_COL, row_strings
from forumdesk.export.info import DocumentInfo, Progress, no_progress
from forumdesk.export.pdf_base import (
    RAG_COLOURS,
    RULE,
    TABLE_FONT,
    frame_size,
    styles,
    write_pdf,
)
from forumdesk.export.pdf_tables import Column, PagedTable, Row, widen_to_fit
from forumdesk.export.text import pdf_markup

# Widths in points for the landscape frame (757 pt); dates fit dd/mm/yyyy on one line.
_LOG_WIDTHS = (54, 44, 44, 38, 155, 88, 44, 44, 46, 34, 122, 44)
_CENTRED = {1, 2, 3, 6, 7, 9, 11}


@dataclass(frozen=True)
class ActionLogOptions:
    today: date
    scope: str = ""  # a line under the title: "Basildon Community Safety Partnership · open actions"
    group_by: str = "forum"  # "forum", "owner" or "" for one list


def log_columns(refs: Iterable[str] = ()) -> list[Column]:
    """The log's columns, the Ref column as wide as the widest of ``refs`` (a ref is never broken)."""
    columns = [
        Column(h, w, "CENTRE" if i in _CENTRED else "LEFT")
        for i, (h, w) in enumerate(zip(HEADERS, _LOG_WIDTHS, strict=True))
    ]
    return widen_to_fit(columns, 0, refs, HEADERS.index("Action"))


def _group_key(action: Action, group_by: str) -> str:
    if group_by == "owner":
        return action.owner_name or "No owner"
    if group_by == "forum":
        return action.forum_name
    return ""


def log_rows(actions: Sequence[Action], options: ActionLogOptions) -> list[Row]:
    """Table rows with a heading row wherever the group changes (actions sorted by group, stable)."""
    ordered = actions
    grouped = bool(options.group_by) and len({_group_key(a, options.group_by) for a in actions}) > 1
    if grouped:
        ordered = sorted(actions, key=lambda a: _group_key(a, options.group_by).casefold())
    rows: list[Row] = []
    group = None
    for action in ordered:
        key = _group_key(action, options.group_by)
        if grouped and key != group:
            group = key
            rows.append(Row(heading=key))
        rows.append(Row(row_strings(action, options.today), action.rag(options.today).value))
    return rows


def summary_line(actions: Sequence[Action], today: date) -> str:
    rags = Counter(a.rag(today) for a in actions)
    open_count = sum(1 for a in actions if a.is_open)
    parts = [f"{rags[r]} {r.label.lower()}" for r in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)]
    noun = "action" if len(actions) == 1 else "actions"
    return f"As at {format_uk_date(today)} · {len(actions):,} {noun}, {open_count:,} open · " + ", ".join(parts)


def legend(width: float) -> Table:
    """The RAG key: a coloured swatch and its meaning, on one line or, if narrow, two."""
    items = [(RAG_COLOURS[rag.value], meaning) for rag, meaning in RAG_MEANINGS.items()]
    items.append((None, f"{OVERRIDE_MARK}  RAG set by the secretary"))
    widths = [[10.0, stringWidth(t, TABLE_FONT, 7.5) + 14] for _, t in items]
    per_row = len(items) if sum(sum(w) for w in widths) <= width else 3
    data: list[list[str]] = []
    col_widths: list[float] = []
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), TABLE_FONT, 7.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for start in range(0, len(items), per_row):
        row: list[str] = []
        for i, (colour_, text) in enumerate(items[start : start + per_row]):
            row += ["", text]
            r = start // per_row
            if colour_ is not None:
                commands.append(("BACKGROUND", (2 * i, r), (2 * i, r), colour_))
                commands.append(("BOX", (2 * i, r), (2 * i, r), 0.4, RULE))
        data.append(row + [""] * (2 * per_row - len(row)))
    for i in range(per_row):
        col_widths += [10.0, max(w[1] for w in widths[i::per_row])]
    table = Table(data, colWidths=col_widths, rowHeights=[11] * len(data), hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _header_flowables(title: str, lines: Sequence[str], width: float) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(pdf_markup(title), s["title"])]
    out += [Paragraph(pdf_markup(line), s["subtitle"] if i == 0 else s["muted"]) for i, line in enumerate(lines)]
    out += [Spacer(1, 4), legend(width), Spacer(1, 8)]
    return out


def _height(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        _, h = f.wrap(width, 10_000)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def story_for_table(
    head: list[Flowable], table: PagedTable, rows: list[Row], orientation: str, progress: Progress = no_progress
) -> list[Flowable]:
    width, height = frame_size(orientation)
    return head + table.flowables(rows, height - _height(head, width), height, progress)


def export_action_log_pdf(
    target: str | Path, actions: Sequence[Action], info: DocumentInfo, options: ActionLogOptions,
    progress: Progress = no_progress,
) -> None:
    lines = [summary_line(actions, options.today)]
    if options.scope and options.scope not in info.title:
        lines.insert(0, options.scope)
    head = _header_flowables(info.title, lines, frame_size("landscape")[0])
    table = PagedTable(log_columns(a.ref for a in actions), rag_col=RAG_COL)
    story = story_for_table(head, table, log_rows(actions, options), "landscape", progress)
    if not actions:
        story.append(Paragraph("No actions match.", styles()["body"]))
    write_pdf(target, info, story, orientation="landscape")


# -- chase list -------------------------------------------------------------------------------------------
_CHASE_COLUMNS = (
    Column("Ref", 56), Column("Raised", 44, "CENTRE"), Column("Action", 170), Column("Due", 64, "CENTRE"),
    Column("Status", 46), Column("RAG", 32, "CENTRE"), Column("Latest update", 98),
)


def _chase_row(action: Action, today: date) -> Row:
    full = row_strings(action, today)
    due = full[6]
    if action.revised_due_date is not None:
        due = f"{full[7]}\nwas {full[6]}" if full[6] else full[7]
    return Row([full[0], full[1], full[4], due, full[8], full[9], full[10]], action.rag(today).value)


def export_chase_list_pdf(
    target: str | Path, owner: str, actions: Sequence[Action], info: DocumentInfo, today: date, note: str = ""
) -> None:
    """One person's open actions across all forums, grouped by forum, ready to send."""
    forums = sorted({a.forum_name for a in actions}, key=str.casefold)
    overdue = sum(1 for a in actions if a.is_overdue(today))
    lines = [
        f"{len(actions)} open action{'s' if len(actions) != 1 else ''} across {len(forums)} "
        f"forum{'s' if len(forums) != 1 else ''}; {overdue} overdue · as at {format_uk_date(today)}",
        note or "Please send an update on each action, or tell the secretary if it is complete.",
    ]
    head = _header_flowables(f"Actions for {owner}", lines, frame_size("portrait")[0])
    rows: list[Row] = []
    for forum in forums:
        rows.append(Row(heading=forum))
        rows += [_chase_row(a, today) for a in actions if a.forum_name == forum]
    columns = widen_to_fit(_CHASE_COLUMNS, 0, (a.ref for a in actions), 2)
    story = story_for_table(head, PagedTable(columns, rag_col=5), rows, "portrait")
    if not actions:
        story.append(Paragraph("No open actions: nothing to chase.", styles()["body"]))
    write_pdf(target, info, story, orientation="portrait")

