"""Strategy files: a force's crime prevention strategy as structured data.

A strategy file (TOML, or JSON with the same structure) holds the strategy's priority areas, each with
one objective, its strategic aims and the partnership forums that deliver it; the forums themselves;
and the cross-cutting themes. The format is documented in the header of the bundled Essex file,
``resources/strategies/essex-police-crime-prevention.toml`` (see ``BUNDLED_STRATEGY_PATH``).

``load_strategy`` reads a file and ``parse_strategy`` reads text. Either returns a frozen
``StrategyDocument`` or raises ``StrategyFileError`` naming the field (``areas[2].aims[3].text``;
indices count from 0 in file order) and, for TOML, the line of the mistake. A bad file never gives a
traceback. Semantic errors in JSON files carry the field but no line.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from forumdesk.domain.errors import StrategyFileError

FORMAT_VERSION = 1
BUNDLED_STRATEGY_PATH = (
    Path(__file__).resolve().parents[2] / "resources" / "strategies" / "essex-police-crime-prevention.toml"
)

_Table = dict[str, object]

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
_SUFFIXES = {".toml": "toml", ".json": "json"}


@dataclass(frozen=True)
class StrategyAim:
    """One strategic aim; ``code`` (e.g. ``DA-1``) is stable and is what forums and actions link to."""

    code: str
    text: str


@dataclass(frozen=True)
class StrategyArea:
    """A priority area: its objective, its aims and the names of the forums that deliver it."""

    code: str
    name: str
    heading: str
    objective: str
    aims: tuple[StrategyAim, ...]
    forums: tuple[str, ...]
    forums_as_printed: tuple[str, ...] = ()


@dataclass(frozen=True)
class StrategyForum:
    """A partnership forum named by the strategy; ``family`` means one local body per district."""

    name: str
    short_code: str | None = None
    family: bool = False
    note: str | None = None


@dataclass(frozen=True)
class StrategyTheme:
    """A cross-cutting theme, such as Support Victims."""

    code: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class StrategyDocument:
    """A whole strategy as loaded from ``source``."""

    name: str
    owner: str
    signed_by: str
    signed_role: str
    delivery: str
    districts: tuple[str, ...]
    areas: tuple[StrategyArea, ...]
    forums: tuple[StrategyForum, ...]
    themes: tuple[StrategyTheme, ...]
    source: str

    def aims(self) -> Iterator[tuple[StrategyArea, StrategyAim]]:
        """Every (area, aim) pair, in the strategy's order."""
        for area in self.areas:
            for aim in area.aims:
                yield area, aim

    def areas_of_forum(self, name: str) -> tuple[StrategyArea, ...]:
        """The priority areas that list the forum called ``name``."""
        return tuple(area for area in self.areas if name in area.forums)

    def area(self, code: str) -> StrategyArea | None:
        """The area with this code, or None."""
        return next((area for area in self.areas if area.code == code), None)

    def aim(self, code: str) -> StrategyAim | None:
        """The aim with this code, or None."""
        return next((aim for _, aim in self.aims() if aim.code == code), None)

    def forum(self, name: str) -> StrategyForum | None:
        """The forum with this name, or None."""
        return next((forum for forum in self.forums if forum.name == name), None)


# --- Loading ----------------------------------------------------------------------------------------


def load_strategy(path: str | Path) -> StrategyDocument:
    """Read a strategy file (.toml or .json); raise StrategyFileError if it cannot be used."""
    file = Path(path)
    source = str(file)
    if file.is_dir():
        raise StrategyFileError("is a folder, not a strategy file", source=source)
    fmt = _SUFFIXES.get(file.suffix.lower())
    if fmt is None:
        found = f"'{file.suffix}'" if file.suffix else "no extension"
        raise StrategyFileError(f"not a strategy file: expected .toml or .json, found {found}", source=source)
    return parse_strategy(_read_text(file, source), source, fmt=fmt)


def parse_strategy(text: str, source: str, *, fmt: str = "toml") -> StrategyDocument:
    """Read a strategy from ``text`` in ``fmt`` ("toml" or "json"); ``source`` names it in errors."""
    if fmt == "toml":
        data = _decode_toml(text, source)
        return _document(_Context(source, _toml_field_lines(text)), data)
    if fmt == "json":
        return _document(_Context(source, {}), _decode_json(text, source))
    raise ValueError(f"unknown strategy file format {fmt!r}; expected 'toml' or 'json'")


def _read_text(file: Path, source: str) -> str:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise StrategyFileError(f"cannot be read: {error.strerror or error}", source=source) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise StrategyFileError("is not UTF-8 text", source=source, line=line) from None


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _decode_toml(text: str, source: str) -> _Table:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message, line = _toml_error_location(str(error), text)
        raise StrategyFileError(f"TOML syntax error: {message}", source=source, line=line) from None


def _toml_error_location(message: str, text: str) -> tuple[str, int | None]:
    """Split tomllib's "... (at line 3, column 5)" into the message and the line number."""
    at = _TOML_AT.search(message)
    if at:
        return f"{message[: at.start()]} (column {at[2]})", int(at[1])
    at_end = _TOML_AT_END.search(message)
    if at_end:
        return f"{message[: at_end.start()]} (at the end of the file)", max(1, len(text.splitlines()))
    return message, None


def _decode_json(text: str, source: str) -> _Table:
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"JSON syntax error: {error.msg} (column {error.colno})"
        raise StrategyFileError(message, source=source, line=error.lineno) from None
    if not isinstance(data, dict):
        raise StrategyFileError("must hold a JSON object at the top level", source=source, line=1)
    return data


# --- Finding the line of a field in TOML text -------------------------------------------------------

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\\]*"|'[^']*')"""
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=(.*)$")
_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'""")


@dataclass
class _LineScan:
    """State while scanning TOML text: the current table, open multi-line strings and arrays."""

    lines: dict[str, int]
    counts: dict[str, int]
    table: str = ""
    in_string: str | None = None
    array: str | None = None
    array_index: int = 0


def _toml_field_lines(text: str) -> dict[str, int]:
    """Map field paths (``areas[1].aims[0].text``, ``areas[1].forums[2]``) to the line they start on.

    Best effort for valid, hand-written TOML: table headers, ``key = value`` lines and the items of
    arrays of strings; anything else falls back to the line of the enclosing key or table.
    """
    scan = _LineScan(lines={}, counts={})
    for number, line in enumerate(text.splitlines(), start=1):
        _scan_line(scan, number, line)
    return scan.lines


def _scan_line(scan: _LineScan, number: int, line: str) -> None:
    if scan.in_string is not None:
        if line.count(scan.in_string) % 2:
            scan.in_string = None
        return
    if scan.array is not None:
        _scan_array_items(scan, number, line)
        return
    header = _HEADER.match(line)
    if header:
        scan.table = _header_path(_key_parts(header[2]), header[1] == "[[", scan.counts)
        scan.lines.setdefault(scan.table, number)
        return
    key = _KEY.match(line)
    if key:
        _scan_key(scan, number, _join(scan.table, ".".join(_key_parts(key[1]))), key[2])


def _scan_key(scan: _LineScan, number: int, field: str, value: str) -> None:
    scan.lines.setdefault(field, number)
    for quote in ('"""', "'''"):
        if value.count(quote) % 2:
            scan.in_string = quote
            return
    if value.lstrip().startswith("["):
        scan.array, scan.array_index = field, 0
        _scan_array_items(scan, number, value.lstrip()[1:])


def _scan_array_items(scan: _LineScan, number: int, line: str) -> None:
    """Record the line of each string item of an array; stop at its end or at anything but strings."""
    blanked = _STRING.sub(lambda string: "'" * len(string[0]), line)  # strings can hold [ ] { # too
    code = blanked.split("#", 1)[0]
    if "[" in code or "{" in code:
        scan.array = None
        return
    for _ in _STRING.finditer(line, 0, len(code)):
        scan.lines.setdefault(f"{scan.array}[{scan.array_index}]", number)
        scan.array_index += 1
    if "]" in code:
        scan.array = None


def _key_parts(key: str) -> list[str]:
    return [part.strip("\"'") for part in re.findall(_KEY_PART, key)]


def _header_path(parts: list[str], is_array: bool, counts: dict[str, int]) -> str:
    """``[[areas.aims]]`` after two ``[[areas]]`` headers is ``areas[1].aims[n]``."""
    path = ""
    for position, part in enumerate(parts):
        path = _join(path, part)
        if is_array and position == len(parts) - 1:
            index = counts.get(path, 0)
            counts[path] = index + 1
            path = f"{path}[{index}]"
        elif path in counts:
            path = f"{path}[{counts[path] - 1}]"
    return path


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _parent(field: str) -> str:
    cut = max(field.rfind("."), field.rfind("["))
    return field[:cut] if cut > 0 else ""


# --- Validation -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    source: str
    lines: Mapping[str, int]

    def line_of(self, field: str) -> int | None:
        """The line of ``field``, else of the nearest enclosing field that has one."""
        while field:
            if field in self.lines:
                return self.lines[field]
            field = _parent(field)
        return None

    def fail(self, field: str, message: str) -> NoReturn:
        raise StrategyFileError(message, source=self.source, field=field, line=self.line_of(field))


def _document(context: _Context, data: _Table) -> StrategyDocument:
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


def _check_format(context: _Context, data: _Table) -> None:
    value = data.get("format")
    if value is None:
        context.fail("format", f"required field is missing (write: format = {FORMAT_VERSION})")
    if isinstance(value, bool) or not isinstance(value, int):
        context.fail("format", f"must be a whole number, not {_kind(value)}")
    if value != FORMAT_VERSION:
        context.fail("format", f"unknown format version {value}; ForumDesk reads format {FORMAT_VERSION}")


def _areas(context: _Context, data: _Table) -> tuple[StrategyArea, ...]:
    tables = _tables(context, data, "", "areas")
    if not tables:
        context.fail("areas", "the strategy has no priority areas; add at least one [[areas]] table")
    return tuple(_area(context, table, field) for field, table in tables)


def _area(context: _Context, table: _Table, field: str) -> StrategyArea:
    _check_keys(context, table, field, _AREA_KEYS)
    code = _required_text(context, table, field, "code")
    name = _required_text(context, table, field, "name")
    aims = _tables(context, table, field, "aims")
    if not aims:
        context.fail(_join(field, "aims"), "an area needs at least one aim ([[areas.aims]])")
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


def _aim(context: _Context, table: _Table, field: str, area_code: str) -> StrategyAim:
    _check_keys(context, table, field, _AIM_KEYS)
    code = _required_text(context, table, field, "code")
    if not code.startswith(f"{area_code}-"):
        context.fail(
            _join(field, "code"),
            f"aim code {code!r} must start with {area_code + '-'!r}, the code of its area",
        )
    return StrategyAim(code=code, text=_required_text(context, table, field, "text"))


def _forum(context: _Context, table: _Table, field: str) -> StrategyForum:
    _check_keys(context, table, field, _FORUM_KEYS)
    family = table.get("family", False)
    if not isinstance(family, bool):
        context.fail(_join(field, "family"), f"must be true or false, not {_kind(family)}")
    return StrategyForum(
        name=_required_text(context, table, field, "name"),
        short_code=_optional_text(context, table, field, "short_code"),
        family=family,
        note=_optional_text(context, table, field, "note"),
    )


def _theme(context: _Context, table: _Table, field: str) -> StrategyTheme:
    _check_keys(context, table, field, _THEME_KEYS)
    return StrategyTheme(
        code=_required_text(context, table, field, "code"),
        name=_required_text(context, table, field, "name"),
        description=_optional_text(context, table, field, "description") or "",
    )


def _check_codes(context: _Context, areas: tuple[StrategyArea, ...]) -> None:
    _check_unique(context, ((f"areas[{i}].code", area.code) for i, area in enumerate(areas)), "area code")
    aim_codes = (
        (f"areas[{i}].aims[{j}].code", aim.code)
        for i, area in enumerate(areas)
        for j, aim in enumerate(area.aims)
    )
    _check_unique(context, aim_codes, "aim code")


def _check_forum_references(context: _Context, areas: tuple[StrategyArea, ...], names: set[str]) -> None:
    for i, area in enumerate(areas):
        for j, name in enumerate(area.forums):
            if name not in names:
                message = f"forum {name!r} is not the name of any [[forums]] entry"
                context.fail(f"areas[{i}].forums[{j}]", message)


def _check_unique(context: _Context, items: Iterable[tuple[str, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for field, value in items:
        if value in seen:
            context.fail(field, f"duplicate {what} {value!r} (already used at {seen[value]})")
        seen[value] = field


def _check_keys(context: _Context, table: _Table, prefix: str, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            context.fail(_join(prefix, key), f"unknown field; expected one of: {', '.join(allowed)}")


# --- Typed access to fields -------------------------------------------------------------------------


def _required_text(context: _Context, table: _Table, prefix: str, key: str) -> str:
    value = _optional_text(context, table, prefix, key)
    if value is None:
        context.fail(_join(prefix, key), "required field is missing")
    return value


def _optional_text(context: _Context, table: _Table, prefix: str, key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    return _text(context, value, _join(prefix, key))


def _text(context: _Context, value: object, field: str) -> str:
    if not isinstance(value, str):
        context.fail(field, f"must be text, not {_kind(value)}")
    if not value.strip():
        context.fail(field, "must not be empty")
    return value


def _text_list(context: _Context, table: _Table, prefix: str, key: str) -> tuple[str, ...]:
    field = _join(prefix, key)
    value = table.get(key, [])
    if not isinstance(value, list):
        context.fail(field, f"must be a list of text, not {_kind(value)}")
    return tuple(_text(context, item, f"{field}[{i}]") for i, item in enumerate(value))


def _tables(context: _Context, table: _Table, prefix: str, key: str) -> list[tuple[str, _Table]]:
    """The tables of an array of tables, each with its field path (``areas[0]``, ``areas[1]``...)."""
    field = _join(prefix, key)
    value = table.get(key, [])
    if not isinstance(value, list):
        context.fail(field, f"must be a list of tables, not {_kind(value)}")
    result: list[tuple[str, _Table]] = []
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
