"""What an exported document says about itself: title, marking, when and by what it was produced.

Also the progress callback the exporters call, and the exception a caller raises from it to cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ExportError

Progress = Callable[[int, int], None]  # (done, total); raise ExportCancelled inside it to stop


class ExportCancelled(ExportError):
    """The user cancelled an export; nothing was written."""

    def __init__(self, message: str = "the export was cancelled: nothing was written") -> None:
        super().__init__(message)


def no_progress(done: int, total: int) -> None:
    """The default progress callback: does nothing."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the page furniture prints and the file's metadata carries."""

    title: str
    marking: Marking
    produced_at: datetime
    version: str = ""  # e.g. "Draft minutes · ForumDesk 0.1.0"
    author: str = ""
    subject: str = ""
    watermark: str = ""  # e.g. "DRAFT"; empty for none
