"""People and agencies by name, for one import: matched, or created when the import writes.

Planning (the dry run) passes no batch: nothing is created, and the names to create are collected.
Importing passes the batch: each new person or agency is created once and recorded for undo.
"""

from __future__ import annotations

from dataclasses import dataclass

from forumdesk.db.repositories.directory import DirectoryRepository
from forumdesk.db.repositories.imports import ImportRepository


@dataclass
class Owner:
    """Who an action's owner is: a person (``None`` while still to be created) and agency."""

    person_id: int | None
    org_id: int | None
    label: str
    new_person: bool = False
    note: str = ""


class ImportDirectory:
    """People and agencies by name for one import; creates them when ``batch`` is set (inside the write)."""

    def __init__(self, people: DirectoryRepository, imports: ImportRepository, batch: str | None) -> None:
        self.people, self.imports, self.batch = people, imports, batch
        self.new_people: dict[str, str] = {}
        self.new_agencies: dict[str, str] = {}
        self._orgs: dict[str, int | None] = {}
        self._owners: dict[tuple[str, str], Owner] = {}

    def org(self, name: str) -> int | None:
        key = name.strip().casefold()
        if not key:
            return None
        if key not in self._orgs:
            found = self.people.organisation_by_name(name)
            if found is not None:
                self._orgs[key] = found.id
            else:
                self.new_agencies.setdefault(key, name.strip())
                self._orgs[key] = self._create_org(name.strip())
        return self._orgs[key]

    def _create_org(self, name: str) -> int | None:
        if self.batch is None:
            return None
        org_id = self.people.add_organisation(name)
        self.imports.record(self.batch, "organisation", org_id, "create")
        return org_id

    def owner(self, name: str, agency: str) -> Owner:
        key = (name.casefold(), agency.strip().casefold())
        if key not in self._owners:
            self._owners[key] = self._resolve(name, agency.strip())
        return self._owners[key]

    def _resolve(self, name: str, agency: str) -> Owner:
        label = f"{name} ({agency})" if agency else name
        matches = self.people.people_named(name)
        if agency and len(matches) > 1:
            matches = [p for p in matches if p.organisation.casefold() == agency.casefold()] or matches
        if len(matches) == 1:
            person = matches[0]
            org_id = self.org(agency) if agency else person.organisation_id
            return Owner(person.id, org_id, label if agency else _label(person.name, person.organisation))
        if len(matches) > 1:
            note = f"Owner: {name} ({len(matches)} people have this name: choose one in ForumDesk)"
            return Owner(None, self.org(agency), "", note=note)
        org_id = self.org(agency)
        self.new_people.setdefault(name.casefold(), label)
        person_id = None
        if self.batch is not None:
            person_id = self.people.add_person(name, "", org_id)
            self.imports.record(self.batch, "person", person_id, "create")
        return Owner(person_id, org_id, label, new_person=True)


def _label(name: str, agency: str) -> str:
    return f"{name} ({agency})" if agency else name
