"""The file's history of operations, as undo and redo see it (see ``forumdesk/db/journal.py``).

History is linear over the whole file: ``undo`` takes back the most recent operation that is not undone,
``redo`` puts back the most recent undo, and any new ordinary write empties the redo list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from forumdesk.domain.changes import Changes

# What a change to each table means for the screens (a table not named here refreshes everything).
TABLE_CHANGES: dict[str, Changes] = {
    "strategies": Changes(strategy=True, forums=True),
    "priority_areas": Changes(strategy=True, forums=True),
    "aims": Changes(strategy=True),
    "themes": Changes(strategy=True),
    "districts": Changes(forums=True),
    "organisations": Changes(organisations=True, people=True, actions=True, memberships=True),
    "people": Changes(people=True, actions=True, memberships=True),
    "forums": Changes(forums=True, actions=True),
    "forum_areas": Changes(forums=True, strategy=True),
    "forum_aims": Changes(forums=True, strategy=True),
    "forum_agenda_templates": Changes(forums=True),
    "memberships": Changes(memberships=True),
    "meetings": Changes(meetings=True, agenda=True, minutes=True),
    "agenda_items": Changes(agenda=True, minutes=True),
    "agenda_item_aims": Changes(agenda=True, strategy=True),
    "attendance": Changes(attendance=True),
    "decisions": Changes(minutes=True),
    "matters_arising": Changes(minutes=True),
    "actions": Changes(actions=True, minutes=True),
    "action_updates": Changes(actions=True, minutes=True),
    "action_aims": Changes(actions=True, strategy=True),
    "import_batches": Changes(),
    "chases": Changes(actions=True),
}


def changes_for(tables: set[str]) -> Changes:
    out = Changes()
    for table in tables:
        out |= TABLE_CHANGES.get(table, Changes.everything())
    return out


@dataclass(frozen=True)
class Operation:
    """One write transaction: ``kind`` is do, undo or redo; ``reverts`` the operation an undo/redo took back."""

    id: int
    at: datetime
    user: str
    label: str
    kind: str
    reverts: int | None
    rows: int
    undone: bool = False

    @property
    def title(self) -> str:
        return self.label or f"Change {self.id}"
