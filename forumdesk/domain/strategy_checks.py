"""Checking a decoded strategy file and building its ``StrategyDocument``: the keys allowed at each level, the
format version, required and typed fields, unique codes, forums that exist. A mistake is a
``StrategyFileError`` naming the field and, for TOML, its line (``ReadingContext.fail``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NoReturn

from forumdesk.domain.errors import StrategyFileError
from forumdesk.domain.strategy_document import (
    FORMAT_VERSION,
    StrategyAim,
    StrategyArea,
    StrategyDocument,
    StrategyForum,
    StrategyTheme,
)
from forumdesk.domain.toml_lines import join_field, parent_field

Table = dict[str, object]

_TOP_KEYS = (
    "format",
    "name",
    "owner",
    "signed_by",
    "signed_role",
    "delivery",
    "districts",
    "themes",
    "forums",
    "areas",
)
_AREA_KEYS = ("code", "name", "heading", "objective", "forums", "forums_as_printed", "aims")
_AIM_KEYS = ("code", "text")
_FORUM_KEYS = ("name", "short_code", "family", "note")
_THEME_KEYS = ("code", "name", "description")

@dataclass(frozen=True)
class ReadingContext:
    source: str
    lines: Mapping[str, int]

    def line_of(self, field: str) -> int | None:
        """The line of ``field``, else of the nearest enclosing field that has one."""
        while field:
            if field in self.lines:
                return self.lines[field]
            field = parent_field(field)
        return None

    def fail(self, field: str, message: str) -> NoReturn:
        raise StrategyFileError(message, source=self.source, field=field, line=self.line_of(field))


def document_from(context: ReadingContext, data: Table) -> StrategyDocument:
    _check_keys(context, data, "", _TOP_KEYS)
    _check_format(context, data)
    name = _required_text(context, data, "", "name")
    owner = _required_text(context, data, "", "owner")
    signed_by = _optional_text(context, data, "", "signed_by") or ""
    signed_role = _optional_text(context, data, "", "signed_role") or ""
    delivery = _optional_text(context, data, "", "delivery") or ""
    districts = _text_list(context, data, "", "districts")
    forums = tuple(_forum(context, table, field) for field, table in _tables(context, data, "", "forums"))
    themes = tuple(_theme(context, table, field) for field, table in _tables(context, data, "", "themes"))
    areas = _areas(context, data)
    _check_unique(context, ((f"forums[{i}].name", f.name) for i, f in enumerate(forums)), "forum name")
    _check_unique(context, ((f"themes[{i}].code", t.code) for i, t in enumerate(themes)), "theme code")
    _check_codes(context, areas)
    _check_forum_references(context, areas, {forum.name for forum in forums})
    return StrategyDocument(
        name=name,
        owner=owner,
        signed_by=signed_by,
        signed_role=signed_role,
        delivery=delivery,
        districts=districts,
        areas=areas,
        forums=forums,
        themes=themes,
        source=context.source,
    )


def _check_format(context: ReadingContext, data: Table) -> None:
    value = data.get("format")
    if value is None:
        context.fail("format", f"required field is missing (write: format = {FORMAT_VERSION})")
    if isinstance(value, bool) or not isinstance(value, int):
        context.fail("format", f"must be a whole number, not {_kind(value)}")
    if value != FORMAT_VERSION:
        context.fail("format", f"unknown format version {value}; ForumDesk reads format {FORMAT_VERSION}")


def _areas(context: ReadingContext, data: Table) -> tuple[StrategyArea, ...]:
    tables = _tables(context, data, "", "areas")
    if not tables:
        context.fail("areas", "the strategy has no priority areas; add at least one [[areas]] table")
    return tuple(_area(context, table, field) for field, table in tables)


def _area(context: ReadingContext, table: Table, field: str) -> StrategyArea:
    _check_keys(context, table, field, _AREA_KEYS)
    code = _required_text(context, table, field, "code")
    name = _required_text(context, table, field, "name")
    aims = _tables(context, table, field, "aims")
    if not aims:
        context.fail(join_field(field, "aims"), "an area needs at least one aim ([[areas.aims]])")
    forums = _text_list(context, table, field, "forums")
    return StrategyArea(
        code=code,
        name=name,
        heading=_optional_text(context, table, field, "heading") or name,
        objective=_required_text(context, table, field, "objective"),
        aims=tuple(_aim(context, aim, aim_field, code) for aim_field, aim in aims),
        forums=forums,
        forums_as_printed=_text_list(context, table, field, "forums_as_printed") or forums,
    )


def _aim(context: ReadingContext, table: Table, field: str, area_code: str) -> StrategyAim:
    _check_keys(context, table, field, _AIM_KEYS)
    code = _required_text(context, table, field, "code")
    if not code.startswith(f"{area_code}-"):
        context.fail(
            join_field(field, "code"),
            f"aim code {code!r} must start with {area_code + '-'!r}, the code of its area",
        )
    return StrategyAim(code=code, text=_required_text(context, table, field, "text"))


def _forum(context: ReadingContext, table: Table, field: str) -> StrategyForum:
    _check_keys(context, table, field, _FORUM_KEYS)
    family = table.get("family", False)
    if not isinstance(family, bool):
        context.fail(join_field(field, "family"), f"must be true or false, not {_kind(family)}")
    return StrategyForum(
        name=_required_text(context, table, field, "name"),
        short_code=_optional_text(context, table, field, "short_code"),
        family=family,
        note=_optional_text(context, table, field, "note"),
    )


def _theme(context: ReadingContext, table: Table, field: str) -> StrategyTheme:
    _check_keys(context, table, field, _THEME_KEYS)
    return StrategyTheme(
        code=_required_text(context, table, field, "code"),
        name=_required_text(context, table, field, "name"),
        description=_optional_text(context, table, field, "description") or "",
    )


def _check_codes(context: ReadingContext, areas: tuple[StrategyArea, ...]) -> None:
    _check_unique(context, ((f"areas[{i}].code", area.code) for i, area in enumerate(areas)), "area code")
    aim_codes = (
        (f"areas[{i}].aims[{j}].code", aim.code)
        for i, area in enumerate(areas)
        for j, aim in enumerate(area.aims)
    )
    _check_unique(context, aim_codes, "aim code")


def _check_forum_references(context: ReadingContext, areas: tuple[StrategyArea, ...], names: set[str]) -> None:
    for i, area in enumerate(areas):
        for j, name in enumerate(area.forums):
            if name not in names:
                message = f"forum {name!r} is not the name of any [[forums]] entry"
                context.fail(f"areas[{i}].forums[{j}]", message)


def _check_unique(context: ReadingContext, items: Iterable[tuple[str, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for field, value in items:
        if value in seen:
            context.fail(field, f"duplicate {what} {value!r} (already used at {seen[value]})")
        seen[value] = field


def _check_keys(context: ReadingContext, table: Table, prefix: str, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            context.fail(join_field(prefix, key), f"unknown field; expected one of: {', '.join(allowed)}")


# --- Typed access to fields -------------------------------------------------------------------------


def _required_text(context: ReadingContext, table: Table, prefix: str, key: str) -> str:
    value = _optional_text(context, table, prefix, key)
    if value is None:
        context.fail(join_field(prefix, key), "required field is missing")
    return value


def _optional_text(context: ReadingContext, table: Table, prefix: str, key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    return _text(context, value, join_field(prefix, key))


def _text(context: ReadingContext, value: object, field: str) -> str:
    if not isinstance(value, str):
        context.fail(field, f"must be text, not {_kind(value)}")
    if not value.strip():
        context.fail(field, "must not be empty")
    return value


def _text_list(context: ReadingContext, table: Table, prefix: str, key: str) -> tuple[str, ...]:
    field = join_field(prefix, key)
    value = table.get(key, [])
    if not isinstance(value, list):
        context.fail(field, f"must be a list of text, not {_kind(value)}")
    return tuple(_text(context, item, f"{field}[{i}]") for i, item in enumerate(value))


def _tables(context: ReadingContext, table: Table, prefix: str, key: str) -> list[tuple[str, Table]]:
    """The tables of an array of tables, each with its field path (``areas[0]``, ``areas[1]``...)."""
    field = join_field(prefix, key)
    value = table.get(key, [])
    if not isinstance(value, list):
        context.fail(field, f"must be a list of tables, not {_kind(value)}")
    result: list[tuple[str, Table]] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            context.fail(f"{field}[{i}]", f"must be a table, not {_kind(item)}")
        result.append((f"{field}[{i}]", item))
    return result


def _kind(value: object) -> str:
    """A reader's word for the type of a value, for error messages."""
    if value is None:
        return "null"
    kinds: tuple[tuple[type[object], str], ...] = (
        (bool, "true/false"),
        (int, "a whole number"),
        (float, "a number"),
        (str, "text"),
        (list, "a list"),
        (dict, "a table"),
    )
    return next((word for kind, word in kinds if isinstance(value, kind)), "a date or time")
