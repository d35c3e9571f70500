"""Exports as use cases: gather the records, apply the marking rules, call an exporter, audit the export.

Marking rules: an export carries the forum's or meeting's marking (the highest of those it draws on);
it can be raised; lowering it needs ``allow_lower=True`` (``--allow-lower-marking``, or the GUI's
confirmation). Each export is one row in the audit trail: the file is written under a temp name, then the
audit row is written and the file renamed in one transaction (``services.publish``), so a busy database
leaves neither the file nor the row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from forumdesk import __version__
from forumdesk.db.repositories import Repositories
from forumdesk.domain.enums import Marking
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.minutes import MinutesDocument
from forumdesk.domain.model import Action, ActionUpdate, Meeting
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.export.files import safe_filename
from forumdesk.export.info import DocumentInfo, ExportCancelled, Progress, no_progress
from forumdesk.services.actions import ActionService
from forumdesk.services.base import Service
from forumdesk.services.directory import DirectoryService
from forumdesk.services.forums import ForumService
from forumdesk.services.meetings import MeetingService
from forumdesk.services.minutes_content import MinutesContentService
from forumdesk.services.papers import PaperService
from forumdesk.services.publish import publish, staged
from forumdesk.services.strategy import StrategyService

if TYPE_CHECKING:  # the exporters (reportlab) load only when an export runs
    from forumdesk.export.board_pack import AreaProgress, BoardPack

__all__ = ["ExportCancelled", "ExportFormat", "ExportResult", "ExportService", "resolve_marking"]


class ExportFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"
    ICS = "ics"
    DOCX = "docx"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str  # "actions", "minutes", "agenda", "board-pack", "owner", "calendar"
    marking: Marking | None
    count: int  # rows or meetings written


def resolve_marking(default: Marking, requested: Marking | None, allow_lower: bool = False) -> Marking:
    """The marking an export carries: the default, or a higher one asked for; lower only when allowed."""
    if requested is None:
        return default
    if requested.rank < default.rank and not allow_lower:
        raise ValidationError(
            f"this export is marked {default.value}; lowering it to {requested.value} needs an explicit choice"
            " (--allow-lower-marking)",
            "marking",
        )
    return requested


def highest(markings: Iterable[Marking], floor: Marking = Marking.OFFICIAL) -> Marking:
    return max([floor, *markings], key=lambda m: m.rank)


class ExportService(Service):
    def __init__(  # the services an export draws on, wired by ``Services``
        self, repos: Repositories, today: Callable[[], date], *, actions: ActionService, meetings: MeetingService,
        forums: ForumService, people: DirectoryService, strategy: StrategyService, minutes: MinutesContentService,
        papers: PaperService, now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(repos, today)
        self.now = now
        self.actions = actions
        self.meetings = meetings
        self.forums = forums
        self.people = people
        self.strategy = strategy
        self.minutes = minutes
        self.papers = papers

    # -- markings -----------------------------------------------------------------------------------------
    def file_marking(self) -> Marking:
        """The highest protective marking in the file: of its forums and of its meetings (the status bar's)."""
        return highest([*(f.marking for f in self.forums.forums()), *(m.marking for m in self.meetings.meetings())])

    def default_marking_for_actions(self, actions: Sequence[Action], query: ActionQuery | None = None) -> Marking:
        forum_ids = set(query.forum_ids if query else ()) | {a.forum_id for a in actions}
        return highest(self.forums.forum(f).marking for f in forum_ids)

    def default_marking_for_meeting(self, meeting_id: int) -> Marking:
        meeting = self.meetings.meeting(meeting_id)
        return highest([meeting.marking, self.forums.forum(meeting.forum_id).marking])

    def default_marking_for_pack(self, meeting_id: int) -> Marking:
        """The meeting's marking, raised by any paper in the pack marked higher."""
        raised = self.papers.highest_marking(meeting_id)
        return highest([self.default_marking_for_meeting(meeting_id), *([raised] if raised else [])])

    def default_marking(
        self, kind: str, *, query: ActionQuery | None = None, meeting_id: int | None = None,
        owner_id: int | None = None,
    ) -> Marking:
        """The marking an export of this kind carries unless raised (what the GUI preselects)."""
        if kind == "board-pack" and meeting_id is not None:
            return self.default_marking_for_pack(meeting_id)
        if kind in ("minutes", "agenda") and meeting_id is not None:
            return self.default_marking_for_meeting(meeting_id)
        if kind == "owner" and owner_id is not None:
            return self.default_marking_for_actions(self.actions.list(ActionQuery(owner_id=owner_id, open_only=True)))
        if kind == "actions":
            return self._marking_of_query(query or ActionQuery())
        return Marking.OFFICIAL

    # -- action log ---------------------------------------------------------------------------------------
    def export_actions(
        self,
        query: ActionQuery,
        fmt: ExportFormat,
        target: str | Path,
        *,
        marking: Marking | None = None,
        allow_lower: bool = False,
        group_by: str = "forum",
        scope: str = "",
        progress: Progress = no_progress,
    ) -> ExportResult:
        # Spreadsheets stream (only the ids held: a county's 500,000 actions as objects would be ~700 MB);
        # the PDF log groups and sorts its rows, so it reads them all.
        actions = self.actions.list(query) if fmt is ExportFormat.PDF else self.actions.stream(query)
        level = resolve_marking(self._marking_of_query(query), marking, allow_lower)
        progress(0, len(actions))  # a cancel asked for while the rows were read stops here
        title = "Action log" + (f": {scope}" if scope else "")
        info = self._info(title, level, "Action log")
        with staged(Path(target)) as temp:
            self._write_actions(actions, fmt, temp, info, group_by, scope, progress)
            return self._audited(ExportResult(Path(target), "actions", level, len(actions)), fmt, temp)

    def _write_actions(
        self, actions: Sequence[Action], fmt: ExportFormat, target: Path, info: DocumentInfo, group_by: str,
        scope: str, progress: Progress,
    ) -> None:
        today = self.today()
        if fmt is ExportFormat.PDF:
            from forumdesk.export.action_log import ActionLogOptions, export_action_log_pdf

            export_action_log_pdf(target, actions, info, ActionLogOptions(today, scope, group_by), progress)
        elif fmt is ExportFormat.XLSX:
            from forumdesk.export.xlsx import export_actions_xlsx

            export_actions_xlsx(target, actions, info, today, self.history(actions), progress)
        elif fmt is ExportFormat.CSV:
            from forumdesk.export.csv_export import export_actions_csv

            export_actions_csv(target, actions, today, len(actions), progress)
        else:
            raise ValidationError(f"the action log cannot be exported as {fmt.value} (use xlsx, pdf or csv)")

    def _marking_of_query(self, query: ActionQuery) -> Marking:
        """``default_marking_for_actions`` from the forums of the matching actions, read without the actions."""
        forum_ids = set(query.forum_ids) | self.actions.forum_ids(query)
        return highest(self.forums.forum(f).marking for f in forum_ids)

    def history(self, actions: Iterable[Action]) -> Iterable[tuple[Action, ActionUpdate]]:
        """Every dated update of these actions, oldest first within each action (read 500 actions a query)."""
        batch: list[Action] = []
        for action in actions:
            if action.latest_update is not None:
                batch.append(action)
            if len(batch) == 500:
                yield from self._history_of(batch)
                batch = []
        yield from self._history_of(batch)

    def _history_of(self, batch: list[Action]) -> Iterable[tuple[Action, ActionUpdate]]:
        updates = self.actions.updates_for([a.id for a in batch])
        for action in batch:
            for update in updates.get(action.id, []):
                yield action, update

    # -- one person's chase list --------------------------------------------------------------------------
    def export_owner(
        self,
        person_id: int,
        fmt: ExportFormat,
        target: str | Path,
        *,
        marking: Marking | None = None,
        allow_lower: bool = False,
    ) -> ExportResult:
        person = self.people.person(person_id)
        actions = self.actions.list(ActionQuery(owner_id=person_id, open_only=True, sort=ActionSort.DUE))
        level = resolve_marking(self.default_marking_for_actions(actions), marking, allow_lower)
        who = person.name + (f" ({person.organisation})" if person.organisation else "")
        info = self._info(f"Chase list: {who}", level, "Chase list")
        if fmt not in (ExportFormat.PDF, ExportFormat.XLSX):
            raise ValidationError(f"a chase list cannot be exported as {fmt.value} (use pdf or xlsx)")
        with staged(Path(target)) as temp:
            if fmt is ExportFormat.PDF:
                from forumdesk.export.action_log import export_chase_list_pdf

                export_chase_list_pdf(temp, who, actions, info, self.today())
            else:
                self._write_actions(actions, fmt, temp, info, "forum", who, no_progress)
            return self._audited(ExportResult(Path(target), "owner", level, len(actions)), fmt, temp)

    # -- minutes and board pack ---------------------------------------------------------------------------
    def export_minutes(
        self, meeting_id: int, target: str | Path, *, marking: Marking | None = None, allow_lower: bool = False,
        fmt: ExportFormat = ExportFormat.PDF,
    ) -> ExportResult:
        """One meeting's minutes as PDF or (``fmt`` DOCX) a Word document members can amend."""
        if fmt not in (ExportFormat.PDF, ExportFormat.DOCX):
            raise ValidationError(f"minutes cannot be exported as {fmt.value} (use pdf or docx)", "format")
        doc = self.minutes.document(meeting_id)
        level = resolve_marking(highest([doc.marking, self.default_marking_for_meeting(meeting_id)]), marking,
                                allow_lower)
        state = "Agreed minutes" if not doc.is_draft else f"{doc.status.label} minutes"
        info = self._info(
            f"{doc.forum.name}: minutes of {doc.meeting.starts_at:%d/%m/%Y}", level, "Minutes", state,
            "DRAFT" if doc.is_draft else "",
        )
        with staged(Path(target)) as temp:
            if fmt is ExportFormat.DOCX:
                from forumdesk.export.minutes_docx import export_minutes_docx

                export_minutes_docx(temp, _with_marking(doc, level), info)
            else:
                from forumdesk.export.minutes import export_minutes_pdf

                export_minutes_pdf(temp, _with_marking(doc, level), info)
            result = ExportResult(Path(target), "minutes", level, len(doc.items))
            return self._audited(result, fmt, temp)

    def export_agenda(
        self, meeting_id: int, target: str | Path, *, fmt: ExportFormat = ExportFormat.PDF,
        marking: Marking | None = None, allow_lower: bool = False,
    ) -> ExportResult:
        """One meeting's agenda on its own, as PDF or DOCX (``count``: the top-level items)."""
        if fmt not in (ExportFormat.PDF, ExportFormat.DOCX):
            raise ValidationError(f"an agenda cannot be exported as {fmt.value} (use pdf or docx)", "format")
        meeting = self.meetings.meeting(meeting_id)
        forum = self.forums.forum(meeting.forum_id)
        items = self.meetings.items(meeting_id)
        level = resolve_marking(self.default_marking_for_meeting(meeting_id), marking, allow_lower)
        info = self._info(f"{forum.name}: agenda for {meeting.starts_at:%d/%m/%Y}", level, "Agenda")
        with staged(Path(target)) as temp:
            if fmt is ExportFormat.DOCX:
                from forumdesk.export.agenda_docx import export_agenda_docx

                export_agenda_docx(temp, forum, meeting, items, info)
            else:
                from forumdesk.export.agenda import export_agenda_pdf

                export_agenda_pdf(temp, forum, meeting, items, info)
            result = ExportResult(Path(target), "agenda", level, sum(1 for i in items if i.parent_id is None))
            return self._audited(result, fmt, temp)

    def export_board_pack(
        self, meeting_id: int, target: str | Path, *, marking: Marking | None = None, allow_lower: bool = False
    ) -> ExportResult:
        from forumdesk.export.board_pack import export_board_pack_pdf

        pack = self.board_pack(meeting_id)
        default = highest([self.default_marking_for_pack(meeting_id),
                           *([pack.previous_minutes.marking] if pack.previous_minutes else [])])
        level = resolve_marking(default, marking, allow_lower)
        info = self._info(f"{pack.forum.name}: board pack for {pack.meeting.starts_at:%d/%m/%Y}", level,
                          "Board pack")
        with staged(Path(target)) as temp:
            export_board_pack_pdf(temp, pack, info)
            result = ExportResult(Path(target), "board-pack", level, len(pack.actions))
            return self._audited(result, ExportFormat.PDF, temp)

    def board_pack(self, meeting_id: int) -> BoardPack:
        from forumdesk.export.board_pack import BoardPack
        from forumdesk.export.pack_papers import PackPaper

        meeting = self.meetings.meeting(meeting_id)
        forum = self.forums.forum(meeting.forum_id)
        previous = self.repos.meetings.previous_held(forum.id, meeting.starts_at.isoformat(timespec="minutes"))
        actions = self.actions.list(ActionQuery(forum_ids=(forum.id,), open_only=True, sort=ActionSort.REF))
        return BoardPack(
            forum=forum,
            meeting=meeting,
            agenda=self.meetings.items(meeting_id),
            previous_minutes=None if previous is None else self.minutes.document(previous.id),
            actions=actions,
            progress=self.area_progress(forum.id),
            today=self.today(),
            papers=[PackPaper(p, self.papers.content(p.id)) for p in self.papers.list(meeting_id)],
        )

    def area_progress(self, forum_id: int) -> list[AreaProgress]:
        """Per priority area the forum serves (or any its actions touch): open, overdue and closed actions."""
        from forumdesk.export.board_pack import AreaProgress

        forum = self.forums.forum(forum_id)
        area_of = {aim.code: aim.area_name for aim in self.strategy.aims()}
        today = self.today()
        counts: dict[str, list[int]] = {name: [0, 0, 0] for name in forum.priorities}
        for action in self.actions.list(ActionQuery(forum_ids=(forum_id,))):
            for area in {area_of[c] for c in action.aim_codes if c in area_of}:
                row = counts.setdefault(area, [0, 0, 0])
                if action.is_open:
                    row[0] += 1
                    row[1] += action.is_overdue(today)
                else:
                    row[2] += 1
        codes = {a.name: a.code for a in self.strategy.areas()}
        order = {a.name: a.position for a in self.strategy.areas()}
        return [
            AreaProgress(codes.get(name, ""), name, *values)
            for name, values in sorted(counts.items(), key=lambda kv: order.get(kv[0], 999))
        ]

    # -- calendar -----------------------------------------------------------------------------------------
    def export_calendar(self, target: str | Path, forum_id: int | None = None) -> ExportResult:
        from forumdesk.export.ics import export_calendar_ics

        meetings: list[Meeting] = self.meetings.meetings(forum_id)
        forum_marking = {f.id: f.marking for f in self.forums.forums()}
        markings = {m.id: highest([m.marking, forum_marking.get(m.forum_id, Marking.OFFICIAL)]) for m in meetings}
        agendas = {m.id: self.meetings.items(m.id) for m in meetings}
        name = self.forums.forum(forum_id).name if forum_id is not None else "ForumDesk meetings"
        with staged(Path(target)) as temp:
            export_calendar_ics(temp, meetings, agendas, markings, name)
            result = ExportResult(Path(target), "calendar", highest(markings.values()) if markings else None,
                                  len(meetings))
            return self._audited(result, ExportFormat.ICS, temp)

    # -- helpers ------------------------------------------------------------------------------------------
    def suggested_name(self, title: str, fmt: ExportFormat) -> str:
        return safe_filename(f"{title} {self.today():%Y-%m-%d}", f".{fmt.value}")

    def _info(self, title: str, marking: Marking, subject: str, state: str = "", watermark: str = "") -> DocumentInfo:
        version = f"{state} · ForumDesk {__version__}" if state else f"ForumDesk {__version__}"
        return DocumentInfo(title, marking, self.now().replace(microsecond=0), version, self.store.user, subject,
                            watermark)

    def _audited(self, result: ExportResult, fmt: ExportFormat, temp: Path) -> ExportResult:
        """Give the written temp file its name and record the export, together (none on a read-only file)."""
        detail = f"{fmt.value} {result.marking.value if result.marking else '-'} {result.count} {result.path.name}"

        def record() -> None:
            self.store.audit("export", None, "export", result.kind, None, detail)

        publish(self.store, temp, result.path, None if self.store.read_only else record)
        return result


def _with_marking(doc: MinutesDocument, marking: Marking) -> MinutesDocument:
    return replace(doc, marking=marking)
