"""``forumdesk list``: every listing as a table or as JSON with stable keys."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from forumdesk.commands._common import add_db_argument, nonblank, open_existing, print_json, print_table
from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Action
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services

KINDS = ("priorities", "aims", "forums", "meetings", "actions", "people")


def register(sub: Any) -> None:
    parser = sub.add_parser("list", help="list priorities, aims, forums, meetings, actions or people")
    parser.add_argument("kind", choices=KINDS)
    add_db_argument(parser)
    add_filter_arguments(parser)
    parser.add_argument("--json", action="store_true", help="one JSON array")
    parser.set_defaults(handler=run_list)


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--forum", metavar="NAME", type=nonblank, help="only this forum")
    parser.add_argument(
        "--status", metavar="S", type=nonblank, help="open, in_progress, on_hold, complete or withdrawn"
    )
    parser.add_argument("--owner", metavar="NAME", type=nonblank, help="only actions owned by this person")
    parser.add_argument("--aim", metavar="CODE", type=nonblank, help="only actions linked to this aim, e.g. DA-1")
    parser.add_argument("--overdue", action="store_true", help="only open actions past their due date")


def action_query(services: Services, args: argparse.Namespace) -> ActionQuery:
    """The action filters given on the command line, checked against the database."""
    forum_ids: tuple[int, ...] = ()
    if args.forum:
        forum_ids = (services.forums.find(args.forum).id,)
    statuses: tuple[ActionStatus, ...] = ()
    if args.status:
        try:
            statuses = (ActionStatus.parse(args.status),)
        except ValueError as error:
            raise ValidationError(str(error), "status") from None
    owner_id = services.directory.find_person(args.owner).id if args.owner else None
    aim_code = services.strategy.aim(args.aim).code if args.aim else None
    return ActionQuery(
        forum_ids=forum_ids, statuses=statuses, owner_id=owner_id, aim_code=aim_code, overdue=args.overdue
    )


def action_json(action: Action, today: date) -> dict[str, Any]:
    return {
        "id": action.id,
        "ref": action.ref,
        "forum": action.forum_name,
        "meeting_id": action.meeting_id,
        "minute_ref": action.minute_ref,
        "description": action.description,
        "owner": action.owner_name or None,
        "owner_org": action.owner_org or None,
        "raised_on": action.raised_on,
        "due_date": action.due_date,
        "revised_due_date": action.revised_due_date,
        "status": action.status,
        "rag": action.rag(today),
        "rag_overridden": action.rag_override is not None,
        "aims": list(action.aim_codes),
        "closed_on": action.closed_on,
        "latest_update": None if action.latest_update is None else action.latest_update.text,
        "latest_update_on": None if action.latest_update is None else action.latest_update.on,
        "last_chased": action.last_chased,  # when a chaser e-mail was last drafted for it (forumdesk mail chase)
    }


def run_list(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        headers, rows = LISTERS[args.kind](services, args)
    if args.json:
        print_json(rows)
    else:
        print_table(headers, [[_cell(r[h]) for h in headers] for r in rows])
    return 0


def _cell(value: Any) -> str:
    if isinstance(value, date):
        return format_uk_date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if hasattr(value, "value"):
        return str(value.value)
    return "" if value is None else str(value)


Listing = tuple[list[str], list[dict[str, Any]]]


def _priorities(services: Services, args: argparse.Namespace) -> Listing:
    rows = [
        {"id": a.id, "code": a.code, "name": a.name, "objective": a.objective}
        for a in services.strategy.areas()
    ]
    return ["code", "name", "objective"], rows


def _aims(services: Services, args: argparse.Namespace) -> Listing:
    aims = (
        services.forums.aims(services.forums.find(args.forum).id) if args.forum else services.strategy.aims()
    )
    rows = [{"id": a.id, "code": a.code, "priority": a.area_name, "text": a.text} for a in aims]
    return ["code", "priority", "text"], rows


def _forums(services: Services, args: argparse.Namespace) -> Listing:
    forums = [services.forums.find(args.forum)] if args.forum else services.forums.forums()
    rows = [
        {
            "id": f.id,
            "name": f.name,
            "priorities": list(f.priorities),
            "parent": f.parent_name or None,
            "district": f.district or None,
            "marking": f.marking,
            "archived": f.archived,
        }
        for f in forums
    ]
    return ["name", "priorities"], rows


def _meetings(services: Services, args: argparse.Namespace) -> Listing:
    forum_id = services.forums.find(args.forum).id if args.forum else None
    rows = [
        {
            "id": m.id,
            "forum": m.forum_name,
            "starts_at": m.starts_at.isoformat(timespec="minutes"),
            "ends_at": None if m.ends_at is None else m.ends_at.isoformat(timespec="minutes"),
            "venue": m.venue,
            "status": m.status,
            "minutes_status": m.minutes_status,
            "marking": m.marking,
        }
        for m in services.meetings.meetings(forum_id)
    ]
    return ["id", "forum", "starts_at", "status", "minutes_status"], rows


def _actions(services: Services, args: argparse.Namespace) -> Listing:
    query = action_query(services, args)
    today = services.today()
    rows = [action_json(a, today) for chunk in services.actions.iter_chunks(query) for a in chunk]
    return ["ref", "forum", "description", "owner", "due_date", "status", "rag", "last_chased"], rows


def _people(services: Services, args: argparse.Namespace) -> Listing:
    people = services.directory.people()
    if args.forum:
        members = {m.person_id for m in services.forums.members(services.forums.find(args.forum).id)}
        people = [p for p in people if p.id in members]
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "organisation": p.organisation or None,
            "email": p.email or None,
            "role": p.role,
        }
        for p in people
    ]
    return ["name", "organisation", "email"], rows


LISTERS = {
    "priorities": _priorities,
    "aims": _aims,
    "forums": _forums,
    "meetings": _meetings,
    "actions": _actions,
    "people": _people,
}
