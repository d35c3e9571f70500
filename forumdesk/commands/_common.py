"""Helpers shared by the command modules: opening the database and printing results."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from forumdesk.paths import resolve_db
from forumdesk.services import Services
from forumdesk.services.recovery import OpenResult, open_for_command


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
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
