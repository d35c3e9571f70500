"""Bringing trackers in: resolving a file's plan against a forum, writing it all or nothing, and undoing it.

Rules (the dry run shows what they decide, row by row):
- A row whose ref is already in the forum **updates** that action (only the fields the file gives);
  a row with no ref gets the forum's next ref; a ref met twice in the file is skipped the second time.
- Owners are matched to people by name (any case); where several share the name, the agency decides;
  otherwise a new person (and agency) is created. "All", "TBC" and the like are no owner.
- A date raised that the file does not give is taken from the meeting date, else the earliest date on
  the row, else today. A row whose dates contradict each other (due or closed before raised), or that is
  complete with no date closed, is imported as written, with a warning in the plan: never dropped.
- The tracker's RAG is kept as an override only where it is *more severe* than the rule gives (so a
  stale green never hides an overdue action); otherwise the rule's colour stands. Blue means complete.
- What could not go in a field (TBC, an impossible date, a second owner) is kept in a dated update.
- Everything is one transaction and one import batch; ``undo`` removes what the batch added and puts
  back the values it changed.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from forumdesk.db.connection import OPEN_FILES
from forumdesk.db.replay import Image, revert
from forumdesk.db.repositories import Repositories
from forumdesk.db.repositories.history import HistoryRepository
from forumdesk.domain.changes import Changes
from forumdesk.domain.changes import Outcome as Written
from forumdesk.domain.dates import two_digit_year
from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.errors import ImportFileError, NotFoundError, ValidationError
from forumdesk.domain.imports import ImportBatch
from forumdesk.domain.model import Forum
from forumdesk.domain.privacy import fold as fold_name
from forumdesk.domain.refs import REF_PATTERN, format_ref
from forumdesk.imports import (
    ActionFile,
    Field,
    ImportedAction,
    PeopleFile,
    PersonField,
    RowMessage,
    Table,
    load_tables,
    parse_actions,
    parse_people,
    read_actions,
    read_people,
)
from forumdesk.imports.actions import sheet_kind
from forumdesk.imports.columns import Header, find_header
from forumdesk.imports.outcome import (
    ActionImportPlan,
    ImportResult,
    Outcome,
    PeopleImportPlan,
    PlannedAction,
    PlannedPerson,
    UndoResult,
)
from forumdesk.imports.plan import ColumnDates, column_letters
from forumdesk.imports.report import ORDER_NAMES, context_lines, plan_lines
from forumdesk.imports.rules import changed_fields, default_raised, describe_changes, merged_dates, rag_decision
from forumdesk.imports.values import text as cell_text
from forumdesk.services.backups import BackupService
from forumdesk.services.import_directory import ImportDirectory, Owner, fold

# What the two faces (commands, ui) use of the import layer, which they may reach only through services.
__all__ = [
    "ORDER_NAMES",
    "ActionFile",
    "ActionImportPlan",
    "ColumnDates",
    "Field",
    "Header",
    "ImportResult",
    "ImportService",
    "Outcome",
    "PeopleFile",
    "PeopleImportPlan",
    "PersonField",
    "RowMessage",
    "Table",
    "UndoResult",
    "cell_text",
    "column_letters",
    "context_lines",
    "find_header",
    "load_tables",
    "parse_actions",
    "parse_people",
    "plan_lines",
    "sheet_kind",
]

Progress = Callable[[int, int], None]
IMPORTED = Changes(actions=True, people=True, organisations=True, memberships=True)


@dataclass
class _Row:
    """One row resolved: its outcome and, to write it, the columns and the dated updates."""

    planned: PlannedAction
    fields: dict[str, object]
    updates: list[tuple[date, str]]


class ImportService:
    def __init__(self, repos: Repositories, today: Callable[[], date], backups: BackupService) -> None:
        self.store = repos.store
        self.today = today
        self.actions = repos.actions
        self.people = repos.people
        self.forums = repos.forums
        self.repo = repos.imports
        self.backups = backups
        self._written: set[int] = set()  # actions without a ref added by the import being written

    # -- reading ------------------------------------------------------------------------------------------
    @staticmethod
    def read_actions(path: str | Path, sheet: str | Sequence[str] | None = None, date_order: str = "dmy") -> ActionFile:
        """Read and check a file (no database involved): raises ``ImportFileError`` in one line.

        ``date_order`` ("dmy" or "mdy") is how a date column whose dates read either way is read."""
        _refuse_open_database(Path(path))
        return read_actions(path, sheet=sheet, date_order=date_order)

    @staticmethod
    def read_people(path: str | Path) -> PeopleFile:
        _refuse_open_database(Path(path))
        return read_people(path)

    def batches(self, limit: int = 50) -> list[ImportBatch]:
        return [self._as_now(b) for b in self.repo.batches(limit)]

    def batch(self, batch_id: str) -> ImportBatch:
        batch = self.repo.batch(batch_id.strip())
        if batch is None:
            raise NotFoundError(f"there is no import {batch_id.strip()!r} (see: forumdesk import list)")
        return self._as_now(batch)

    def _as_now(self, batch: ImportBatch) -> ImportBatch:
        """The batch with ``undone_at`` as the history has it now: an undo (by ``import undo`` or
        ``forumdesk undo``) that no redo took back."""
        if batch.op_id is None:
            return batch
        current = HistoryRepository(self.store).latest_form(batch.op_id)
        undone = current is not None and current.kind == "undo"
        return replace(batch, undone_at=current.at if undone and current is not None else None)

    # -- actions ------------------------------------------------------------------------------------------
    def plan_actions(self, file: ActionFile, forum: str | int) -> ActionImportPlan:
        """What importing ``file`` into ``forum`` would do; writes nothing (the dry run)."""
        target = self._forum(forum)
        directory = ImportDirectory(self.people, self.repo, None)
        rows = [r.planned for r in self._resolve_each(file, target, directory)]  # each row's fields dropped
        return ActionImportPlan(
            target.id,
            target.name,
            file,
            tuple(rows),
            tuple(sorted(directory.new_people.values())),
            tuple(sorted(directory.new_agencies.values())),
        )

    def import_actions(
        self, file: ActionFile, forum: str | int, progress: Progress | None = None
    ) -> Written[ImportResult]:
        """Write the plan in one transaction, as one batch that ``undo`` can take back.

        Rows are resolved and written one at a time (rows with a ref first, so a ref made for a row
        without one cannot take a ref the file uses): nothing per row is held once it is written."""
        target = self._forum(forum)
        batch = _new_batch_id()
        self.backups.backup_now("import")
        counts = dict.fromkeys(Outcome, 0)
        with self.store.transaction(f"Import {file.source}"):
            self.repo.add_batch(batch, "actions", file.source, target.id)
            directory = ImportDirectory(self.people, self.repo, batch)
            total = len(file.rows)
            self._written = set()
            for done, row in enumerate(self._resolve_in_write_order(file, target, directory), start=1):
                self._write(row, target, batch)
                counts[row.planned.outcome] += 1
                if progress is not None:
                    progress(done, total)
            skipped = counts[Outcome.SKIP] + len(file.skipped)
            summary = (
                f"{file.source}: {counts[Outcome.ADD]} added, {counts[Outcome.UPDATE]} updated,"
                f" {counts[Outcome.UNCHANGED]} unchanged, {skipped} skipped;"
                f" {len(directory.new_people)} new people, {len(directory.new_agencies)} new agencies"
            )
            self.repo.set_summary(batch, summary)
        result = ImportResult(
            batch,
            summary,
            counts[Outcome.ADD],
            counts[Outcome.UPDATE],
            counts[Outcome.UNCHANGED],
            skipped,
            len(directory.new_people),
            len(directory.new_agencies),
        )
        return self.store.outcome(result, IMPORTED)

    def _resolve_in_write_order(self, file: ActionFile, forum: Forum, directory: ImportDirectory) -> Iterator[_Row]:
        repeated = _repeated_refs(file)
        for with_ref in (True, False):
            for index, item in enumerate(file.rows):
                if bool(item.ref) is with_ref:
                    yield repeated[index] if index in repeated else self._resolve(item, forum, directory, file.source)

    def _forum(self, forum: str | int) -> Forum:
        found = self.forums.forum(forum) if isinstance(forum, int) else self.forums.forum_by_name(forum)
        if found is None:
            raise ValidationError(f"there is no forum called {forum!r}", "forum")
        return found

    def _resolve_each(self, file: ActionFile, forum: Forum, directory: ImportDirectory) -> Iterator[_Row]:
        repeated = _repeated_refs(file)
        for index, item in enumerate(file.rows):
            yield repeated[index] if index in repeated else self._resolve(item, forum, directory, file.source)

    def _resolve(self, item: ImportedAction, forum: Forum, directory: ImportDirectory, source: str) -> _Row:
        today = self.today()
        if item.ref:
            existing_id = self.actions.by_ref(forum.id, item.ref)
            if existing_id is not None and item.ref.isdigit() and item.description:
                found = self.actions.get(existing_id, today)
                other = found.description if found else ""
                if other and _unrelated(other, item.description):  # another tracker's row number
                    row = self._resolve(replace(item, ref=""), forum, directory, source)
                    warning = (
                        f"ref {item.ref} already names another action in {forum.name} ({_short(other)}):"
                        " this row is taken as an action of its own, found again by its text"
                    )
                    return _Row(
                        replace(row.planned, warnings=(warning, *row.planned.warnings)), row.fields, row.updates
                    )
        else:  # a row without a ref is found again by its text, so importing twice does not duplicate it
            existing_id = self.repo.action_by_description(forum.id, item.description)
            if existing_id in self._written:  # made by this import a row earlier: the plan said add, so add
                existing_id = None
        existing = None if existing_id is None else self.actions.get(existing_id, today)
        raised = item.raised_on or (existing.raised_on if existing else None) or default_raised(item, today)
        status = item.status or (existing.status if existing else ActionStatus.OPEN)
        merged = merged_dates(item, existing)
        warnings = _date_warnings(raised, status, merged)
        notes = list(item.notes)
        owner = directory.owner(item.owner_name, item.owner_agency) if item.owner_name else None
        if owner is not None and owner.note:
            notes.append(owner.note)
        fields = _given_fields(item, raised, status, owner, directory)
        if (meeting := item.meeting_date) and (meeting_id := self.repo.meeting_on(forum.id, meeting)):
            fields["meeting_id"] = meeting_id
        override, rag_note = rag_decision(item.rag, status, merged[0], merged[1], today)
        if override is not None:
            fields["rag_override"] = override
        if rag_note:
            notes.append(rag_note)
        updates = [(max(on or today, raised), text) for on, text in item.updates]
        if notes:
            updates.append((max(today, raised), f"Imported from {source} ({item.place}): " + "; ".join(notes)))
        label = owner.label if owner else ""
        new_owner = bool(owner and owner.new_person)
        if existing is None:
            fields["raised_on"] = raised
            planned = PlannedAction(item, Outcome.ADD, "", None, label, new_owner, warnings)
            return _Row(planned, fields, updates)
        changed = changed_fields(existing, fields)
        updates = [(on, text) for on, text in updates if not self.repo.update_exists(existing.id, on, text)]
        if not changed and not updates:
            unchanged = PlannedAction(item, Outcome.UNCHANGED, "already up to date", existing.id, label)
            return _Row(unchanged, {}, [])
        what = describe_changes(changed, len(updates))
        planned = PlannedAction(item, Outcome.UPDATE, what, existing.id, label, new_owner, warnings)
        return _Row(planned, {k: v for k, v in fields.items() if k in changed}, updates)

    def _write(self, row: _Row, forum: Forum, batch: str) -> None:
        planned = row.planned
        if planned.outcome is Outcome.ADD:
            raised = row.fields["raised_on"]
            assert isinstance(raised, date)
            ref, year, seq = self._ref(planned.row.ref, forum, raised)
            action_id = self.actions.add(forum.id, ref, year, seq, batch, **row.fields)
            if not planned.row.ref:
                self._written.add(action_id)
        elif planned.outcome is Outcome.UPDATE:
            assert planned.action_id is not None
            action_id = planned.action_id
            self.actions.update(action_id, **row.fields)
        else:
            return
        for on, text in row.updates:
            self.actions.add_update(action_id, on, text, "import")

    def _ref(self, ref: str, forum: Forum, raised: date) -> tuple[str, int, int]:
        if ref:
            m = REF_PATTERN.match(ref)
            if m:
                return ref, two_digit_year(int(m["yy"])), int(m["seq"])
            digits = "".join(ch for ch in ref if ch.isdigit())
            return ref, raised.year, int(digits[-6:]) if digits else 0
        seq = self.actions.next_sequence(forum.id, raised.year)
        return format_ref(forum.short_code, raised.year, seq), raised.year, seq

    # -- people -------------------------------------------------------------------------------------------
    def plan_people(self, file: PeopleFile, forum: str | int | None = None) -> PeopleImportPlan:
        target = None if forum is None else self._forum(forum)
        directory = ImportDirectory(self.people, self.repo, None)
        rows = [p for p, _ in self._resolve_people(file, target, directory)]
        return PeopleImportPlan(
            file,
            tuple(rows),
            None if target is None else target.id,
            "" if target is None else target.name,
            tuple(sorted(directory.new_agencies.values())),
        )

    def import_people(
        self, file: PeopleFile, forum: str | int | None = None, progress: Progress | None = None
    ) -> Written[ImportResult]:
        target = None if forum is None else self._forum(forum)
        batch = _new_batch_id()
        self.backups.backup_now("import")
        with self.store.transaction(f"Import {file.source}"):
            self.repo.add_batch(batch, "people", file.source, None if target is None else target.id)
            directory = ImportDirectory(self.people, self.repo, batch)
            resolved = self._resolve_people(file, target, directory)
            for done, (planned, values) in enumerate(resolved, start=1):
                self._write_person(planned, values, target, batch)
                if progress is not None:
                    progress(done, len(resolved))
            plan = PeopleImportPlan(file, tuple(p for p, _ in resolved), None, target.name if target else "")
            summary = f"{file.source}: {plan.summary()}"
            self.repo.set_summary(batch, summary)
        result = ImportResult(
            batch,
            summary,
            plan.count(Outcome.ADD),
            plan.count(Outcome.UPDATE),
            plan.count(Outcome.UNCHANGED),
            len(plan.skipped),
            plan.count(Outcome.ADD),
            len(directory.new_agencies),
            plan.joining,
        )
        return self.store.outcome(result, IMPORTED)

    def _resolve_people(
        self, file: PeopleFile, forum: Forum | None, directory: ImportDirectory
    ) -> list[tuple[PlannedPerson, dict[str, object]]]:
        members = set() if forum is None else {m.person_id for m in self.forums.members(forum.id) if m.to_date is None}
        seen: set[str] = set()
        out: list[tuple[PlannedPerson, dict[str, object]]] = []
        for item in file.rows:
            if fold(item.name) in seen:
                out.append((PlannedPerson(item, Outcome.SKIP, f"{item.name} is listed twice"), {}))
                continue
            seen.add(fold(item.name))
            matches = directory.named(item.name)
            if len(matches) > 1:
                out.append((PlannedPerson(item, Outcome.SKIP, f"{len(matches)} people are called {item.name}"), {}))
                continue
            values: dict[str, object] = {
                k: v for k, v in (("role", item.role), ("email", item.email), ("phone", item.phone)) if v
            }
            if item.agency:
                values["organisation_id"] = directory.org(item.agency)
            if not matches:
                out.append((PlannedPerson(item, Outcome.ADD, "", None, forum is not None), values))
                continue
            person = matches[0]
            joins = forum is not None and person.id not in members
            current = {
                "role": person.role,
                "email": person.email,
                "phone": person.phone,
                "organisation_id": person.organisation_id,
            }
            changed = {k: v for k, v in values.items() if current[k] != v}
            outcome = Outcome.UPDATE if changed else Outcome.UNCHANGED
            reason = ", ".join(k.replace("organisation_id", "agency") for k in changed)
            out.append((PlannedPerson(item, outcome, reason, person.id, joins), changed))
        return out

    def _write_person(self, planned: PlannedPerson, values: dict[str, object], forum: Forum | None, batch: str) -> None:
        person_id = planned.person_id
        if planned.outcome is Outcome.ADD:
            org_id = values.get("organisation_id")
            person_id = self.people.add_person(
                planned.row.name,
                planned.row.role,
                org_id if isinstance(org_id, int) else None,
                planned.row.email,
                planned.row.phone,
            )
        elif planned.outcome is Outcome.UPDATE and person_id is not None:
            self.people.update_person(person_id, **values)
        if planned.join_forum and forum is not None and person_id is not None:
            self.forums.add_member(forum.id, person_id, planned.row.role or "Member")

    # -- undo ---------------------------------------------------------------------------------------------
    def undo(self, batch_id: str) -> Written[UndoResult]:
        """Take the import back by replaying its operation from the row journal (``forumdesk/db/replay.py``):
        what it added is removed and what it changed is put back, in one transaction. A person or agency it
        added that is now used elsewhere is kept. Refused, with nothing changed, when a record the import
        wrote was changed since; an import made before ForumDesk kept the journal cannot be undone here."""
        batch = self.batch(batch_id)
        if batch.undone:
            raise ValidationError(f"the import {batch.id} was already undone on {batch.undone_at:%d/%m/%Y %H:%M}")
        if batch.op_id is None:
            raise ValidationError(
                f"the import {batch.id} was made by an older ForumDesk, which kept no undo journal: restore the"
                " backup taken just before it instead (see: forumdesk backups)"
            )
        history = HistoryRepository(self.store)
        with self.store.operation(f"Undo import {batch.id}", kind="undo"):
            current = history.latest_form(batch.op_id)
            if current is None or current.kind == "undo":
                raise ValidationError(f"the import {batch.id} was already undone")
            assert self.store.op_id is not None
            history.name(self.store.op_id, current.id, f"Undo {current.title}")
            done = revert(self.store, current.id, f"undo the import {batch.id}", keep=self._now_used)
            self.repo.audit_undo(batch.id)
        kept = tuple(str(row.get("name", "")) for _, row in done.kept)
        undone = UndoResult(batch.id, done.count(done.removed, _RECORDS), done.count(done.restored, _RECORDS), kept)
        return self.store.outcome(undone, IMPORTED)

    def _now_used(self, table: str, row: Image) -> bool:
        """A person or agency the import added that something outside the import now points at."""
        return table in ("people", "organisations") and self.repo.references(table, int(row["id"])) > 0


_RECORDS = {"actions", "action_updates", "people", "organisations", "memberships"}


def _repeated_refs(file: ActionFile) -> dict[int, _Row]:
    """Rows whose ref an earlier row already has (the reader keeps one row per ref; this is a safety net)."""
    seen: dict[str, str] = {}
    out: dict[int, _Row] = {}
    for index, item in enumerate(file.rows):
        key = item.ref.casefold()
        if item.ref and key in seen:
            out[index] = _Row(PlannedAction(item, Outcome.SKIP, f"ref {item.ref} is also on {seen[key]}"), {}, [])
        elif item.ref:
            seen[key] = str(item.place)
    return out


def _date_warnings(
    raised: date, status: ActionStatus, merged: tuple[date | None, date | None, date | None]
) -> tuple[str, ...]:
    """What contradicts on the row as it will be: imported as written, and said (never dropped)."""
    out = []
    for label, value in zip(("due date", "revised due date", "date closed"), merged, strict=True):
        if value is not None and value < raised:
            out.append(f"the {label} {value:%d/%m/%Y} is before the date raised {raised:%d/%m/%Y}: imported as written")
    if status is ActionStatus.COMPLETE and merged[2] is None:
        out.append("the status is Complete but there is no date closed: imported as written")
    return tuple(out)


def _new_batch_id() -> str:
    return f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def _given_fields(
    item: ImportedAction, raised: date, status: ActionStatus, owner: Owner | None, directory: ImportDirectory
) -> dict[str, object]:
    """The columns the row gives a value for (an update leaves the others alone)."""
    fields: dict[str, object] = {"description": item.description, "status": status}
    if item.raised_on is not None:
        fields["raised_on"] = raised
    if owner is not None and owner.person_id is not None:
        fields["owner_id"] = owner.person_id
    if owner is not None and owner.new_person and owner.person_id is None:
        fields["owner_id"] = -1  # planning only: a person still to be created
    org_id = owner.org_id if owner is not None else directory.org(item.owner_agency)
    if org_id is not None:
        fields["owner_org_id"] = org_id
    for name in ("due_date", "revised_due_date", "closed_on"):
        if (value := getattr(item, name)) is not None:
            fields[name] = value
    if item.minute_ref:
        fields["minute_ref"] = item.minute_ref
    return fields


def _refuse_open_database(path: Path) -> None:
    """Reading a database this process holds open with Python's ``open()`` would drop SQLite's locks on it
    (``db.connection.OPEN_FILES``): the file picked is one of ours, so say so instead of reading it."""
    if OPEN_FILES.holds(path):
        raise ImportFileError(f"{path.name} is the ForumDesk database itself, not a tracker to import")


def _words_of(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", fold_name(text)) if len(w) >= 4}


def _unrelated(one: str, other: str) -> bool:
    """Two action texts that share no word of four letters or more: not the same action reworded."""
    return not (_words_of(one) & _words_of(other))


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
