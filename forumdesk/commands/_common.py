"""Helpers shared by the command modules: opening the database and printing results."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from forumdesk.paths import resolve_db
from forumdesk.services import Services
from forumdesk.services.recovery import OpenResult, open_for_command

MAX_ID = 2**63 - 1  # SQLite's largest integer: every record id fits
MAX_DEMO_ACTIONS = 1_000_000


def nonblank(text: str) -> str:
    """An argparse type for names and filters: an empty or blank one would silently mean "everything"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("cannot be empty or only spaces")
    return text


def is_ascii_digits(text: str) -> bool:
    """Only 0-9: ``str.isdigit`` also takes "١٢" (Arabic-Indic) and "²", which ``int()`` reads or rejects."""
    return text.isascii() and text.isdigit()


def parse_id(text: str) -> int:
    """A record id typed by the user: ASCII digits, 1 to ``MAX_ID``; ``ValueError`` with the reason otherwise."""
    if not is_ascii_digits(text) or not 1 <= int(text) <= MAX_ID:
        shown = text if len(text) <= 30 else text[:29] + "…"
        raise ValueError(f"{shown!r} is not an id: ids are whole numbers from 1 to {MAX_ID}")
    return int(text)


def record_id(text: str) -> int:
    """``parse_id`` as an argparse type."""
    try:
        return parse_id(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def action_count(text: str) -> int:
    """``demo --actions``: a size the demo can build in minutes, checked before anything is written."""
    if not is_ascii_digits(text) or int(text) > MAX_DEMO_ACTIONS:
        raise argparse.ArgumentTypeError(
            f"{text[:30]!r} is not a number of actions from 0 to {MAX_DEMO_ACTIONS:,} (nothing was written)"
        )
    return int(text)


def add_command(
    sub: Any, name: str, handler: Callable[[argparse.Namespace], int], help: str
) -> argparse.ArgumentParser:
    """The subcommand ``name`` of ``sub``: it takes ``--db`` and runs ``handler``; add its own arguments to it."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help)
    add_db_argument(parser)
    parser.set_defaults(handler=handler)
    return parser


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=nonblank,
        default=argparse.SUPPRESS,
        help="the database (default: $FORUMDESK_DB, then the one in your data folder)",
    )


def open_existing(args: argparse.Namespace) -> Services:
    """The database named by ``--db`` (or the default), opened the app's safe way; notices go to stderr."""
    return open_reporting(args).services


def open_reporting(args: argparse.Namespace) -> OpenResult:
    result = open_for_command(resolve_db(getattr(args, "db", None)))
    for notice in result.notices:
        print(f"forumdesk: {notice}", file=sys.stderr)
    return result


def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def print_json(rows: Iterable[dict[str, Any]]) -> None:
    json.dump([to_json(r) for r in rows], sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [min(max(w, len(c)), 60) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
