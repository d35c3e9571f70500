"""Papers attached to an agenda item (issue 16): attach, list, remove, read back and save a copy.

A paper is checked (``forumdesk.imports.papers``) before anything is written: a file that is not what its
name says, damaged, encrypted, empty, over the size limit or of another kind is refused in one line naming
it, and the database is left as it was. Attaching and removing are one operation each (undoable through
``HistoryService``) with an audit row. The item is named by its number on the agenda ("3", "3.1").
"""

from __future__ import annotations

import builtins
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from forumdesk.db.connection import utc_now
from forumdesk.domain import agenda
from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.enums import Marking, MinutesStatus
from forumdesk.domain.errors import LockedMinutesError, ValidationError
from forumdesk.domain.model import AgendaItem, Meeting
from forumdesk.domain.papers import Paper, paper_marking
from forumdesk.export.files import atomic_output
from forumdesk.services.base import Service, found

PAPERS_CHANGED = Changes(agenda=True)
TEMP_PREFIX = "forumdesk-paper-"
TEMP_COPY_HOURS = 12  # long enough to read a paper opened in the morning; a viewer holding it open is left be


class PaperService(Service):
    # -- reading ------------------------------------------------------------------------------------------
    def list(self, meeting_id: int) -> list[Paper]:
        """The meeting's papers in agenda order (each item's in the order attached), numbered as on the agenda."""
        found(self.repos.meetings.meeting(meeting_id), "meeting", meeting_id)
        items = agenda.numbered(self.repos.meetings.items(meeting_id))
        order = {item.id: n for n, item in enumerate(items)}
        by_id = {item.id: item for item in items}
        papers = sorted(self.repos.papers.for_meeting(meeting_id),
                        key=lambda p: (order.get(p.agenda_item_id, len(order)), p.position, p.id))
        return [_numbered(p, by_id.get(p.agenda_item_id)) for p in papers]

    def for_item(self, item: AgendaItem) -> builtins.list[Paper]:
        """One item's papers in the order attached (what the agenda editor shows beside the item): read from
        the papers alone, so that choosing a row costs one small query."""
        return [_numbered(p, item) for p in self.repos.papers.for_item(item.id)]

    def paper(self, paper_id: int) -> Paper:
        paper = found(self.repos.papers.paper(paper_id), "paper", paper_id)
        meeting_id = self.repos.papers.meeting_of(paper_id)
        items = agenda.numbered(self.repos.meetings.items(meeting_id)) if meeting_id is not None else []
        return _numbered(paper, next((i for i in items if i.id == paper.agenda_item_id), None))

    def content(self, paper_id: int) -> bytes:
        """The paper's file exactly as it was attached."""
        return found(self.repos.papers.content(paper_id), "paper", paper_id)

    def save_copy(self, paper_id: int, target: str | Path) -> Path:
        """Write the paper's file to ``target`` (whole or not at all); returns the path written."""
        data = self.content(paper_id)
        with atomic_output(target) as temp:
            temp.write_bytes(data)
        return Path(target)

    def temp_copy(self, paper_id: int) -> Path:
        """A copy under its own name in a new private temp folder, for the system's viewer to open. Copies
        made more than ``TEMP_COPY_HOURS`` ago go first: a marked paper is not left in the temp folder."""
        paper = self.paper(paper_id)
        _remove_old_copies(Path(tempfile.gettempdir()), time.time() - TEMP_COPY_HOURS * 3600)
        folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        return self.save_copy(paper_id, folder / paper.file_name)

    def highest_marking(self, meeting_id: int) -> Marking | None:
        """The highest marking of the meeting's papers (None without papers): it raises the pack's."""
        papers = self.repos.papers.for_meeting(meeting_id)
        return max((p.marking for p in papers), key=lambda m: m.rank) if papers else None

    # -- writing ------------------------------------------------------------------------------------------
    def add(self, meeting_id: int, item_number: str, path: str | Path, marking: Marking | None = None
            ) -> Outcome[Paper]:
        """Attach the file at ``path`` to the item numbered ``item_number`` on the meeting's agenda."""
        from forumdesk.imports.papers import read_paper  # pypdf and the import package load on first use

        meeting = self._unlocked(meeting_id)
        item = self._item(meeting_id, item_number)
        source = Path(path)
        data, checked = read_paper(source)
        if marking is not None and checked.printed_marking is not None and marking.rank < \
                checked.printed_marking.rank:
            raise ValidationError(
                f"{source.name} is marked {checked.printed_marking.value} on its first page: it cannot be attached"
                f" as {marking.value}; nothing was attached", "marking")
        for other in self.repos.papers.for_meeting(meeting_id):
            if other.sha256 == checked.sha256:
                raise ValidationError(
                    f"{source.name} is already attached to this meeting (as {other.file_name}); nothing was attached",
                    "file")
        forum = found(self.repos.forums.forum(meeting.forum_id), "forum", meeting.forum_id)
        level = paper_marking(marking, checked.printed_marking, forum.marking)
        with self.store.transaction("Attach paper"):
            self.repos.papers.prune()  # files only an erased history still named
            paper_id = self.repos.papers.add(item.id, source.name, checked, level, data, utc_now())
        return self.store.outcome(self.paper(paper_id), PAPERS_CHANGED)

    def remove(self, paper_id: int) -> Outcome[None]:
        paper = self.paper(paper_id)
        meeting_id = found(self.repos.papers.meeting_of(paper_id), "paper", paper_id)
        self._unlocked(meeting_id)
        with self.store.transaction("Remove paper"):
            self.repos.papers.remove(paper_id, paper.file_name)
        return self.store.outcome(None, PAPERS_CHANGED)

    # -- helpers ------------------------------------------------------------------------------------------
    def _item(self, meeting_id: int, number: str) -> AgendaItem:
        items = agenda.numbered(self.repos.meetings.items(meeting_id))
        wanted = number.strip().rstrip(".")
        for item in items:
            if item.minute_ref == wanted:
                return item
        if not items:
            raise ValidationError("this meeting has no agenda items yet: add the item first", "item")
        shown = wanted if len(wanted) <= 20 else wanted[:19] + "…"
        raise ValidationError(
            f"the agenda has no item {shown!r} (its items are numbered {items[0].minute_ref} to"
            f" {items[-1].minute_ref})", "item")

    def _unlocked(self, meeting_id: int) -> Meeting:
        meeting = found(self.repos.meetings.meeting(meeting_id), "meeting", meeting_id)
        if meeting.minutes_status is MinutesStatus.AGREED:
            raise LockedMinutesError(
                f"the minutes of {meeting.starts_at:%d/%m/%Y} are agreed and locked: its papers can no longer be"
                " attached or removed")
        return meeting


def _numbered(paper: Paper, item: AgendaItem | None) -> Paper:
    if item is None:
        return paper
    return replace(paper, item_number=item.minute_ref, item_title=item.title)


def _remove_old_copies(folder: Path, before: float) -> None:
    for old in folder.glob(f"{TEMP_PREFIX}*"):
        try:
            if old.is_dir() and not old.is_symlink() and old.stat().st_mtime < before:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue
