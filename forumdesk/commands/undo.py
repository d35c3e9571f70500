"""``forumdesk undo`` and ``forumdesk redo``: the file's one history, shared with the app's Edit menu.

``undo --list`` shows the recent operations, newest first, and which one ``undo`` and ``redo`` would take.
"""

from __future__ import annotations

import argparse
from typing import Any

from forumdesk.commands._common import add_command, open_existing, print_table
from forumdesk.domain.history import Operation


def register(sub: Any) -> None:
    undo = add_command(sub, "undo", run_undo, help="take back the last change made to the file (by the app or here)")
    undo.add_argument("--list", action="store_true", help="show the recent changes instead, newest first")
    undo.add_argument("--limit", type=int, default=20, metavar="N", help="how many changes --list shows")

    add_command(sub, "redo", run_redo, help="put back the last change undone (unless a change was made since)")


def run_undo(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        if args.list:
            _print_list(services.history.recent(max(args.limit, 1)), services.history.undo_label(),
                        services.history.redo_label())
            return 0
        done = services.history.undo()
    print(f"Undone: {done.value.title} (change {done.value.id} of {done.value.at.astimezone():%d/%m/%Y %H:%M})")
    return 0


def run_redo(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        done = services.history.redo()
    print(f"Redone: {done.value.title.removeprefix('Undo ')}")
    return 0


def _print_list(operations: list[Operation], undo: str | None, redo: str | None) -> None:
    if not operations:
        print("No changes recorded yet")
        return
    rows = [
        [
            str(op.id),
            f"{op.at.astimezone():%d/%m/%Y %H:%M}",
            op.user,
            op.title,
            "undone" if op.undone else "",
        ]
        for op in operations
    ]
    print_table(["Change", "When", "Who", "What", ""], rows)
    print(f"forumdesk undo: {undo or 'nothing to undo'}; forumdesk redo: {redo or 'nothing to redo'}")
