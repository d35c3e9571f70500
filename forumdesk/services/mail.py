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
  no one to write to and are named in ``MailResult.unowned``. A chaser asks for a reply within a week
  (``REPLY_DAYS``) unless another date is given. Each chase is recorded (table ``chases``),
  one operation per call, so Edit > Undo takes a chase's records back; the tracker shows "Last chased".
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from forumdesk.db.repositories import Repositories
from forumdesk.domain.changes import Changes, Outcome, nothing_changed
from forumdesk.domain.enums import Marking, MeetingStatus, MinutesStatus
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Forum, Meeting, Person
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.export.files import safe_filename
from forumdesk.export.info import Progress, no_progress
from forumdesk.services.actions import ActionService
from forumdesk.services.base import Service
from forumdesk.services.directory import DirectoryService
from forumdesk.services.exports import ExportFormat, ExportResult, ExportService, highest
from forumdesk.services.forums import ForumService
from forumdesk.services.meetings import MeetingService
from forumdesk.services.papers import PaperService
from forumdesk.services.publish import publish, publish_many, staged

if TYPE_CHECKING:  # the e-mail package loads only when a draft is made (start-up time)
    from forumdesk.export.mail import Attachment, MailDraft, Recipient

__all__ = ["REPLY_DAYS", "Circulation", "Draft", "MailResult", "MailService", "suggested_circulation", "usable_address"]

REPLY_DAYS = 7  # a chaser asks for a reply within a week unless told otherwise


class Circulation(StrEnum):
    AGENDA = "agenda"  # the agenda (PDF) and each of the meeting's papers as attached
    MINUTES = "minutes"  # the draft minutes as PDF (to read) and Word (to amend with track changes)
    ACTIONS = "actions"  # the forum's action log (PDF and XLSX)


def suggested_circulation(meeting: Meeting | None) -> Circulation:
    """What a meeting is most likely circulated for now: its agenda before it, its minutes after."""
    if meeting is None or meeting.status is MeetingStatus.PLANNED or meeting.minutes_status is MinutesStatus.NONE:
        return Circulation.AGENDA
    return Circulation.MINUTES


def usable_address(email: str) -> bool:
    """True when ``email`` is one plain address a draft can be written to (``.briain@x.gov.uk``, ``jo@@x.gov.uk``
    are not): the drafts' own rule, for a preview to say beforehand whom the drafts will miss."""
    from forumdesk.export.mail import Recipient, usable

    return usable(Recipient("", email))


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
        forums: ForumService, people: DirectoryService, meetings: MeetingService, papers: PaperService,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(repos, today)
        self.exports = exports
        self.actions = actions
        self.forums = forums
        self.people = people
        self.meetings = meetings
        self.papers = papers
        self.now = now

    # -- circulate ----------------------------------------------------------------------------------------
    def circulate(
        self, meeting_id: int, what: Circulation, folder: Path, progress: Progress = no_progress
    ) -> Outcome[MailResult]:
        """One draft to the forum's members (deputies in Cc) with the meeting's papers of ``what`` attached.

        The attachments are exported into ``folder`` too (each an audited export), then the draft is
        written beside them; the draft carries the very bytes of those files."""
        meeting = self.meetings.meeting(meeting_id)
        forum = self.forums.forum(meeting.forum_id)
        if what is Circulation.MINUTES and meeting.status is not MeetingStatus.HELD:
            raise ValidationError(
                f"the meeting of {forum.name} on {meeting.starts_at:%d/%m/%Y} has not been held: it has no"
                " minutes to circulate", "meeting")
        folder = _folder(folder)
        to, cc, missing = self.recipients(forum)
        exports = self._exports(what, meeting, forum)
        total = len(exports) + 1
        files: list[Path] = []
        markings = [forum.marking, meeting.marking]
        for done, (export, name) in enumerate(exports):
            progress(done, total)
            exported = export(folder / name)
            files.append(exported.path)
            markings += [exported.marking] if exported.marking else []
        papers, paper_markings = self._papers(meeting, what)
        progress(len(exports), total)
        marking = highest([*markings, *paper_markings])
        sender = self._person(forum.secretary_id)
        from forumdesk.export.circulation import circulation_bodies, circulation_subject
        from forumdesk.export.mail import Attachment, MailDraft

        subject = circulation_subject(what.value, marking, forum, meeting, self.today())
        text, html = circulation_bodies(what.value, marking, forum, meeting, sender.name if sender else "")
        attachments = [Attachment(path.name, path.read_bytes()) for path in files]
        attachments += papers
        draft = MailDraft(subject, [_recipient(p) for p in to], text, html, [_recipient(p) for p in cc],
                          _recipient(sender) if sender else None, attachments)
        title = (f"{forum.name} action log {self.today():%Y-%m-%d}" if what is Circulation.ACTIONS  # as the log's
                 else f"{forum.name} {what.value} {meeting.starts_at:%Y-%m-%d}")  # files: dated today, not the meeting
        target = folder / safe_filename(title, ".eml")
        written = self._write_one(draft, target, f"circulate {what.value} meeting {meeting.id}")
        progress(total, total)
        return nothing_changed(MailResult((written,), tuple(missing), folder))  # audit rows only

    def recipients(self, forum: Forum) -> tuple[list[Person], list[Person], list[str]]:
        """The forum's current members (To), their deputies who are not members themselves (Cc), and the
        names of those of either without a usable e-mail address. Erased people are left out."""
        from forumdesk.export.mail import header_text

        members = self.forums.members(forum.id, on=self.today())
        to = _unique(self._person(m.person_id) for m in members)
        member_ids = {p.id for p in to}
        cc = [p for p in _unique(self._person(m.deputy_id) for m in members) if p.id not in member_ids]
        missing = [p.name for p in (*to, *cc) if not header_text(_recipient(p))]
        return to, cc, missing

    def _exports(
        self, what: Circulation, meeting: Meeting, forum: Forum
    ) -> list[tuple[Callable[[Path], ExportResult], str]]:
        """The files to export and attach, each (export it to a path, its file name)."""
        on = f"{meeting.starts_at:%Y-%m-%d}"
        exports = self.exports
        if what is Circulation.MINUTES:  # the PDF to read, the Word document to amend with track changes

            def minutes_as(fmt: ExportFormat) -> Callable[[Path], ExportResult]:
                return lambda path: exports.export_minutes(meeting.id, path, fmt=fmt)

            name = f"{forum.name} minutes {on}"
            return [(minutes_as(fmt), safe_filename(name, f".{fmt.value}")) for fmt in (ExportFormat.PDF,
                                                                                          ExportFormat.DOCX)]
        if what is Circulation.AGENDA:  # the papers follow as they were attached (``_papers``)
            agenda = safe_filename(f"{forum.name} agenda {on}", ".pdf")
            return [(lambda path: exports.export_agenda(meeting.id, path), agenda)]
        query = ActionQuery(forum_ids=(forum.id,), sort=ActionSort.REF)
        log = f"{forum.name} action log {self.today():%Y-%m-%d}"

        def log_as(fmt: ExportFormat) -> Callable[[Path], ExportResult]:
            return lambda path: exports.export_actions(query, fmt, path, scope=forum.name)

        return [(log_as(fmt), safe_filename(log, f".{fmt.value}")) for fmt in (ExportFormat.PDF, ExportFormat.XLSX)]

    def _papers(self, meeting: Meeting, what: Circulation) -> tuple[list[Attachment], list[Marking]]:
        """The agenda's papers, each as it was attached (byte for byte), named after its item ("Item 3 -
        Budget.xlsx") so they sort in agenda order, and their markings (a higher one raises the draft's)."""
        from forumdesk.export.mail import Attachment

        if what is not Circulation.AGENDA:
            return [], []
        papers = self.papers.list(meeting.id)
        attached = [Attachment(f"Item {p.item_number} - {p.file_name}", self.papers.content(p.id)) for p in papers]
        return attached, [p.marking for p in papers]

    # -- chase --------------------------------------------------------------------------------------------
    def chase_owner(
        self, person_id: int, folder: Path, reply_by: date | None = None, progress: Progress = no_progress
    ) -> Outcome[MailResult]:
        """One chaser to this person listing all their open actions (none when they have none, or when the
        person's details were erased)."""
        person = self.people.person(person_id)
        if person.anonymised:
            return nothing_changed(MailResult((), (), _folder(folder)))
        return self._chase([person], folder, reply_by, progress, (), None, f"Chase {person.name}")

    def chase_forum(
        self, forum_id: int, folder: Path, reply_by: date | None = None, progress: Progress = no_progress
    ) -> Outcome[MailResult]:
        """One chaser per person owning an open action of this forum, each listing all their open actions.

        ``unowned`` names the forum's open actions with no one to write to: an agency's, nobody's, or those
        of a person whose details were erased."""
        forum = self.forums.forum(forum_id)
        open_actions = self.actions.list(ActionQuery(forum_ids=(forum_id,), open_only=True, sort=ActionSort.REF))
        owners = {i: self.people.person(i) for i in {a.owner_id for a in open_actions if a.owner_id is not None}}
        erased = {i for i, p in owners.items() if p.anonymised}  # an erased person is written to no more
        people = sorted((p for i, p in owners.items() if i not in erased), key=lambda p: (p.name.casefold(), p.id))
        unowned = tuple(a.ref for a in open_actions if a.owner_id is None or a.owner_id in erased)
        secretary = self._person(forum.secretary_id)
        return self._chase(people, folder, reply_by, progress, unowned, secretary, f"Chase the owners of {forum.name}")

    def last_chased(self, action_ids: Iterable[int]) -> dict[int, datetime]:
        """When each of these actions was last chased (actions never chased are left out)."""
        return self.repos.chases.last_chased(list(action_ids))

    def default_reply_by(self) -> date:
        return self.today() + timedelta(days=REPLY_DAYS)

    def _chase(
        self, people: Sequence[Person], folder: Path, reply_by: date | None, progress: Progress,
        unowned: tuple[str, ...], sender: Person | None, label: str,
    ) -> Outcome[MailResult]:
        from forumdesk.export.chaser import chaser_bodies, chaser_calendar
        from forumdesk.export.mail import Attachment, MailDraft, header_text, subject_line

        folder = _folder(folder)
        reply_by = reply_by or self.default_reply_by()
        if reply_by < self.today():
            raise ValidationError(f"the reply date {reply_by:%d/%m/%Y} has passed", "reply_by")
        identity = self.repos.chases.identity() or hashlib.sha256(str(self.store.path).encode()).hexdigest()[:32]
        now = self.now().replace(microsecond=0)
        drafts: list[Draft] = []
        rows: list[tuple[int, int | None, str]] = []
        files: list[tuple[Path, Path]] = []
        missing: list[str] = []
        used: set[str] = set()
        with contextlib.ExitStack() as stack:
            for done, person in enumerate(people):
                progress(done, len(people))
                actions = self.actions.list(ActionQuery(owner_id=person.id, open_only=True, sort=ActionSort.DUE))
                if not actions:
                    continue
                marking = self.exports.default_marking_for_actions(actions)
                text, html = chaser_bodies(person.name, actions, reply_by, marking, sender.name if sender else "")
                ics = chaser_calendar(person.name, actions, identity, marking, now)
                subject = f"Your open actions: please reply with your update by {reply_by:%d/%m/%Y}"
                ics_name = safe_filename(f"Action due dates {person.name}", ".ics")
                draft = MailDraft(subject_line(marking, subject), [_recipient(person)], text, html,
                                  sender=_recipient(sender) if sender else None,
                                  attachments=[Attachment(ics_name, ics, "text/calendar")])
                name = _unused(f"Chaser {person.name} {self.today():%Y-%m-%d}", used)
                target = folder / name
                temp = stack.enter_context(staged(target))
                drafts.append(self._draft(draft, temp, target, len(actions)))
                files.append((temp, target))
                rows += [(a.id, person.id, name) for a in actions]
                if not header_text(_recipient(person)):
                    missing.append(person.name)
            progress(len(people), len(people))
            if files:
                publish_many(self.store, files, None if self.store.read_only else lambda: self._record(rows, now),
                             label)
        result = MailResult(tuple(drafts), tuple(missing), folder, unowned)
        if not files or self.store.read_only:
            return nothing_changed(result)
        return self.store.outcome(result, Changes(actions=True))

    def _record(self, rows: list[tuple[int, int | None, str]], now: datetime) -> None:
        count = self.repos.chases.record(rows, now)
        drafts = len({r[2] for r in rows})
        self.store.audit("export", None, "export", "chase", None, f"eml {drafts} drafts {count} actions")

    # -- writing ------------------------------------------------------------------------------------------
    @staticmethod
    def _draft(draft: MailDraft, temp: Path, target: Path, actions: int = 0) -> Draft:
        """Write the message to ``temp``; what it says, as the caller reports it."""
        from forumdesk.export.mail import build_message, header_text, message_bytes

        message = build_message(draft)
        temp.write_bytes(message_bytes(message))
        to = tuple(t for t in (header_text(r) for r in draft.to) if t)
        cc = tuple(t for t in (header_text(r) for r in draft.cc) if t)
        names = tuple(str(a.get_filename() or "") for a in message.iter_attachments())
        return Draft(target, to, cc, str(message["Subject"]), names, actions)

    def _write_one(self, draft: MailDraft, target: Path, detail: str) -> Draft:
        with staged(target) as temp:
            written = self._draft(draft, temp, target)

            def record() -> None:
                self.store.audit("export", None, "export", "mail", None, f"eml {detail} {target.name}")

            publish(self.store, temp, target, None if self.store.read_only else record)
        return written

    def _person(self, person_id: int | None) -> Person | None:
        if person_id is None:
            return None
        person = self.repos.people.person(person_id)
        return None if person is None or person.anonymised else person


def _recipient(person: Person) -> Recipient:
    from forumdesk.export.mail import Recipient

    return Recipient(person.name, person.email)


def _unique(people: Iterable[Person | None]) -> list[Person]:
    """The people in order, each once, without the Nones."""
    seen: dict[int, Person] = {}
    for person in people:
        if person is not None and person.id not in seen:
            seen[person.id] = person
    return list(seen.values())


def _folder(folder: Path) -> Path:
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(f"the folder {folder} does not exist: choose or create one", "folder")
    return folder


def _unused(title: str, used: set[str]) -> str:
    """A safe ``.eml`` file name for ``title`` not given yet in this run (two people of one name: "(2)")."""
    name, n = safe_filename(title, ".eml"), 1
    while name.casefold() in used:
        n += 1
        name = safe_filename(f"{title} ({n})", ".eml")
    used.add(name.casefold())
    return name
