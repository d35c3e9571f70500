"""Small converters shared by the repositories."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from forumdesk.db.connection import utc_now

if TYPE_CHECKING:
    from forumdesk.db.connection import Store

T = TypeVar("T")


def d(value: Any) -> date | None:
    return None if value in (None, "") else date.fromisoformat(str(value)[:10])


def dt(value: Any) -> datetime | None:
    return None if value in (None, "") else datetime.fromisoformat(str(value))


def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def placeholders(values: Sequence[Any] | Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def codes(value: Any) -> tuple[str, ...]:
    return tuple(sorted(str(value).split())) if value else ()


def update_audited(
    store: Store,
    table: str,
    entity: str,
    row_id: int,
    fields: Mapping[str, object],
    *,
    columns: Collection[str] | None = None,
    convert: Callable[[object], object] = lambda value: value,
    touch: bool = False,
    unaudited: Collection[str] = (),
) -> dict[str, object]:
    """The one way a repository changes a row's fields: an UPDATE and an audit row per column whose value changes.

    ``columns`` (when given) are the ones that may change (another is a ``KeyError``); ``convert`` turns a value
    into its column's form; ``touch`` also sets ``updated_at``; a column in ``unaudited`` is written but not
    audited. Returns the old values of the columns that changed ({} when there is no such row)."""
    old = store.query_one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    if old is None:
        return {}
    changed: dict[str, object] = {}
    for column, value in fields.items():
        if columns is not None and column not in columns:
            raise KeyError(column)
        new = convert(value)
        if old[column] != new:
            stamp = ", updated_at = ?" if touch else ""
            params = (new, utc_now(), row_id) if touch else (new, row_id)
            store.conn.execute(f"UPDATE {table} SET {column} = ?{stamp} WHERE id = ?", params)
            if column not in unaudited:
                store.audit(entity, row_id, "update", column, old[column], new)
            changed[column] = old[column]
    return changed


_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's fields' names, read once


def record(cls: type[T], r: sqlite3.Row, **converted: object) -> T:
    """The dataclass ``cls`` from row ``r``: each field from the column of its name as it stands, unless
    ``converted`` gives it (a date parsed, an enum, a flag); a field with neither keeps its default."""
    names = _FIELDS.get(cls)
    if names is None:
        kind: Any = cls
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(kind) if f.init)
    for name in names:
        if name not in converted:
            try:  # noqa: SIM105 -- cheaper per row than contextlib.suppress
                converted[name] = r[name]
            except IndexError:  # no such column
                pass
    return cls(**converted)


def insert_row(store: Store, table: str, columns: Mapping[str, object]) -> int:
    """INSERT one row of ``columns`` (name: value) into ``table``; its new id."""
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})"
    return int(store.conn.execute(sql, list(columns.values())).lastrowid or 0)


def replace_links(
    store: Store, table: str, owner: tuple[str, int], link: str, ids: Iterable[int], *, skip_repeats: bool = False
) -> None:
    """Make ``table``'s links from ``owner`` (column, id) exactly ``ids`` (in column ``link``): delete, then insert.
    ``skip_repeats`` passes over an id given twice rather than failing on it."""
    column, owner_id = owner
    store.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (owner_id,))
    verb = "INSERT OR IGNORE" if skip_repeats else "INSERT"
    store.conn.executemany(f"{verb} INTO {table} ({column}, {link}) VALUES (?, ?)", [(owner_id, i) for i in ids])


def filtered(sql: str, conditions: Iterable[tuple[bool, str, Sequence[object]]]) -> tuple[str, list[object]]:
    """``sql`` (ending in a WHERE clause) with `` AND condition`` added for each (wanted, condition, params)
    that is wanted, and the parameters in order."""
    params: list[object] = []
    for wanted, condition, values in conditions:
        if wanted:
            sql += f" AND {condition}"
            params += values
    return sql, params
