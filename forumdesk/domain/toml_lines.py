"""Finding the line of each field in TOML text (``areas[2].aims[3].text`` -> 41), so an error in a strategy
file can say where the mistake is: ``tomllib`` gives the data but not where each value came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def toml_field_lines(text: str) -> dict[str, int]:
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
        _scan_key(scan, number, join_field(scan.table, ".".join(_key_parts(key[1]))), key[2])


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
        path = join_field(path, part)
        if is_array and position == len(parts) - 1:
            index = counts.get(path, 0)
            counts[path] = index + 1
            path = f"{path}[{index}]"
        elif path in counts:
            path = f"{path}[{counts[path] - 1}]"
    return path


def join_field(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def parent_field(field: str) -> str:
    cut = max(field.rfind("."), field.rfind("["))
    return field[:cut] if cut > 0 else ""
