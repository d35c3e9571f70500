"""An import batch: one run of ``forumdesk import`` (or of the import wizard), which can be undone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ImportBatch:
    id: str
    kind: str  # "actions" or "people"
    source: str  # the file's name
    imported_at: datetime
    user: str
    forum_id: int | None = None
    forum_name: str = ""
    summary: str = ""
    undone_at: datetime | None = None
    op_id: int | None = None  # the operation that made it, which undo replays (None: before 0005)

    @property
    def undone(self) -> bool:
        return self.undone_at is not None
