"""Small converters shared by the repositories."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any


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
