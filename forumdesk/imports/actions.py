"""Reading an action log (every sheet with a recognised header, or those named) into an ``ActionFile``.

What real trackers hold besides actions, and what happens to it:
- a row of column explanations or an example row under the header (templates): left out, said why;
- numbered rows with nothing else in them (``=C5+1`` down a template): left out, counted per sheet;
- section headings, whole-row merged separators, totals rows: left out, said why;
- a totals or COUNTIF panel beside the table (past an empty column): its columns are left out;
- risk, assumption, dependency and decision sheets of a RAID log: left out unless named, said why;
- the same ref on several rows (append-mode logs) or on an open and a closed sheet: imported once, the
  closed sheet's row winning, else the last row; the others are left out with the row that won.

A cell that cannot be read costs only its field, and its text is kept in a note on the action, so nothing
the secretary typed is lost. All-number dates are read in the order each date column's own values show
(``11/20/24`` can only be month first); a column whose dates read either way follows ``date_order``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from forumdesk.domain.errors import ImportFileError
from forumdesk.imports.action_sheet import Collector, Mapping_, clean_ref, is_closed_sheet, read_sheet
from forumdesk.imports.columns import Field, find_header
from forumdesk.imports.plan import (
    ActionFile,
    ImportedAction,
    RowMessage,
    SheetTable,
    in_sheet_order,
)
from forumdesk.imports.sources import Table, load_tables
from forumdesk.imports.values import (
    DMY,
    MDY,
)

LEFT_OUT_KINDS = {  # words in a sheet's name -> what it is: RAID sheets that are not actions or issues
    "risk": "a risk log",
    "assumption": "a list of assumptions",
    "dependenc": "a list of dependencies",
    "decision": "a decision log",
}


def read_actions(
    path: str | Path,
    *,
    sheet: str | Sequence[str] | None = None,
    mappings: Mapping[str, Mapping_] | None = None,
    date_order: str = DMY,
) -> ActionFile:
    return parse_actions(load_tables(path), Path(path).name, sheet=sheet, mappings=mappings, date_order=date_order)


def parse_actions(
    tables: Sequence[Table],
    source: str,
    *,
    sheet: str | Sequence[str] | None = None,
    mappings: Mapping[str, Mapping_] | None = None,
    date_order: str = DMY,
    chosen: Collection[str] | None = None,
) -> ActionFile:
    """The action rows of every table with a header (``mappings`` overrides the columns found, per sheet).

    ``sheet`` names the sheets to read (any case); ``chosen`` names sheets to read whatever their kind
    (the wizard's ticks): either way a risk log named is read; otherwise it is left out with the reason.
    """
    if date_order not in (DMY, MDY):
        raise ImportFileError(f"the date order must be dmy or mdy, not {date_order!r}")
    named = [sheet] if isinstance(sheet, str) else list(sheet or [])
    picked = _chosen_tables(tables, source, named)
    asked = {t.name for t in picked} if named else set(chosen or ())
    out = Collector()
    sheets: list[SheetTable] = []
    ignored: list[tuple[str, str]] = []
    notes: list[str] = []
    for table in picked:
        notes += table.notes
        header = find_header(table.rows)
        if header is None:
            if named:
                raise ImportFileError(f"{source}: sheet {table.name!r} has no recognisable header in its first 20 rows")
            ignored.append((table.name, "no action table found in its first 20 rows"))
            continue
        kind = sheet_kind(table.name)
        if kind and table.name not in asked:
            ignored.append((table.name, f"{kind} (name it with --sheet, or tick it, to import it)"))
            continue
        given = (mappings or {}).get(table.name)
        mapping: dict[Field, int] = dict(given) if given else {Field(f): c for f, c in header.mapping.items()}
        if Field.DESCRIPTION not in mapping:
            raise ImportFileError(f"{source}: sheet {table.name!r} has no column chosen for the action's text")
        sheets.append(read_sheet(table, header, mapping, date_order, bool(given), out))
    if not sheets:
        if ignored and all(not reason.startswith("no action") for _name, reason in ignored):
            left = "; ".join(f"{name!r} is {reason.split(' (')[0]}" for name, reason in ignored)
            raise ImportFileError(f"{source} has no action or issue sheet ({left}): name one with --sheet")
        raise ImportFileError(
            f"{source} has no recognisable header in the first 20 rows of any sheet"
            " (looked for columns such as Ref, Action, Owner, Due date, Status)"
        )
    rows, duplicates = _once_per_ref(out.rows, {s.name for s in sheets if is_closed_sheet(s.name)})
    return ActionFile(
        source,
        tuple(sheets),
        tuple(rows),
        tuple(in_sheet_order([*out.skipped, *duplicates], sheets)),
        tuple(in_sheet_order(out.warnings, sheets)),
        tuple(ignored),
        date_order,
        tuple(dict.fromkeys(notes)),
    )


def sheet_kind(name: str) -> str:
    """What a RAID sheet is, by its name (``""`` for actions, issues and anything else)."""
    lowered = name.lower()
    return next((kind for word, kind in LEFT_OUT_KINDS.items() if word in lowered), "")


def _chosen_tables(tables: Sequence[Table], source: str, names: Sequence[str]) -> list[Table]:
    if not names:
        return list(tables)
    chosen = []
    for name in names:
        found = [t for t in tables if t.name.strip().lower() == name.strip().lower()]
        if not found:
            have = ", ".join(repr(t.name) for t in tables)
            raise ImportFileError(f"{source} has no sheet called {name!r} (it has {have})")
        chosen += [t for t in found if t not in chosen]
    return [t for t in tables if t in chosen]


MERGED_FIELDS = (
    "description",
    "owner_name",
    "owner_agency",
    "raised_on",
    "meeting_date",
    "minute_ref",
    "due_date",
    "revised_due_date",
    "status",
    "rag",
    "closed_on",
)


def _once_per_ref(rows: list[ImportedAction], closed: set[str]) -> tuple[list[ImportedAction], list[RowMessage]]:
    """Each ref once: a closed sheet's row wins, else the last row. What the winning row leaves blank is
    filled from the others (latest first), and the dated updates of every row are kept, as an append-mode
    log means them; the other rows are left out, saying which row won."""
    seen: set[str] = set()
    twice: set[str] = set()
    for item in rows:
        key = item.ref.casefold()
        (twice if key in seen else seen).add(key)
    del seen
    winner: dict[str, ImportedAction] = {}
    group: dict[str, list[ImportedAction]] = {}
    for item in rows:
        key = item.ref.casefold()
        if not item.ref or key not in twice:
            continue
        group.setdefault(key, []).append(item)
        held = winner.get(key)
        if held is None or (item.place.sheet in closed) or held.place.sheet not in closed:
            winner[key] = item
    kept: list[ImportedAction] = []
    dropped: list[RowMessage] = []
    for item in rows:
        won = winner.get(item.ref.casefold()) if item.ref and item.ref.casefold() in twice else None
        if won is None:
            kept.append(item)
        elif won is item:
            kept.append(_merged(item, group[item.ref.casefold()]))
        elif won.place.sheet in closed and item.place.sheet not in closed:
            reason = f"ref {item.ref} is also on the closed sheet ({won.place}), which wins"
            dropped.append(RowMessage(item.place, reason))
        else:
            dropped.append(RowMessage(item.place, f"ref {item.ref} again on {won.place}: the last row wins"))
    return kept, dropped


def _merged(won: ImportedAction, rows: list[ImportedAction]) -> ImportedAction:
    if len(rows) == 1:
        return won
    others = [r for r in reversed(rows) if r is not won]
    gaps: dict[str, Any] = {}  # field name -> the value a repeated row fills in
    for name in MERGED_FIELDS:
        if getattr(won, name) in (None, ""):
            value = next((getattr(r, name) for r in others if getattr(r, name) not in (None, "")), None)
            if value is not None:
                gaps[name] = value
    updates = list(dict.fromkeys(u for r in rows for u in r.updates))
    return replace(won, updates=tuple(updates), **gaps)


__all__ = ["clean_ref", "is_closed_sheet", "parse_actions", "read_actions", "sheet_kind"]
