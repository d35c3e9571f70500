"""The writing process that test_crash.py kills: it types minutes, bulk-changes statuses and records
batches of actions (standing in for an import: many records in one transaction), saying ``try`` before
and ``ack`` after each commit. test_crash.py starts it from a forkserver (``run_with_pipe``: fast starts,
lines sent down a pipe); ``python crash_writer.py DB RUN SEED`` runs it by hand, printing the lines.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.patches import ActionPatch
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction

BATCH = 25
STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD, ActionStatus.COMPLETE]
TODAY = date(2026, 11, 25)


def print_line(line: str) -> None:
    print(line, flush=True)


def notes_text(tag: str) -> str:
    """What a tag's notes say in full: long enough to span pages, so a half-write would show."""
    return f"{tag}: " + " ".join(f"{tag}-word{i}" for i in range(40 + len(tag) * 30))


def main(db: str, run: int, seed: int, say: Callable[[str], None] = print_line) -> None:
    services = open_services(db, create=False, today=lambda: TODAY)
    meeting = services.meetings.meetings()[0]
    items = [item.id for item in services.cycle.items(meeting.id)]
    group = [int(x) for x in services.actions.ids(_group_query())]
    forum_id = services.forums.forums()[0].id
    rng = random.Random(seed)
    importer = _importer(services)
    ops = ["notes", "notes", "bulk", "batch"] + (["import"] if importer else [])
    folder = Path(db).parent
    say("ready")
    for n in range(1_000_000):
        tag = f"r{run}n{n}"
        op = rng.choice(ops)
        if op == "notes":
            item = rng.choice(items)
            say(f"try notes {item} {tag}")
            services.room.save_notes(item, notes_text(tag))
            say(f"ack notes {item} {tag}")
        elif op == "bulk":
            status = rng.choice(STATUSES)
            say(f"try bulk {status.value} {tag}")
            services.actions.bulk_edit(group, ActionPatch(status=status))
            say(f"ack bulk {status.value} {tag}")
        elif op == "import" and importer is not None:
            source = folder / f"import-{tag}.csv"
            rows = [f"imported {tag} row {k},31/12/2026" for k in range(BATCH)]
            source.write_text("Action,Due\n" + "\n".join(rows) + "\n", encoding="utf-8")
            file = importer.read_actions(source)
            say(f"try import {tag}")
            importer.import_actions(file, forum_id)
            say(f"ack import {tag}")
        else:
            say(f"try batch {tag}")
            with services.store.transaction():
                for k in range(BATCH):
                    services.actions.record(NewAction(forum_id, f"batch {tag} row {k}"))
            say(f"ack batch {tag}")


def _importer(services: Services) -> Any:
    """The import engineer's service (an import is then one of the operations)."""
    return services.imports


def run_with_pipe(db: str, run: int, seed: int, pipe: Connection) -> None:
    main(db, run, seed, lambda line: pipe.send_bytes(line.encode("utf-8")))


def _group_query() -> object:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery(text="bulkgroup")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
