"""The plan of an action import as lines of text: what the dry run prints and the wizard's Check page shows.

Per sheet: the column chosen for each field with the header it matched and why, the date order of each
date column with an example, and what was left out and why; then each row's outcome, the rows left out
(runs of the same reason folded into one line), the warnings per row, and the people and agencies to create.
"""

from __future__ import annotations

from collections.abc import Iterable

from forumdesk.imports.outcome import ActionImportPlan, Outcome
from forumdesk.imports.plan import RowMessage, SheetTable

ORDER_NAMES = {"dmy": "day first (dd/mm/yyyy)", "mdy": "month first (mm/dd/yyyy)"}


def sheet_lines(sheet: SheetTable) -> list[str]:
    columns = ", ".join(f"{f.value}={sheet.column_of(f)}" for f in sheet.mapping)
    lines = [f"Sheet {sheet.name!r}: header on row {sheet.header_row}; columns: {columns}"]
    for f in sheet.mapping:
        why = sheet.why.get(f, "")
        lines.append(f"  {f.value}: column {sheet.column_of(f)}" + (f": {why}" if why else ""))
    for dates in sheet.dates:
        example = f"; e.g. {dates.example}" if dates.example else ""
        lines.append(f"  Dates in {dates.column}: {dates.order_label}: {dates.reason}{example}")
    lines += [f"  Left out: {note}" for note in sheet.left_out]
    return lines


def folded(messages: Iterable[RowMessage], kind: str) -> list[str]:
    """``Log, rows 7-14: skip: a numbered row ...`` for a run of rows with the same reason."""
    lines: list[str] = []
    run: list[RowMessage] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0].place, run[-1].place
        where = f"{first}" if len(run) == 1 else f"{first.sheet}, rows {first.row}-{last.row}"
        lines.append(f"{where}: {kind}: {run[0].reason}")
        run.clear()

    for message in messages:
        if run and (message.reason != run[-1].reason or message.place.sheet != run[-1].place.sheet
                    or message.place.row != run[-1].place.row + 1):
            flush()
        run.append(message)
    flush()
    return lines


def plan_lines(plan: ActionImportPlan) -> list[str]:
    file = plan.file
    order = ORDER_NAMES.get(file.date_order, file.date_order)
    lines = [f"Date order where a column's dates read either way: {order} (--date-order {file.date_order})"]
    lines += [f"Note: {note}" for note in file.notes]
    for sheet in file.sheets:
        lines += sheet_lines(sheet)
    lines += [f"Sheet {name!r}: left out: {reason}" for name, reason in file.ignored_sheets]
    for row in plan.rows:
        if row.outcome is Outcome.SKIP:
            continue
        ref = row.row.ref or "(new ref)"
        detail = f"; {row.reason}" if row.reason else ""
        owner = f"; owner {row.owner}{' (new)' if row.new_owner else ''}" if row.owner else ""
        lines.append(f"{row.row.place}: {row.outcome.value} {ref} {_short(row.row.description)}{owner}{detail}")
    lines += folded(plan.skipped, "skip")
    lines += [f"{m.place}: warning: {m.reason}" for m in plan.warnings]
    if plan.people_to_create:
        lines.append(f"People to create: {', '.join(plan.people_to_create)}")
    if plan.agencies_to_create:
        lines.append(f"Agencies to create: {', '.join(plan.agencies_to_create)}")
    lines.append(f"Summary: {plan.summary()}")
    return lines


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")
