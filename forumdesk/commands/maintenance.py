"""``forumdesk check`` and ``forumdesk backup``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from forumdesk.commands._common import add_command, open_existing, open_reporting
from forumdesk.paths import resolve_db


def register(sub: Any) -> None:
    add_command(sub, "check", run_check, help="integrity and foreign-key check; exit 0 only when healthy")

    backup = add_command(sub, "backup", run_backup, help="a consistent copy of the database")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the copy")


def run_check(args: argparse.Namespace) -> int:
    from forumdesk.services.recovery import location_warning

    path = resolve_db(getattr(args, "db", None))
    warning = location_warning(path)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    opened = open_reporting(args)
    with opened.services as services:
        report = services.admin.check()
    if report.ok and opened.journal_set_aside is None:
        print(f"{services.path}: ok")
        return 0
    for problem in report.problems:
        print(problem)
    return 1


def run_backup(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        target = services.admin.backup(args.output)
    print(f"Copied {services.path} to {target}")
    return 0
