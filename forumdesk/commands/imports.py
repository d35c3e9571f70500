"""``forumdesk import``: bring an existing action log or member list in (``import`` is a keyword, hence
the module's name). The file is read and checked before the database is opened, so a bad file changes
nothing; the import itself is one transaction and one batch that ``forumdesk import undo`` takes back."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from forumdesk.commands._common import add_command, nonblank, open_existing, print_json
from forumdesk.domain.changes import Outcome as Written
from forumdesk.domain.dates import format_uk_date

if TYPE_CHECKING:  # the spreadsheet readers load only when an import runs: `forumdesk list` starts faster
    from forumdesk.services.imports import ActionImportPlan, ImportResult, ImportService, PeopleImportPlan, RowMessage


def register(sub: Any) -> None:
    parser = sub.add_parser("import", help="bring in an action log or a member list (.xlsx or .csv)")
    kinds = parser.add_subparsers(dest="import_kind", metavar="KIND", required=True)

    actions = add_command(kinds, "actions", run_actions, help="an action log: every sheet with a recognised header")
    actions.add_argument("file", metavar="FILE", help="the .xlsx or .csv file")
    actions.add_argument(
        "--forum", required=True, metavar="NAME", type=nonblank, help="the forum the actions belong to"
    )
    actions.add_argument(
        "--sheet",
        metavar="NAME",
        type=nonblank,
        action="append",
        help="only this sheet (repeat for several); a risk log or list of assumptions is read only when named",
    )
    actions.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        default="dmy",
        help="how to read a date column whose dates read either way, like 03/04/2025 (default: dmy, day first);"
        " a column with 25/11/2024 or 11/20/24 in it is read the only way it can be",
    )
    actions.add_argument("--dry-run", action="store_true", help="show what would be done; write nothing")

    people = add_command(kinds, "people", run_people, help="a member list: name, role, agency, email, phone")
    people.add_argument("file", metavar="FILE", help="the .xlsx or .csv file")
    people.add_argument("--forum", metavar="NAME", type=nonblank, help="also make them members of this forum")
    people.add_argument("--dry-run", action="store_true", help="show what would be done; write nothing")

    undo = add_command(kinds, "undo", run_undo, help="remove what an import added and restore what it changed")
    undo.add_argument("batch", metavar="IMPORT", type=nonblank, help="the import's id, as printed by the import")

    listing = add_command(kinds, "list", run_list, help="the imports made into this database, newest first")
    listing.add_argument("--json", action="store_true", help="one JSON array")


def run_actions(args: argparse.Namespace) -> int:
    from forumdesk.services.imports import ImportService

    file = ImportService.read_actions(args.file, sheet=args.sheet, date_order=args.date_order)  # before opening
    return _import(args, lambda imports: print_action_plan(imports.plan_actions(file, args.forum)),
                   lambda imports: imports.import_actions(file, args.forum))


def run_people(args: argparse.Namespace) -> int:
    from forumdesk.services.imports import ImportService

    file = ImportService.read_people(args.file)
    return _import(args, lambda imports: print_people_plan(imports.plan_people(file, args.forum)),
                   lambda imports: imports.import_people(file, args.forum))


def _import(
    args: argparse.Namespace, dry_run: Callable[[ImportService], None],
    run: Callable[[ImportService], Written[ImportResult]],
) -> int:
    """``--dry-run``: print the plan; otherwise import, and say how to take it back."""
    with open_existing(args) as services:
        if args.dry_run:
            dry_run(services.imports)
            return 0
        result = run(services.imports).value
    print(f"Imported {result.summary}")
    print(f"To take it back: forumdesk import undo {result.batch_id}")
    return 0


def run_undo(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        result = services.imports.undo(args.batch).value
    print(f"Undid import {result.batch_id}: {result.removed} records removed, {result.restored} restored")
    if result.kept:
        print(f"Kept, because they are now used elsewhere: {', '.join(result.kept)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        batches = services.imports.batches()
    if args.json:
        print_json(
            {
                "id": b.id,
                "kind": b.kind,
                "source": b.source,
                "forum": b.forum_name or None,
                "imported_at": b.imported_at,
                "user": b.user,
                "summary": b.summary,
                "undone_at": b.undone_at,
            }
            for b in batches
        )
        return 0
    for batch in batches:
        state = f" (undone {format_uk_date(batch.undone_at)})" if batch.undone_at else ""
        print(f"{batch.id}  {format_uk_date(batch.imported_at)}  {batch.kind:7}  {batch.summary}{state}")
    return 0


def print_action_plan(plan: ActionImportPlan) -> None:
    from forumdesk.services.imports import plan_lines

    print(f"Dry run: {plan.file.source} into {plan.forum_name} (nothing was written)")
    for line in plan_lines(plan):
        print(line)


def print_people_plan(plan: PeopleImportPlan) -> None:
    from forumdesk.services.imports import Outcome

    print(f"Dry run: {plan.file.source} (nothing was written)")
    for row in plan.rows:
        if row.outcome is not Outcome.SKIP:
            detail = f"; {row.reason}" if row.reason else ""
            joins = f"; joins {plan.forum_name}" if row.join_forum else ""
            print(f"{row.row.place}: {row.outcome.value} {row.row.name}{detail}{joins}")
    _messages("skip", plan.skipped)
    _messages("warning", plan.file.warnings)
    print(f"Summary: {plan.summary()}")


def _messages(kind: str, messages: list[RowMessage] | tuple[RowMessage, ...]) -> None:
    for message in messages:
        print(f"{message.place}: {kind}: {message.reason}")
