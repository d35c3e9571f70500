"""E-mail drafts: circulate a meeting's papers to the forum's members, and chase action owners.

Nothing is sent: each draft is an unsent ``.eml`` (``X-Unsent: 1``) that Outlook, Thunderbird or Apple Mail
opens ready to send (``forumdesk.export.mail`` builds it). Drafts are written into a folder the user picks,
each under a temp name and renamed when complete, so a failure leaves no half-written message.

- ``circulate(meeting_id, what, folder)``: one draft to the forum's current members (To) and their deputies
  (Cc), with the agenda and papers, the draft minutes, or the action log attached. The attachments are
  exported through ``ExportService`` (marked and audited like any export) into the same folder, and the
  draft carries those files byte for byte.
- ``chase_owner(person_id, folder)`` / ``chase_forum(forum_id, folder)``: one draft per owner listing every
  open action they own across all forums, with an ``.ics`` of their due dates. ``chase_forum`` chases each
  person who owns an open action of that forum, and each of their drafts lists all their open actions (one
  e-mail per person, however many forums they serve). Actions owned only by an agency, or by nobody, have
  no one to write to and are named in ``MailResult.unowned``. Each chase is recorded (table ``chases``),
  one operation per call, so Edit > Undo takes a chase's records back; the tracker shows "Last chased".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from forumdesk.db.repositories import Repositories
from forumdesk.domain.changes import Outcome
from forumdesk.export.info import Progress, no_progress
from forumdesk.services.actions import ActionService
from forumdesk.services.base import Service
from forumdesk.services.directory import DirectoryService
from forumdesk.services.exports import ExportService
from forumdesk.services.forums import ForumService
from forumdesk.services.meetings import MeetingService

__all__ = ["REPLY_DAYS", "Circulation", "Draft", "MailResult", "MailService"]

REPLY_DAYS = 7  # a chaser asks for a reply within a week unless told otherwise


class Circulation(StrEnum):
    AGENDA = "agenda"  # the agenda (board pack PDF) and the meeting's papers
    MINUTES = "minutes"  # the draft minutes (PDF; DOCX too once Word minutes land)
    ACTIONS = "actions"  # the forum's action log (PDF and XLSX)


@dataclass(frozen=True)
class Draft:
    path: Path  # the .eml written
    to: tuple[str, ...]  # as written in the header, e.g. 'Jo Bloggs <jo@x.gov.uk>'
    cc: tuple[str, ...]
    subject: str
    attachments: tuple[str, ...]  # attachment file names
    actions: int = 0  # for a chaser: how many open actions it lists


@dataclass(frozen=True)
class MailResult:
    drafts: tuple[Draft, ...]
    without_address: tuple[str, ...]  # people who should have been addressed but have no e-mail address
    folder: Path
    unowned: tuple[str, ...] = ()  # chasers: refs of open actions with no person to chase (agency or nobody)


class MailService(Service):
    def __init__(  # the services a draft draws on, wired by ``Services``
        self, repos: Repositories, today: Callable[[], date], *, exports: ExportService, actions: ActionService,
        forums: ForumService, people: DirectoryService, meetings: MeetingService,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(repos, today)
        self.exports = exports
        self.actions = actions
        self.forums = forums
        self.people = people
        self.meetings = meetings
        self.now = now

    # -- circulate ----------------------------------------------------------------------------------------
    def circulate(
        self, meeting_id: int, what: Circulation, folder: Path, progress: Progress = no_progress
    ) -> Outcome[MailResult]:
        """One draft to the forum's members (deputies in Cc) with the meeting's papers of ``what`` attached."""
        raise NotImplementedError

    # -- chase --------------------------------------------------------------------------------------------
    def chase_owner(
        self, person_id: int, folder: Path, reply_by: date | None = None, progress: Progress = no_progress
    ) -> Outcome[MailResult]:
        """One chaser to this person listing all their open actions (none when they have none)."""
        raise NotImplementedError

    def chase_forum(
        self, forum_id: int, folder: Path, reply_by: date | None = None, progress: Progress = no_progress
    ) -> Outcome[MailResult]:
        """One chaser per person owning an open action of this forum, each listing all their open actions."""
        raise NotImplementedError

    def last_chased(self, action_ids: Iterable[int]) -> dict[int, datetime]:
        """When each of these actions was last chased (actions never chased are left out)."""
        raise NotImplementedError
