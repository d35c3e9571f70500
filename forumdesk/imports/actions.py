"""Reading an action log (every sheet with a recognised header, or the one named) into an ``ActionFile``.

Section headings and blank rows inside the table are skipped; a cell that cannot be read costs only its
field, and its text is kept in a note on the action, so nothing the secretary typed is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.errors import ImportFileError
from forumdesk.imports.columns import ACTION_LOOKUP, Field, find_header, map_row, match_header
from forumdesk.imports.plan import ActionFile, ImportedAction, Place, RowMessage, SheetTable
from forumdesk.imports.sources import Table, load_tables
from forumdesk.imports.values import (
    CellProblem,
    NoDate,
    read_date,
    read_owner,
    read_rag,
    read_status,
    read_updates,
    text,
)

Mapping_ = Mapping[Field, int]
_YES = {"yes", "y", "done", "true", "x", "✓", "complete", "completed", "closed"}
_NO = {"no", "n", "false", "open", "not yet"}
_DATE_IN_TEXT = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[A-Za-z]+\s+\d{4}")


def read_actions(
    path: str | Path, *, sheet: str | None = None, mappings: Mapping[str, Mapping_] | None = None
) -> ActionFile:
    return parse_actions(load_tables(path), Path(path).name, sheet=sheet, mappings=mappings)


def parse_actions(
    tables: Sequence[Table], source: str, *, sheet: str | None = None, mappings: Mapping[str, Mapping_] | None = None
) -> ActionFile:
    """The action rows of every table with a header (``mappings`` overrides the columns found, per sheet)."""
    chosen = _chosen_tables(tables, source, sheet)
    out = _Collector()
    sheets: list[SheetTable] = []
    ignored: list[str] = []
    for table in chosen:
        header = find_header(table.rows)
        if header is None:
            if sheet is not None:
                raise ImportFileError(f"{source}: sheet {table.name!r} has no recognisable header in its first 20 rows")
            ignored.append(table.name)
            continue
        mapping: dict[Field, int] = dict((mappings or {}).get(table.name) or header.mapping)  # type: ignore[arg-type]
        if Field.DESCRIPTION not in mapping:
            raise ImportFileError(f"{source}: sheet {table.name!r} has no column chosen for the action's text")
        sheets.append(SheetTable(table.name, header.row + 1, header.labels, mapping, len(table.rows) - header.row - 1))
        for index in range(header.row + 1, len(table.rows)):
            _read_row(table, index, mapping, out)
    if not sheets:
        raise ImportFileError(
            f"{source} has no recognisable header in the first 20 rows of any sheet"
            " (looked for columns such as Ref, Action, Owner, Due date, Status)"
        )
    return ActionFile(source, tuple(sheets), tuple(out.rows), tuple(out.skipped), tuple(out.warnings), tuple(ignored))


def _chosen_tables(tables: Sequence[Table], source: str, sheet: str | None) -> list[Table]:
    if sheet is None:
        return list(tables)
    chosen = [t for t in tables if t.name.strip().lower() == sheet.strip().lower()]
    if not chosen:
        names = ", ".join(repr(t.name) for t in tables)
        raise ImportFileError(f"{source} has no sheet called {sheet!r} (it has {names})")
    return chosen


@dataclass
class _Collector:
    rows: list[ImportedAction] = field(default_factory=list)
    skipped: list[RowMessage] = field(default_factory=list)
    warnings: list[RowMessage] = field(default_factory=list)


class _Row:
    """One data row being read: its cells by field, the notes gathered so far."""

    def __init__(self, table: Table, index: int, mapping: Mapping_, out: _Collector) -> None:
        self.table, self.index, self.mapping, self.out = table, index, mapping, out
        self.values = table.rows[index]
        self.place = Place(table.name, index + 1)
        self.notes: list[str] = []

    def raw(self, field_: Field) -> object:
        column = self.mapping.get(field_)
        return None if column is None or column >= len(self.values) else self.values[column]

    def text(self, field_: Field) -> str:
        return text(self.raw(field_))

    def problem(self, field_: Field, message: str) -> None:
        self.notes.append(f"{field_.value}: {self.text(field_)}")
        self.out.warnings.append(RowMessage(self.place, f"{field_.value}: {message} (kept in a note)"))

    def date(self, field_: Field) -> date | None:
        try:
            return read_date(self.raw(field_))
        except NoDate as word:
            self.notes.append(f"{field_.value}: {word.args[0]}")
            return None
        except CellProblem as error:
            self.problem(field_, str(error))
            return None


def _read_row(table: Table, index: int, mapping: Mapping_, out: _Collector) -> None:
    row = _Row(table, index, mapping, out)
    shown = [text(v) for v in row.values]
    if not any(shown):
        return  # blank rows are skipped without a word
    description = row.text(Field.DESCRIPTION)
    if not description:
        filled = [s for s in shown if s]
        reason = f"a section heading ({filled[0][:60]!r})" if len(filled) == 1 else "no action text"
        out.skipped.append(RowMessage(row.place, reason))
        return
    if match_header(row.raw(Field.DESCRIPTION), ACTION_LOOKUP) is Field.DESCRIPTION and _is_header(row.values):
        out.skipped.append(RowMessage(row.place, "a repeated header row"))
        return
    out.rows.append(_action(row, description))


def _is_header(values: Sequence[object]) -> bool:
    return len(map_row(values, ACTION_LOOKUP)) >= 3


def _action(row: _Row, description: str) -> ImportedAction:
    owner, agency, others = read_owner(row.raw(Field.OWNER))
    if others:
        row.notes.append(f"Also owned by: {', '.join(others)}" if owner else f"Owner: {', '.join(others)}")
    agency = row.text(Field.AGENCY) or agency
    status = _status(row)
    closed_on, closed_flag = _closed(row)
    rag = _rag(row)
    if closed_flag and (status is None or status.is_open):
        status = ActionStatus.COMPLETE
    if rag is Rag.BLUE and status is None:
        status = ActionStatus.COMPLETE
    return ImportedAction(
        place=row.place,
        description=description,
        ref=row.text(Field.REF),
        owner_name=owner,
        owner_agency=agency,
        raised_on=row.date(Field.RAISED),
        meeting_date=_meeting(row),
        minute_ref=row.text(Field.MINUTE_REF),
        due_date=row.date(Field.DUE),
        revised_due_date=row.date(Field.REVISED),
        status=status,
        rag=rag,
        closed_on=closed_on,
        updates=tuple(read_updates(row.raw(Field.UPDATE))),
        notes=tuple(row.notes),
    )


def _status(row: _Row) -> ActionStatus | None:
    try:
        return read_status(row.raw(Field.STATUS))
    except CellProblem as error:
        row.problem(Field.STATUS, str(error))
        return None


def _closed(row: _Row) -> tuple[date | None, bool]:
    """(date closed, whether the row says the action is closed): a date or a Yes in a Completed column."""
    value = row.raw(Field.CLOSED)
    if isinstance(value, bool):
        return None, value
    word = row.text(Field.CLOSED).lower()
    if word in _YES:
        return None, True
    if word in _NO:
        return None, False
    closed = row.date(Field.CLOSED)
    return closed, closed is not None


def _rag(row: _Row) -> Rag | None:
    column = row.mapping.get(Field.RAG)
    fill = None if column is None else row.table.fill(row.index, column)
    try:
        return read_rag(row.raw(Field.RAG), fill)
    except CellProblem as error:
        row.problem(Field.RAG, str(error))
        return None


def _meeting(row: _Row) -> date | None:
    value = row.raw(Field.MEETING)
    try:
        return read_date(value)
    except (NoDate, CellProblem):
        pass
    found = _DATE_IN_TEXT.search(row.text(Field.MEETING))
    if found:
        try:
            return read_date(found.group(0))
        except (NoDate, CellProblem):
            pass
    row.notes.append(f"Meeting: {row.text(Field.MEETING)}")
    return None
