"""People and agencies by name, for one import: matched, or created when the import writes.

Planning (the dry run) passes no batch: nothing is created, and the names to create are collected.
Importing passes the batch: each new person or agency is created once (the row journal records it for
undo).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from forumdesk.db.repositories.directory import DirectoryRepository
from forumdesk.db.repositories.imports import ImportRepository
from forumdesk.domain.model import Person


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
        self._orgs: dict[str, int | None] | None = None
        self._people: dict[str, list[Person]] | None = None
        self._owners: dict[tuple[str, str], Owner] = {}

    def named(self, name: str) -> list[Person]:
        """The people of this name, any case and any Unicode form (SQLite's NOCASE folds ASCII only)."""
        if self._people is None:
            self._people = {}
            for person in self.people.people():
                self._people.setdefault(fold(person.name), []).append(person)
        return list(self._people.get(fold(name), []))

    def org(self, name: str) -> int | None:
        key = fold(name)
        if not key:
            return None
        if self._orgs is None:
            self._orgs = {}
            for org in self.people.organisations():
                self._orgs.setdefault(fold(org.name), org.id)
                if org.short_name:
                    self._orgs.setdefault(fold(org.short_name), org.id)
        if key not in self._orgs:
            self.new_agencies.setdefault(key, name.strip())
            self._orgs[key] = self._create_org(name.strip())
        return self._orgs[key]

    def _create_org(self, name: str) -> int | None:
        if self.batch is None:
            return None
        return self.people.add_organisation(name)

    def owner(self, name: str, agency: str) -> Owner:
        key = (fold(name), fold(agency))
        if key not in self._owners:
            self._owners[key] = self._resolve(name, agency.strip())
        return self._owners[key]

    def _resolve(self, name: str, agency: str) -> Owner:
        label = f"{name} ({agency})" if agency else name
        matches = self.named(name)
        if agency and len(matches) > 1:
            matches = [p for p in matches if fold(p.organisation) == fold(agency)] or matches
        if len(matches) == 1:
            person = matches[0]
            org_id = self.org(agency) if agency else person.organisation_id
            return Owner(person.id, org_id, label if agency else _label(person.name, person.organisation))
        if len(matches) > 1:
            note = f"Owner: {name} ({len(matches)} people have this name: choose one in ForumDesk)"
            return Owner(None, self.org(agency), "", note=note)
        org_id = self.org(agency)
        self.new_people.setdefault(fold(name), label)
        person_id = None
        if self.batch is not None:
            person_id = self.people.add_person(name, "", org_id)
            created = Person(person_id, name, organisation_id=org_id, organisation=agency)
            self._people.setdefault(fold(name), []).append(created)  # type: ignore[union-attr]
        return Owner(person_id, org_id, label, new_person=True)


def fold(text: str) -> str:
    """A name as compared: NFC, case folded, single spaces (``ŁUKASZ  NOWAK`` = ``Łukasz Nowak``)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _label(name: str, agency: str) -> str:
    return f"{name} ({agency})" if agency else name
