"""A people import's rows: who is new, who changed, who joins the forum; and writing them one by one.

A people list is tens of rows, each a person (and perhaps a membership) recorded for undo: written row by row
through the directory and forum repositories, not in bulk.
"""

from __future__ import annotations

from forumdesk.db.repositories.directory import DirectoryRepository
from forumdesk.db.repositories.forums import ForumRepository
from forumdesk.domain.model import Forum, NewMember
from forumdesk.imports import PeopleFile
from forumdesk.imports.outcome import Outcome, PlannedPerson
from forumdesk.services.import_directory import ImportDirectory, fold


def resolve_people(
    forums: ForumRepository, file: PeopleFile, forum: Forum | None, directory: ImportDirectory
) -> list[tuple[PlannedPerson, dict[str, object]]]:
    """Each row's outcome and the values it writes (for an update, only those that changed)."""
    members = set() if forum is None else {m.person_id for m in forums.members(forum.id) if m.to_date is None}
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


def write_person(
    people: DirectoryRepository,
    forums: ForumRepository,
    row: tuple[PlannedPerson, dict[str, object]],
    forum: Forum | None,
) -> None:
    """Add or change one person, and add the membership the row asks for (the row journal keeps what undo
    needs)."""
    planned, values = row
    person_id = planned.person_id
    if planned.outcome is Outcome.ADD:
        org_id = values.get("organisation_id")
        person_id = people.add_person(
            planned.row.name,
            planned.row.role,
            org_id if isinstance(org_id, int) else None,
            planned.row.email,
            planned.row.phone,
        )
    elif planned.outcome is Outcome.UPDATE and person_id is not None:
        people.update_person(person_id, **values)
    if planned.join_forum and forum is not None and person_id is not None:
        forums.add_member(NewMember(forum.id, person_id, planned.row.role or "Member"))
