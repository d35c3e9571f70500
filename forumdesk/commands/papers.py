"""``forumdesk papers``: papers attached to a meeting's agenda items, merged into its board pack.

```
forumdesk papers add    [--db PATH] --meeting ID --item N FILE [--marking M]
forumdesk papers list   [--db PATH] --meeting ID [--json]
forumdesk papers remove [--db PATH] PAPER_ID
forumdesk papers save   [--db PATH] PAPER_ID -o FILE
```
``N`` is the item's number on the agenda ("3", or "3.1" for a sub-item). A file that is not a whole PDF,
Word or Excel file as its name says (damaged, encrypted, empty, too big) is refused in one line, exit 1,
and nothing is changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from forumdesk.commands._common import add_command, nonblank, open_existing, print_json, print_table, record_id
from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.papers import MAX_PAPER_BYTES, Paper, human_size


def register(sub: Any) -> None:
    parser = sub.add_parser("papers", help="attach papers to agenda items (merged into the board pack)")
    kinds = parser.add_subparsers(dest="papers_action", metavar="ACTION", required=True, parser_class=type(parser))

    add = add_command(kinds, "add", _run_add,
                      help=f"attach a PDF, Word or Excel paper (at most {MAX_PAPER_BYTES // 1_048_576} MB)")
    add.add_argument("--meeting", required=True, type=record_id, metavar="ID", help="the meeting's id (list meetings)")
    add.add_argument("--item", required=True, type=nonblank, metavar="N",
                     help="the item's number on the agenda, e.g. 3 or 3.1")
    add.add_argument("file", metavar="FILE", type=nonblank, help="the paper")
    add.add_argument("--marking", metavar="M", type=nonblank,
                     help="OFFICIAL or OFFICIAL-SENSITIVE (default: as printed on the paper, else the forum's)")

    listing = add_command(kinds, "list", _run_list, help="a meeting's papers in agenda order")
    listing.add_argument("--meeting", required=True, type=record_id, metavar="ID")
    listing.add_argument("--json", action="store_true", help="one JSON array")

    remove = add_command(kinds, "remove", _run_remove, help="remove a paper (forumdesk undo puts it back)")
    remove.add_argument("paper", type=record_id, metavar="PAPER_ID")

    save = add_command(kinds, "save", _run_save, help="save a copy of a paper's file")
    save.add_argument("paper", type=record_id, metavar="PAPER_ID")
    save.add_argument("-o", "--output", required=True, metavar="FILE", type=nonblank, help="the file to write")


def _marking(text: str | None) -> Marking | None:
    if not text:
        return None
    try:
        return Marking.parse(text)
    except ValueError as error:
        raise ValidationError(str(error), "marking") from None


def _run_add(args: argparse.Namespace) -> int:
    marking = _marking(args.marking)
    with open_existing(args) as services:
        paper = services.papers.add(args.meeting, args.item, args.file, marking).value
    pages = f", {paper.pages} page{'s' if paper.pages != 1 else ''}" if paper.kind.merged else ", attached separately"
    print(f"attached {paper.file_name} to item {paper.item_number} as paper {paper.id} ({paper.marking.value}{pages})")
    return 0


def paper_json(paper: Paper) -> dict[str, Any]:
    return {
        "id": paper.id, "item": paper.item_number, "item_title": paper.item_title, "file_name": paper.file_name,
        "kind": paper.kind, "marking": paper.marking, "pages": paper.pages, "size": paper.size,
        "sha256": paper.sha256, "added_at": paper.added_at.isoformat(timespec="seconds"),
        "merged": paper.kind.merged,
    }


def _run_list(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        papers = services.papers.list(args.meeting)
    if args.json:
        print_json(paper_json(p) for p in papers)
        return 0
    if not papers:
        print("No papers attached to this meeting")
        return 0
    rows = [[str(p.id), p.item_number, p.file_name, p.kind.label, p.marking.value,
             str(p.pages) if p.kind.merged else "separate", human_size(p.size), format_uk_date(p.added_at.date())]
            for p in papers]
    print_table(["Id", "Item", "Paper", "Kind", "Marking", "Pages", "Size", "Attached"], rows)
    return 0


def _run_remove(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        paper = services.papers.paper(args.paper)
        services.papers.remove(args.paper)
    print(f"removed {paper.file_name} from item {paper.item_number} (forumdesk undo puts it back)")
    return 0


def _run_save(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        path = services.papers.save_copy(args.paper, args.output)
    print(f"wrote {path}")
    return 0
