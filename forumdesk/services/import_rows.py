"""Resolving an action tracker's rows against a forum: what each row would do, and the values it writes.

The rules are listed in ``services.imports``. Resolution reads the database (refs, texts, meetings, the
updates an action already has); the write itself is ``services.import_writer``. While an import writes,
rows it added may still be waiting in the writer: ``before_text_lookup`` lets the writer put them in first
where a later row could be found again by its text (see ``ActionResolver.resolve``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from forumdesk.db.repositories.actions import ActionRepository
from forumdesk.db.repositories.imports import ImportRepository
from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.model import Forum
from forumdesk.domain.privacy import fold as fold_name
from forumdesk.imports import ActionFile, ImportedAction
from forumdesk.imports.outcome import Outcome, PlannedAction
from forumdesk.imports.rules import changed_fields, default_raised, describe_changes, merged_dates, rag_decision
from forumdesk.services.import_directory import ImportDirectory, Owner


@dataclass
class ResolvedRow:
    """One row resolved: its outcome and, to write it, the columns and the dated updates."""

    planned: PlannedAction
    fields: dict[str, object]
    updates: list[tuple[date, str]]


class ActionResolver:
    """Resolves one file's rows for one forum; ``written`` holds the ids of actions without a ref that the
    import being written has added (a later row with the same text is an action of its own)."""

    def __init__(
        self,
        actions: ActionRepository,
        repo: ImportRepository,
        today: Callable[[], date],
        before_text_lookup: Callable[[], None] = lambda: None,
    ) -> None:
        self.actions, self.repo, self.today = actions, repo, today
        self.before_text_lookup = before_text_lookup
        self.written: set[int] = set()

    def in_write_order(self, file: ActionFile, forum: Forum, directory: ImportDirectory) -> Iterator[ResolvedRow]:
        """Rows with a ref first, so a ref made for a row without one cannot take a ref the file uses."""
        repeated = _repeated_refs(file)
        for with_ref in (True, False):
            for index, item in enumerate(file.rows):
                if bool(item.ref) is with_ref:
                    yield repeated[index] if index in repeated else self.resolve(item, forum, directory, file.source)

    def each(self, file: ActionFile, forum: Forum, directory: ImportDirectory) -> Iterator[ResolvedRow]:
        repeated = _repeated_refs(file)
        for index, item in enumerate(file.rows):
            yield repeated[index] if index in repeated else self.resolve(item, forum, directory, file.source)

    def resolve(self, item: ImportedAction, forum: Forum, directory: ImportDirectory, source: str) -> ResolvedRow:
        today = self.today()
        if item.ref:
            existing_id = self.actions.by_ref(forum.id, item.ref)
            if existing_id is not None and item.ref.isdigit() and item.description:
                found = self.actions.get(existing_id, today)
                other = found.description if found else ""
                if other and _unrelated(other, item.description):  # another tracker's row number
                    row = self.resolve(replace(item, ref=""), forum, directory, source)
                    warning = (
                        f"ref {item.ref} already names another action in {forum.name} ({_short(other)}):"
                        " this row is taken as an action of its own, found again by its text"
                    )
                    return ResolvedRow(
                        replace(row.planned, warnings=(warning, *row.planned.warnings)), row.fields, row.updates
                    )
        else:  # a row without a ref is found again by its text, so importing twice does not duplicate it
            self.before_text_lookup()
            existing_id = self.repo.action_by_description(forum.id, item.description)
            if existing_id in self.written:  # made by this import a row earlier: the plan said add, so add
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
            return ResolvedRow(planned, fields, updates)
        changed = changed_fields(existing, fields)
        updates = [(on, text) for on, text in updates if not self.repo.update_exists(existing.id, on, text)]
        if not changed and not updates:
            unchanged = PlannedAction(item, Outcome.UNCHANGED, "already up to date", existing.id, label)
            return ResolvedRow(unchanged, {}, [])
        what = describe_changes(changed, len(updates))
        planned = PlannedAction(item, Outcome.UPDATE, what, existing.id, label, new_owner, warnings)
        return ResolvedRow(planned, {k: v for k, v in fields.items() if k in changed}, updates)


def _repeated_refs(file: ActionFile) -> dict[int, ResolvedRow]:
    """Rows whose ref an earlier row already has (the reader keeps one row per ref; this is a safety net)."""
    seen: dict[str, str] = {}
    out: dict[int, ResolvedRow] = {}
    for index, item in enumerate(file.rows):
        key = item.ref.casefold()
        if item.ref and key in seen:
            skipped = PlannedAction(item, Outcome.SKIP, f"ref {item.ref} is also on {seen[key]}")
            out[index] = ResolvedRow(skipped, {}, [])
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




def _words_of(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", fold_name(text)) if len(w) >= 4}


def _unrelated(one: str, other: str) -> bool:
    """Two action texts that share no word of four letters or more: not the same action reworded."""
    return not (_words_of(one) & _words_of(other))


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
