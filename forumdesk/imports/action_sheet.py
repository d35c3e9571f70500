"""Reading one sheet of an action log: which rows are actions and which are left out (template and example
rows, numbered blanks, headings, totals) and why, each cell into its field (dates in the column's own order,
owners, statuses, RAG, updates), and any cell that cannot be read kept as a note. See ``actions``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from forumdesk.domain.dates import is_no_date_word
from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.imports.columns import ACTION_LOOKUP, Field, Header, map_row, match_header, normalise
from forumdesk.imports.plan import (
    ColumnDates,
    ImportedAction,
    Place,
    RowMessage,
    SheetTable,
    column_letters,
)
from forumdesk.imports.safety import MAX_CELL_CHARS
from forumdesk.imports.sources import Row, Table, cut
from forumdesk.imports.values import (
    DMY,
    MDY,
    CellProblem,
    NoDate,
    date_evidence,
    is_help_text,
    read_date,
    read_owner,
    read_rag,
    read_status,
    read_updates,
    text,
    update_dates,
)

Mapping_ = Mapping[Field, int]
_YES = {"yes", "y", "done", "true", "x", "✓", "complete", "completed", "closed"}
_NO = {"no", "n", "false", "open", "not yet"}
_DATE_IN_TEXT = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[A-Za-z]+\s+\d{4}")
_TOTAL = re.compile(r"^(grand\s+)?totals?\b", re.IGNORECASE)
_EXAMPLE = re.compile(r"^\s*(e\.?\s?g\.?|example|sample)\b", re.IGNORECASE)
NUMBERED = "a numbered row with nothing else in it"
DATE_FIELDS = (Field.RAISED, Field.DUE, Field.REVISED, Field.CLOSED)
CLOSED_WORDS = ("closed", "complete", "archive", "done", "finished")


def is_closed_sheet(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in CLOSED_WORDS)


def clean_ref(value: str) -> str:
    """``' AM-1'``, ``'_AM-1'``, ``'AM-1 '`` -> ``'AM-1'``: padding a tool or a typist added."""
    return value.strip().strip("_").strip()


@dataclass
class Collector:
    rows: list[ImportedAction] = field(default_factory=list)
    skipped: list[RowMessage] = field(default_factory=list)
    warnings: list[RowMessage] = field(default_factory=list)


def _span(header: Header, mapping: Mapping_) -> tuple[int, int]:
    columns = list(mapping.values())
    first, last = min(columns), max(columns)
    filled = [i for i, label in enumerate(header.labels) if label and i not in header.outside]
    return min([first, *filled]), max([last, *filled])


def read_sheet(
    table: Table, header: Header, mapping: dict[Field, int], order: str, overridden: bool, out: Collector
) -> SheetTable:
    start = header.row + 1
    dates = _date_orders(table, start, mapping, header.labels, order)
    orders = {c.field: c.order for c in dates}
    first, last = _span(header, mapping)
    left_out = _columns_left_out(header, mapping, first, last)
    under_header = True
    count = 0
    cuts: dict[int, dict[int, int]] = {}
    for (r, c), length in table.cuts.items():
        cuts.setdefault(r, {})[c] = length
    for index, values in enumerate(table.iter_rows(start), start=start):
        count += 1
        if any(isinstance(v, str) and len(v) > MAX_CELL_CHARS for v in values):  # a table not read by sources
            cells = [cut(v) for v in values]
            values = tuple(v for v, _ in cells)
            cuts.setdefault(index, {}).update({c: n for c, (_, n) in enumerate(cells) if n})
        row = _Row(table, index, values, mapping, orders, out)
        row.cuts = cuts.get(index, {})
        row.chosen = order
        shown = [text(v) for i, v in enumerate(values) if first <= i <= last]
        if not any(shown):
            beside = [column_letters(i) for i, v in enumerate(values) if text(v)]
            if beside:
                out.skipped.append(RowMessage(row.place, f"only cells beside the table (column {', '.join(beside)})"))
            continue
        if under_header and (reason := _template_row(row)):
            out.skipped.append(RowMessage(row.place, reason))
            continue
        under_header = False
        _read_row(row, shown)
    why = {f: header.why[f] for f in mapping if f in header.why and header.mapping.get(f) == mapping[f]}
    if overridden:
        why.update({f: "chosen by hand" for f in mapping if f not in why})
    return SheetTable(table.name, header.row + 1, header.labels, mapping, count, why, tuple(dates), tuple(left_out))


def _columns_left_out(header: Header, mapping: Mapping_, first: int, last: int) -> list[str]:
    used = set(mapping.values())
    notes = []
    unknown = [i for i in range(first, last + 1) if i not in used and i < len(header.labels) and header.labels[i]]
    for i in unknown:
        notes.append(f"column {column_letters(i)} ({header.labels[i]!r}): not a column ForumDesk knows")
    if header.outside:
        shown = ", ".join(column_letters(i) for i in header.outside)
        notes.append(f"columns {shown}: beside the table, past an empty column (a panel of totals or notes)")
    return notes


def _date_orders(table: Table, start: int, mapping: Mapping_, labels: Sequence[str], chosen: str) -> list[ColumnDates]:
    """Per date column: day first or month first, decided from all its values; the chosen order if either."""
    fields = [f for f in (*DATE_FIELDS, Field.UPDATE) if f in mapping]
    seen: dict[Field, dict[str, str]] = {f: {} for f in fields}
    real: dict[Field, object] = {}
    for values in table.iter_rows(start):
        for f in fields:
            column = mapping[f]
            value = values[column] if column < len(values) else None
            if value is None:
                continue
            if f is Field.UPDATE:  # the dates that begin its lines
                for typed in update_dates(value):
                    if kind := date_evidence(typed):
                        seen[f].setdefault(kind, typed)
                continue
            kind = date_evidence(value)
            if kind:
                seen[f].setdefault(kind, text(value))
            elif f not in real and not isinstance(value, str):
                real[f] = value
    out = []
    for f in fields:
        found = seen[f]
        column = mapping[f]
        label = labels[column] if column < len(labels) else ""
        where = f"{column_letters(column)} ({label})" if label else column_letters(column)
        if DMY in found and MDY in found:
            order = chosen
            reason = (
                f"values of both orders ({found[DMY]!r} and {found[MDY]!r}): the date order chosen is followed,"
                " and dates impossible in it are kept in notes"
            )
        elif DMY in found:
            order, reason = DMY, f"{found[DMY]!r} can only be day first"
        elif MDY in found:
            order, reason = MDY, f"{found[MDY]!r} can only be month first (a US date)"
        elif "either" in found:
            order, reason = chosen, "every date here reads either way: the date order chosen is followed"
        elif f in real:
            out.append(ColumnDates(f, where, chosen, "real dates: no order to decide", _example(real[f], chosen)))
            continue
        else:
            continue
        sample = found.get(order) or found.get("either") or next(iter(found.values()))
        out.append(ColumnDates(f, where, order, reason, _example(sample, order)))
    return out


def _example(value: object, order: str) -> str:
    try:
        when = read_date(value, order)
    except (CellProblem, NoDate):
        return f"{text(value)!r} cannot be read in this order"
    if when is None:
        return ""
    return f"{text(value)!r} is {when.day} {when:%B %Y}"


class _Row:
    """One data row being read: its cells by field, the notes gathered so far."""

    def __init__(
        self, table: Table, index: int, values: Row, mapping: Mapping_, orders: Mapping[Field, str], out: Collector
    ) -> None:
        self.table, self.index, self.mapping, self.orders, self.out = table, index, mapping, orders, out
        self.values = values
        self.place = Place(table.name, index + 1)
        self.notes: list[str] = []
        self.chosen = DMY  # the date order chosen for dates that read either way
        self.cuts: dict[int, int] = {}  # column -> characters before the cut

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
            return read_date(self.raw(field_), self.orders.get(field_, DMY))
        except NoDate as word:
            self.notes.append(f"{field_.value}: {word.args[0]}")
            return None
        except CellProblem as error:
            self.problem(field_, str(error))
            return None


def _template_row(row: _Row) -> str:
    """Why a row right under the header is the template's, not an action ("" if it is an action)."""
    cells = [(f, row.text(f)) for f in row.mapping if row.text(f)]
    if any(_EXAMPLE.match(value) for f, value in cells if f in (Field.REF, Field.DESCRIPTION, Field.OWNER)):
        return "an example row from the template"
    helpful = sum(
        1
        for f, value in cells
        if is_help_text(value)
        or _explains_a_date(row, f, value)
        or _explains_a_ref(f, value)
        or _lists_the_choices(f, value)
    )
    if cells and helpful >= 2 and helpful * 2 >= len(cells):
        return "column explanations under the header"
    return ""


def _lists_the_choices(field_: Field, value: str) -> bool:
    """A status or RAG cell listing what may go there: "Open/Closed/Ongoing", "R / A / G"."""
    if field_ not in (Field.STATUS, Field.RAG):
        return False
    parts = [p.strip() for p in re.split(r"[/|,]", value) if p.strip()]
    return len(parts) >= 2


def _explains_a_ref(field_: Field, value: str) -> bool:
    """Words where the ref goes, with no digit in them: "Unique number for the action"."""
    return field_ is Field.REF and len(value.split()) >= 3 and not any(ch.isdigit() for ch in value)


def _explains_a_date(row: _Row, field_: Field, value: str) -> bool:
    """Words in a date column that are neither a date nor "TBC" and the like: "When due" (a mistyped date
    such as "13/25/2025" is a real row's problem, not an explanation)."""
    if field_ not in DATE_FIELDS or isinstance(row.raw(field_), (int, float)) or is_no_date_word(value):
        return False
    if any(ch.isdigit() for ch in value) or not any(ch.isalpha() for ch in value):
        return False
    try:
        read_date(row.raw(field_), row.orders.get(field_, DMY))
    except (CellProblem, NoDate):
        return True
    return False


def _read_row(row: _Row, shown: list[str]) -> None:
    out = row.out
    description = row.text(Field.DESCRIPTION)
    filled = [s for s in shown if s]
    if not description:
        ref_column = row.mapping.get(Field.REF)
        if ref_column is not None and len(filled) == 1 and _is_number(row.raw(Field.REF)):
            out.skipped.append(RowMessage(row.place, NUMBERED))  # a template's pre-numbered row
        elif _TOTAL.match(filled[0]):
            out.skipped.append(RowMessage(row.place, f"a totals row ({filled[0][:60]!r})"))
        elif len(filled) == 1:
            out.skipped.append(RowMessage(row.place, f"a section heading ({filled[0][:60]!r})"))
        else:
            out.skipped.append(RowMessage(row.place, "no action text"))
        return
    if _TOTAL.match(description) and len(filled) == 1:
        out.skipped.append(RowMessage(row.place, f"a totals row ({description[:60]!r})"))
        return
    if match_header(row.raw(Field.DESCRIPTION), ACTION_LOOKUP) is Field.DESCRIPTION and _is_header(row.values):
        out.skipped.append(RowMessage(row.place, "a repeated header row"))
        return
    for c, length in row.cuts.items():
        what = next((f.value for f, col in row.mapping.items() if col == c), f"column {column_letters(c)}")
        out.warnings.append(RowMessage(row.place, f"{what}: cut to {MAX_CELL_CHARS:,} characters (it had {length:,})"))
    out.rows.append(_action(row, description))


def _is_number(value: object) -> bool:
    """A pre-numbered row's ref: a number, or a short code with a digit in it (``12``, ``A-012``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    shown = text(value)
    return 0 < len(shown) <= 20 and any(ch.isdigit() for ch in shown)


def _is_header(values: Sequence[object]) -> bool:
    return len(map_row(values, ACTION_LOOKUP)) >= 3


def _action(row: _Row, description: str) -> ImportedAction:
    owner = read_owner(row.raw(Field.OWNER))
    name = owner.name
    if name and normalise(name) in ACTION_LOOKUP:  # a header's word ("Owner", "Lead") is nobody
        row.notes.append(f"Owner: {name}")
        name = ""
    row.notes.extend(owner.notes)
    if owner.others:
        row.notes.append(f"Also owned by: {', '.join(owner.others)}")
    agency = row.text(Field.AGENCY) or owner.agency
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
        ref=clean_ref(row.text(Field.REF)),
        owner_name=name,
        owner_agency=agency,
        raised_on=row.date(Field.RAISED),
        meeting_date=_meeting(row),
        minute_ref=row.text(Field.MINUTE_REF),
        due_date=row.date(Field.DUE),
        revised_due_date=row.date(Field.REVISED),
        status=status,
        rag=rag,
        closed_on=closed_on,
        updates=tuple(read_updates(row.raw(Field.UPDATE), _sheet_order(row))),
        notes=tuple(row.notes),
    )


def _sheet_order(row: _Row) -> str:
    """The order of the dates that begin an update's lines: decided from the update column's own dates."""
    return row.orders.get(Field.UPDATE, row.chosen)


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
