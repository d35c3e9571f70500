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

This module is the service the two faces call. Each row is resolved by ``services.import_rows``, written by
``services.import_writer`` (new actions many at a time); a people list goes through ``services.import_people``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from forumdesk.db.connection import OPEN_FILES
from forumdesk.db.replay import Image, revert
from forumdesk.db.repositories import Repositories
from forumdesk.domain.changes import Changes
from forumdesk.domain.changes import Outcome as Written
from forumdesk.domain.errors import ImportFileError, NotFoundError, ValidationError
from forumdesk.domain.imports import ImportBatch
from forumdesk.domain.model import Forum
from forumdesk.imports import (
    ActionFile,
    Field,
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
    UndoResult,
)
from forumdesk.imports.plan import ColumnDates, column_letters
from forumdesk.imports.report import ORDER_NAMES, context_lines, plan_lines
from forumdesk.imports.values import text as cell_text
from forumdesk.services.backups import BackupService
from forumdesk.services.base import Service
from forumdesk.services.import_directory import ImportDirectory
from forumdesk.services.import_people import resolve_people, write_person
from forumdesk.services.import_rows import ActionResolver
from forumdesk.services.import_writer import ActionWriter

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


class ImportService(Service):
    def __init__(self, repos: Repositories, today: Callable[[], date], backups: BackupService) -> None:
        super().__init__(repos, today)
        self.backups = backups

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
        return [self._as_now(b) for b in self.repos.imports.batches(limit)]

    def batch(self, batch_id: str) -> ImportBatch:
        batch = self.repos.imports.batch(batch_id.strip())
        if batch is None:
            raise NotFoundError(f"there is no import {batch_id.strip()!r} (see: forumdesk import list)")
        return self._as_now(batch)

    def _as_now(self, batch: ImportBatch) -> ImportBatch:
        """The batch with ``undone_at`` as the history has it now: an undo (by ``import undo`` or
        ``forumdesk undo``) that no redo took back."""
        if batch.op_id is None:
            return batch
        current = self.repos.history.latest_form(batch.op_id)
        undone = current is not None and current.kind == "undo"
        return replace(batch, undone_at=current.at if undone and current is not None else None)

    # -- actions ------------------------------------------------------------------------------------------
    def plan_actions(self, file: ActionFile, forum: str | int) -> ActionImportPlan:
        """What importing ``file`` into ``forum`` would do; writes nothing (the dry run)."""
        target = self._forum(forum)
        directory = ImportDirectory(self.repos.people, self.repos.imports, None)
        resolver = ActionResolver(self.repos.actions, self.repos.imports, self.today)
        rows = [r.planned for r in resolver.each(file, target, directory)]  # each row's fields dropped
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

        Rows are resolved one at a time (rows with a ref first, so a ref made for a row without one cannot
        take a ref the file uses) and written by an ``ActionWriter``, which holds new actions until a batch
        of them is written."""
        target = self._forum(forum)
        batch = _new_batch_id()
        self.backups.backup_now("import")
        counts = dict.fromkeys(Outcome, 0)
        with self.store.transaction("Import actions"):
            self.repos.imports.add_batch(batch, "actions", file.source, target.id)
            directory = ImportDirectory(self.repos.people, self.repos.imports, batch)
            total = len(file.rows)
            resolver = ActionResolver(self.repos.actions, self.repos.imports, self.today)
            writer = ActionWriter(self.repos.actions, self.repos.imports, resolver, target, batch)
            for done, row in enumerate(resolver.in_write_order(file, target, directory), start=1):
                writer.write(row)
                counts[row.planned.outcome] += 1
                if progress is not None:
                    progress(done, total)
            writer.flush()
            skipped = counts[Outcome.SKIP] + len(file.skipped)
            summary = (
                f"{file.source}: {counts[Outcome.ADD]} added, {counts[Outcome.UPDATE]} updated,"
                f" {counts[Outcome.UNCHANGED]} unchanged, {skipped} skipped;"
                f" {len(directory.new_people)} new people, {len(directory.new_agencies)} new agencies"
            )
            self.repos.imports.set_summary(batch, summary)
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

    def _forum(self, forum: str | int) -> Forum:
        found = self.repos.forums.forum(forum) if isinstance(forum, int) else self.repos.forums.forum_by_name(forum)
        if found is None:
            raise ValidationError(f"there is no forum called {forum!r}", "forum")
        return found

    # -- people -------------------------------------------------------------------------------------------
    def plan_people(self, file: PeopleFile, forum: str | int | None = None) -> PeopleImportPlan:
        target = None if forum is None else self._forum(forum)
        directory = ImportDirectory(self.repos.people, self.repos.imports, None)
        rows = [p for p, _ in resolve_people(self.repos.forums, file, target, directory)]
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
        with self.store.transaction("Import people"):
            self.repos.imports.add_batch(batch, "people", file.source, None if target is None else target.id)
            directory = ImportDirectory(self.repos.people, self.repos.imports, batch)
            resolved = resolve_people(self.repos.forums, file, target, directory)
            for done, row in enumerate(resolved, start=1):
                write_person(self.repos.people, self.repos.forums, row, target)
                if progress is not None:
                    progress(done, len(resolved))
            plan = PeopleImportPlan(file, tuple(p for p, _ in resolved), None, target.name if target else "")
            summary = f"{file.source}: {plan.summary()}"
            self.repos.imports.set_summary(batch, summary)
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
        history = self.repos.history
        with self.store.operation(f"Undo import {batch.id}", kind="undo"):
            current = history.latest_form(batch.op_id)
            if current is None or current.kind == "undo":
                raise ValidationError(f"the import {batch.id} was already undone")
            assert self.store.op_id is not None
            history.name(self.store.op_id, current.id, f"Undo {current.title}")
            done = revert(self.store, current.id, f"undo the import {batch.id}", keep=self._now_used)
            self.repos.imports.audit_undo(batch.id)
        kept = tuple(str(row.get("name", "")) for _, row in done.kept)
        undone = UndoResult(batch.id, done.count(done.removed, _RECORDS), done.count(done.restored, _RECORDS), kept)
        return self.store.outcome(undone, IMPORTED)

    def _now_used(self, table: str, row: Image) -> bool:
        """A person or agency the import added that something outside the import now points at."""
        return table in ("people", "organisations") and self.repos.imports.references(table, int(row["id"])) > 0


_RECORDS = {"actions", "action_updates", "people", "organisations", "memberships"}



def _new_batch_id() -> str:
    return f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"




def _refuse_open_database(path: Path) -> None:
    """Reading a database this process holds open with Python's ``open()`` would drop SQLite's locks on it
    (``db.connection.OPEN_FILES``): the file picked is one of ours, so say so instead of reading it."""
    if OPEN_FILES.holds(path):
        raise ImportFileError(f"{path.name} is the ForumDesk database itself, not a tracker to import")
