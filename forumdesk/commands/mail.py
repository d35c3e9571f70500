"""``forumdesk mail``: unsent e-mail drafts (.eml) to open in Outlook, Thunderbird or Apple Mail.

```
forumdesk mail circulate [--db PATH] --meeting ID [--what agenda|minutes|actions] -o DIR
forumdesk mail chase     [--db PATH] (--forum NAME | --person NAME) [--reply-by DD/MM/YYYY] -o DIR
```
Nothing is sent. Each draft written is one line (the file, how many it is addressed to, what it carries);
then the people who have no usable e-mail address, and for a chase the open actions with no named owner.
Errors are one line on stderr, exit 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from forumdesk.commands._common import add_command, nonblank, open_existing, record_id
from forumdesk.domain.dates import parse_uk_date
from forumdesk.domain.errors import ValidationError
from forumdesk.services.mail import Circulation, Draft, MailResult, suggested_circulation


def register(sub: Any) -> None:
    parser = sub.add_parser("mail", help="write e-mail drafts: circulate papers, chase action owners")
    kinds = parser.add_subparsers(dest="mail_kind", metavar="KIND", required=True, parser_class=type(parser))

    circulate = add_command(kinds, "circulate", run_circulate,
                            help="a draft to the forum's members (deputies in Cc) with the meeting's papers")
    circulate.add_argument("--meeting", required=True, type=record_id, metavar="ID", help="the meeting's id")
    circulate.add_argument("--what", choices=[c.value for c in Circulation],
                           help="agenda (and papers), minutes (draft), or actions (the forum's action log); default:"
                                " the agenda before the meeting, the draft minutes after it")
    _folder(circulate)

    chase = add_command(kinds, "chase", run_chase,
                        help="one draft per owner listing all their open actions, with their due dates (.ics)")
    who = chase.add_mutually_exclusive_group(required=True)
    who.add_argument("--forum", metavar="NAME", type=nonblank, help="every owner of an open action of this forum")
    who.add_argument("--person", metavar="NAME", type=nonblank, help="this person only")
    chase.add_argument("--reply-by", metavar="DD/MM/YYYY", help="the date to reply by (default: a week from today)")
    _folder(chase)


def _folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="DIR", type=nonblank,
                        help="the folder to write the drafts (and the files they carry) into")


def run_circulate(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        what = Circulation(args.what) if args.what else suggested_circulation(services.meetings.meeting(args.meeting))
        result = services.mail.circulate(args.meeting, what, Path(args.output)).value
    return _report(result)


def run_chase(args: argparse.Namespace) -> int:
    reply_by = None
    if args.reply_by:
        try:
            reply_by = parse_uk_date(args.reply_by)
        except ValueError as error:
            raise ValidationError(f"--reply-by: {error}", "reply_by") from None
    with open_existing(args) as services:
        if args.forum:
            forum = services.forums.find(args.forum)
            result = services.mail.chase_forum(forum.id, Path(args.output), reply_by).value
        else:
            person = services.directory.find_person(args.person)
            result = services.mail.chase_owner(person.id, Path(args.output), reply_by).value
    if not result.drafts:
        print("no open actions to chase: no draft written")
    return _report(result)


def _report(result: MailResult) -> int:
    for draft in result.drafts:
        print(_line(draft))
    if result.without_address:
        print(f"no e-mail address (add one, or send to them another way): {', '.join(result.without_address)}")
    if result.unowned:
        print(f"open actions with no named owner, not chased: {', '.join(result.unowned)}")
    return 0


def _line(draft: Draft) -> str:
    parts = [f"to {len(draft.to)}"] + ([f"cc {len(draft.cc)}"] if draft.cc else [])
    if draft.actions:
        parts.append(f"{draft.actions} action{'s' if draft.actions != 1 else ''}")
    files = len(draft.attachments)
    parts.append(f"{files} attachment{'s' if files != 1 else ''}")
    return f"wrote {draft.path} ({', '.join(parts)}): {draft.subject}"
