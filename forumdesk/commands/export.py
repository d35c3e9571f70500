"""``forumdesk export``: action logs, minutes, board packs, chase lists and calendars to files.

```
forumdesk export actions    [--db PATH] [list filters] --format xlsx|pdf|csv -o FILE [--marking M]
forumdesk export minutes    [--db PATH] --meeting ID [--format pdf|docx] -o FILE [--marking M]
forumdesk export agenda     [--db PATH] --meeting ID [--format pdf|docx] -o FILE [--marking M]
forumdesk export board-pack [--db PATH] --meeting ID -o FILE.pdf [--marking M]
forumdesk export owner      [--db PATH] --owner NAME --format pdf|xlsx -o FILE
forumdesk export calendar   [--db PATH] [--forum NAME] -o FILE.ics
```
Each prints one line naming the file written; errors are one line on stderr, exit 1.
"""

from __future__ import annotations

import argparse
from typing import Any

from forumdesk.commands._common import add_command, nonblank, open_existing, record_id
from forumdesk.commands.listing import action_query, add_filter_arguments
from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ValidationError
from forumdesk.services import Services
from forumdesk.services.exports import ExportFormat, ExportResult


def register(sub: Any) -> None:
    parser = sub.add_parser("export", help="write action logs, minutes, board packs, chase lists or calendars")
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True,
                                  parser_class=type(parser))

    actions = add_command(kinds, "actions", _run_actions, help="the action log (UK board format)")
    add_filter_arguments(actions)
    actions.add_argument("--format", required=True, choices=("xlsx", "pdf", "csv"))
    actions.add_argument("--group-by", choices=("forum", "owner", "none"), default="forum",
                         help="PDF only: group rows by forum (default), by owner, or not at all")
    _output(actions, marking=True)

    for name, handler, text in (
        ("minutes", _run_minutes, "one meeting's minutes as PDF or Word (.docx)"),
        ("agenda", _run_agenda, "one meeting's agenda as PDF or Word (.docx)"),
        ("board-pack", _run_board_pack, "cover, agenda, previous minutes, action log, strategy progress"),
    ):
        p = add_command(kinds, name, handler, help=text)
        p.add_argument(
            "--meeting", required=True, type=record_id, metavar="ID", help="the meeting's id (list meetings)"
        )
        if name != "board-pack":
            p.add_argument("--format", choices=("pdf", "docx"), default="pdf",
                           help="pdf (default) or docx, a Word document members can amend with track changes")
        _output(p, marking=True)

    owner = add_command(kinds, "owner", _run_owner, help="one person's open actions across all forums (a chase list)")
    owner.add_argument("--owner", required=True, metavar="NAME", type=nonblank)
    owner.add_argument("--format", required=True, choices=("pdf", "xlsx"))
    _output(owner, marking=True)

    calendar = add_command(kinds, "calendar", _run_calendar, help="meetings as an iCalendar (.ics) file")
    calendar.add_argument("--forum", metavar="NAME", type=nonblank, help="only this forum's meetings")
    _output(calendar, marking=False)


def _output(parser: argparse.ArgumentParser, *, marking: bool) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    if marking:
        parser.add_argument(
            "--marking", metavar="M", type=nonblank, help="OFFICIAL or OFFICIAL-SENSITIVE (may raise the default)"
        )
        parser.add_argument("--allow-lower-marking", action="store_true",
                            help="allow a marking lower than the forum's or meeting's")


def _marking(args: argparse.Namespace) -> Marking | None:
    if not getattr(args, "marking", None):
        return None
    try:
        return Marking.parse(args.marking)
    except ValueError as error:
        raise ValidationError(str(error), "marking") from None


def _check_suffix(path: str, *suffixes: str) -> None:
    if not path.lower().endswith(suffixes):
        raise ValidationError(f"{path} should end in {' or '.join(suffixes)}", "output")


def _report(result: ExportResult) -> int:
    marking = f", marked {result.marking.value}" if result.marking else ""
    print(f"wrote {result.path} ({result.count} {_noun(result)}{marking})")
    return 0


def _noun(result: ExportResult) -> str:
    return {"minutes": "items", "agenda": "items", "calendar": "meetings"}.get(result.kind, "actions")


def _with_services(args: argparse.Namespace, work: Any) -> int:
    with open_existing(args) as services:
        return _report(work(services))


def _run_actions(args: argparse.Namespace) -> int:
    fmt = ExportFormat(args.format)
    _check_suffix(args.output, f".{fmt.value}")
    group = "" if args.group_by == "none" else args.group_by

    def work(services: Services) -> ExportResult:
        query = action_query(services, args)
        scope = services.forums.find(args.forum).name if args.forum else ""
        return services.exports.export_actions(
            query, fmt, args.output, marking=_marking(args), allow_lower=args.allow_lower_marking,
            group_by=group, scope=scope,
        )

    return _with_services(args, work)


def _run_minutes(args: argparse.Namespace) -> int:
    fmt = ExportFormat(args.format)
    _check_suffix(args.output, f".{fmt.value}")
    return _with_services(args, lambda s: s.exports.export_minutes(
        args.meeting, args.output, marking=_marking(args), allow_lower=args.allow_lower_marking, fmt=fmt))


def _run_agenda(args: argparse.Namespace) -> int:
    fmt = ExportFormat(args.format)
    _check_suffix(args.output, f".{fmt.value}")
    return _with_services(args, lambda s: s.exports.export_agenda(
        args.meeting, args.output, fmt=fmt, marking=_marking(args), allow_lower=args.allow_lower_marking))


def _run_board_pack(args: argparse.Namespace) -> int:
    _check_suffix(args.output, ".pdf")
    return _with_services(args, lambda s: s.exports.export_board_pack(
        args.meeting, args.output, marking=_marking(args), allow_lower=args.allow_lower_marking))


def _run_owner(args: argparse.Namespace) -> int:
    fmt = ExportFormat(args.format)
    _check_suffix(args.output, f".{fmt.value}")
    return _with_services(args, lambda s: s.exports.export_owner(
        s.directory.find_person(args.owner).id, fmt, args.output, marking=_marking(args),
        allow_lower=args.allow_lower_marking))


def _run_calendar(args: argparse.Namespace) -> int:
    _check_suffix(args.output, ".ics")
    return _with_services(args, lambda s: s.exports.export_calendar(
        args.output, s.forums.find(args.forum).id if args.forum else None))
