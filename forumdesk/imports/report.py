"""The plan of an action import as lines of text: what the dry run prints and the wizard's Check page shows.

Per sheet: the column chosen for each field with the header it matched and why, the date order of each
date column with an example, and what was left out and why; then each row's outcome, the rows left out
(runs of the same reason folded into one line), the warnings per row, and the people and agencies to create.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from forumdesk.imports.outcome import ActionImportPlan, Outcome
from forumdesk.imports.plan import ActionFile, RowMessage, SheetTable

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
        if run and (
            message.reason != run[-1].reason
            or message.place.sheet != run[-1].place.sheet
            or message.place.row != run[-1].place.row + 1
        ):
            flush()
        run.append(message)
    flush()
    return lines


def context_lines(file: ActionFile) -> Iterator[str]:
    """What was read and how: the date order chosen, notes on the file, each sheet's columns and dates,
    and the sheets left out."""
    order = ORDER_NAMES.get(file.date_order, file.date_order)
    yield f"Date order where a column's dates read either way: {order} (--date-order {file.date_order})"
    yield from (f"Note: {note}" for note in file.notes)
    for sheet in file.sheets:
        yield from sheet_lines(sheet)
    yield from (f"Sheet {name!r}: left out: {reason}" for name, reason in file.ignored_sheets)


def plan_lines(plan: ActionImportPlan) -> Iterator[str]:
    """The lines one by one (a plan of 200,000 rows is printed, never held as text whole)."""
    yield from context_lines(plan.file)
    for row in plan.rows:
        if row.outcome is Outcome.SKIP:
            continue
        ref = row.row.ref or "(new ref)"
        detail = f"; {row.reason}" if row.reason else ""
        owner = f"; owner {row.owner}{' (new)' if row.new_owner else ''}" if row.owner else ""
        yield f"{row.row.place}: {row.outcome.value} {ref} {_short(row.row.description)}{owner}{detail}"
    yield from folded(plan.skipped, "skip")
    yield from (f"{m.place}: warning: {m.reason}" for m in plan.warnings)
    if plan.people_to_create:
        yield f"People to create: {', '.join(plan.people_to_create)}"
    if plan.agencies_to_create:
        yield f"Agencies to create: {', '.join(plan.agencies_to_create)}"
    yield f"Summary: {plan.summary()}"


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")
