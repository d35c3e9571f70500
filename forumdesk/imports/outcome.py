"""What an import will do (the plan shown by a dry run and by the wizard) and what it did.

Plain values: the import service fills them from the database; the CLI and the wizard show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from forumdesk.imports.plan import ActionFile, ImportedAction, ImportedPerson, PeopleFile, RowMessage, in_sheet_order


class Outcome(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"  # the ref is already in the forum with the same values
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class PlannedAction:
    row: ImportedAction
    outcome: Outcome
    reason: str = ""  # why skipped; what changes for an update
    action_id: int | None = None
    owner: str = ""  # the owner as it will be recorded ("" for none)
    new_owner: bool = False
    warnings: tuple[str, ...] = ()  # imported as written, but worth a look: "the due date is before ..."


def count_outcome(rows: Sequence[PlannedAction] | Sequence[PlannedPerson], outcome: Outcome) -> int:
    """How many of a plan's rows have ``outcome``."""
    return sum(1 for r in rows if r.outcome is outcome)


def planned_skips(rows: Sequence[PlannedAction] | Sequence[PlannedPerson]) -> list[RowMessage]:
    """The rows a plan leaves out, each with its reason."""
    return [RowMessage(r.row.place, r.reason) for r in rows if r.outcome is Outcome.SKIP]


@dataclass(frozen=True)
class ActionImportPlan:
    forum_id: int
    forum_name: str
    file: ActionFile
    rows: tuple[PlannedAction, ...]
    people_to_create: tuple[str, ...] = ()
    agencies_to_create: tuple[str, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return count_outcome(self.rows, outcome)

    @property
    def skipped(self) -> list[RowMessage]:
        """Every row left out: by the reader (headings, no text) and by the plan (duplicates, bad dates)."""
        return in_sheet_order([*self.file.skipped, *planned_skips(self.rows)], self.file.sheets)

    @property
    def warnings(self) -> list[RowMessage]:
        """Every row imported with something to check: cells kept in notes, dates that contradict."""
        planned = [RowMessage(r.row.place, w) for r in self.rows for w in r.warnings]
        return in_sheet_order([*self.file.warnings, *planned], self.file.sheets)

    def summary(self) -> str:
        return (
            f"{self.count(Outcome.ADD)} to add, {self.count(Outcome.UPDATE)} to update,"
            f" {self.count(Outcome.UNCHANGED)} unchanged, {len(self.skipped)} skipped;"
            f" {len(self.people_to_create)} new people, {len(self.agencies_to_create)} new agencies"
        )


@dataclass(frozen=True)
class PlannedPerson:
    row: ImportedPerson
    outcome: Outcome
    reason: str = ""
    person_id: int | None = None
    join_forum: bool = False


@dataclass(frozen=True)
class PeopleImportPlan:
    file: PeopleFile
    rows: tuple[PlannedPerson, ...]
    forum_id: int | None = None
    forum_name: str = ""
    agencies_to_create: tuple[str, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return count_outcome(self.rows, outcome)

    @property
    def skipped(self) -> list[RowMessage]:
        return [*self.file.skipped, *planned_skips(self.rows)]

    @property
    def joining(self) -> int:
        return sum(1 for r in self.rows if r.join_forum)

    def summary(self) -> str:
        text = (
            f"{self.count(Outcome.ADD)} people to add, {self.count(Outcome.UPDATE)} to update,"
            f" {self.count(Outcome.UNCHANGED)} unchanged, {len(self.skipped)} skipped"
        )
        return f"{text}; {self.joining} to join {self.forum_name}" if self.forum_name else text


@dataclass(frozen=True)
class ImportResult:
    batch_id: str
    summary: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    people_created: int = 0
    agencies_created: int = 0
    memberships_created: int = 0


@dataclass(frozen=True)
class UndoResult:
    batch_id: str
    removed: int  # records the import had added and the undo removed
    restored: int  # records the import had changed and the undo put back
    kept: tuple[str, ...] = ()  # people or agencies the import added but that are now used elsewhere
