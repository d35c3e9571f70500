"""Strategy files: a force's crime prevention strategy as structured data.

A strategy file (TOML, or JSON with the same structure) holds the strategy's priority areas, each with
one objective, its strategic aims and the partnership forums that deliver it; the forums themselves;
and the cross-cutting themes. The format is documented in the header of the bundled Essex file,
``resources/strategies/essex-police-crime-prevention.toml`` (see ``BUNDLED_STRATEGY_PATH``).

``load_strategy`` reads a file and ``parse_strategy`` reads text. Either returns a frozen
``StrategyDocument`` or raises ``StrategyFileError`` naming the field (``areas[2].aims[3].text``;
indices count from 0 in file order) and, for TOML, the line of the mistake. A bad file never gives a
traceback. Semantic errors in JSON files carry the field but no line.

This module reads and decodes; the document is ``strategy_document``, the checks that build it
``strategy_checks``, and the TOML line finder ``toml_lines``.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from forumdesk.domain.errors import StrategyFileError
from forumdesk.domain.strategy_checks import ReadingContext, Table, document_from
from forumdesk.domain.strategy_document import BUNDLED_STRATEGY_PATH, StrategyDocument
from forumdesk.domain.toml_lines import toml_field_lines

__all__ = ["BUNDLED_STRATEGY_PATH", "StrategyDocument", "load_strategy", "parse_strategy"]

_SUFFIXES = {".toml": "toml", ".json": "json"}


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
        return document_from(ReadingContext(source, toml_field_lines(text)), data)
    if fmt == "json":
        return document_from(ReadingContext(source, {}), _decode_json(text, source))
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


def _decode_toml(text: str, source: str) -> Table:
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


def _decode_json(text: str, source: str) -> Table:
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"JSON syntax error: {error.msg} (column {error.colno})"
        raise StrategyFileError(message, source=source, line=error.lineno) from None
    if not isinstance(data, dict):
        raise StrategyFileError("must hold a JSON object at the top level", source=source, line=1)
    return data
