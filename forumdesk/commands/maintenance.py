"""``forumdesk check`` and ``forumdesk backup``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from forumdesk.commands._common import add_db_argument, open_existing, open_reporting
from forumdesk.paths import resolve_db


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="integrity and foreign-key check; exit 0 only when healthy")
    add_db_argument(check)
    check.set_defaults(handler=run_check)

    backup = sub.add_parser("backup", help="a consistent copy of the database")
    add_db_argument(backup)
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the copy")
    backup.set_defaults(handler=run_backup)


def run_check(args: argparse.Namespace) -> int:
    from forumdesk.services.recovery import location_warning

    path = resolve_db(getattr(args, "db", None))
    warning = location_warning(path)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    opened = open_reporting(args)
    services = opened.services
    try:
        report = services.admin.check()
    finally:
        services.close()
    if report.ok and opened.journal_set_aside is None:
        print(f"{services.path}: ok")
        return 0
    for problem in report.problems:
        print(problem)
    return 1


def run_backup(args: argparse.Namespace) -> int:
    services = open_existing(args)
    try:
        target = services.admin.backup(args.output)
    finally:
        services.close()
    print(f"Copied {services.path} to {target}")
    return 0
