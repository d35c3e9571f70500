"""The writing process that test_crash.py kills: it types minutes, bulk-changes statuses and records
batches of actions (standing in for an import: many records in one transaction), printing ``try`` before
and ``ack`` after each commit. Run as ``python crash_writer.py DB RUN SEED``.
"""

from __future__ import annotations

import random
import sys
from datetime import date

from forumdesk.domain.enums import ActionStatus
from forumdesk.services import open_services
from forumdesk.services.actions import NewAction

BATCH = 25
STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD, ActionStatus.COMPLETE]
TODAY = date(2026, 11, 25)


def notes_text(tag: str) -> str:
    """What a tag's notes say in full: long enough to span pages, so a half-write would show."""
    return f"{tag}: " + " ".join(f"{tag}-word{i}" for i in range(40 + len(tag) * 30))


def main(db: str, run: int, seed: int) -> None:
    services = open_services(db, create=False, today=lambda: TODAY)
    meeting = services.meetings.meetings()[0]
    items = [item.id for item in services.cycle.items(meeting.id)]
    group = [int(x) for x in services.actions.ids(_group_query())]
    forum_id = services.forums.forums()[0].id
    rng = random.Random(seed)
    print("ready", flush=True)
    for n in range(1_000_000):
        tag = f"r{run}n{n}"
        op = rng.choice(["notes", "notes", "bulk", "batch"])
        if op == "notes":
            item = rng.choice(items)
            print(f"try notes {item} {tag}", flush=True)
            services.room.save_notes(item, notes_text(tag))
            print(f"ack notes {item} {tag}", flush=True)
        elif op == "bulk":
            status = rng.choice(STATUSES)
            print(f"try bulk {status.value} {tag}", flush=True)
            services.actions.bulk_edit(group, status=status)
            print(f"ack bulk {status.value} {tag}", flush=True)
        else:
            print(f"try batch {tag}", flush=True)
            with services.store.transaction():
                for k in range(BATCH):
                    services.actions.record(NewAction(forum_id, f"batch {tag} row {k}"))
            print(f"ack batch {tag}", flush=True)


def _group_query() -> object:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery(text="bulkgroup")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
