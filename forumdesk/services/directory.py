"""People and the agencies they work for."""

from __future__ import annotations

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Organisation, Person
from forumdesk.domain.patches import OrganisationPatch, PersonPatch
from forumdesk.domain.privacy import NameMatcher
from forumdesk.domain.validation import check_email, optional_text, required_text
from forumdesk.services.base import Service, found, named


class DirectoryService(Service):
    # -- reading ------------------------------------------------------------------------------------------
    def organisations(self) -> list[Organisation]:
        return self.repos.people.organisations()

    def people(self, search: str = "", organisation_id: int | None = None) -> list[Person]:
        return self.repos.people.people(search, organisation_id)

    def person(self, person_id: int) -> Person:
        return found(self.repos.people.person(person_id), "person", person_id)

    def find_person(self, name: str) -> Person:
        """The one person of this name; an unknown or ambiguous name is the user's to correct."""
        matches = self.repos.people.people_named(name)
        if not matches:  # typed without its accents, in another Unicode form, or with other spacing
            matcher = NameMatcher([name])
            matches = [p for p in self.repos.people.people() if matcher and matcher.is_whole(p.name)]
        if not matches:
            raise ValidationError(f"there is no person called {name.strip()!r}: add them first", "owner")
        if len(matches) > 1:
            agencies = ", ".join(p.organisation or "no agency" for p in matches)
            raise ValidationError(f"{len(matches)} people are called {name.strip()!r} ({agencies})", "owner")
        return matches[0]

    def organisation(self, org_id: int) -> Organisation:
        return found(self.repos.people.organisation(org_id), "agency", org_id)

    def find_organisation(self, name: str) -> Organisation:
        return named(self.repos.people.organisation_by_name(name), "agency", name, "organisation")

    # -- writing ------------------------------------------------------------------------------------------
    def ensure_organisation(self, name: str) -> int:
        """The id of the agency of this name, adding it if new; call inside a transaction."""
        clean = required_text(name, "The agency's name", "organisation")
        org = self.repos.people.organisation_by_name(clean)
        return org.id if org else self.repos.people.add_organisation(clean)

    def add_organisation(self, name: str, short_name: str = "", kind: str = "") -> Outcome[int]:
        clean = required_text(name, "The agency's name", "name")
        if self.repos.people.organisation_by_name(clean):
            raise ValidationError(f"there is already an agency called {clean!r}", "name")
        with self.store.transaction("New agency"):
            org_id = self.repos.people.add_organisation(clean, short_name.strip(), kind.strip())
        return self.store.outcome(org_id, Changes(organisations=True))

    def add_person(
        self, name: str, organisation: str = "", role: str = "", email: str = "", phone: str = ""
    ) -> Outcome[int]:
        clean = required_text(name, "The person's name", "name")
        mail = check_email(email)
        with self.store.transaction("New person"):
            org_id = self.ensure_organisation(organisation) if organisation.strip() else None
            person_id = self.repos.people.add_person(clean, optional_text(role), org_id, mail, optional_text(phone))
        return self.store.outcome(person_id, Changes(people=True, organisations=org_id is not None))

    def update_person(self, person_id: int, patch: PersonPatch) -> Outcome[None]:
        self.person(person_id)
        values: dict[str, object] = {}
        with self.store.transaction("Edit person"):
            if isinstance(patch.name, str):
                values["name"] = required_text(patch.name, "The person's name", "name")
            if isinstance(patch.email, str):
                values["email"] = check_email(patch.email)
            if isinstance(patch.organisation, str):
                org = patch.organisation
                values["organisation_id"] = self.ensure_organisation(org) if org.strip() else None
            for key in ("role", "phone"):
                value = getattr(patch, key)
                if isinstance(value, str):
                    values[key] = optional_text(value)
            self.repos.people.update_person(person_id, **values)
        return self.store.outcome(None, Changes(people=True, actions=True, memberships=True))

    def update_organisation(self, org_id: int, patch: OrganisationPatch) -> Outcome[None]:
        """Change an agency's name, short name or kind."""
        self.organisation(org_id)
        values: dict[str, object] = {}
        if isinstance(patch.name, str):
            clean = required_text(patch.name, "The agency's name", "name")
            other = self.repos.people.organisation_by_name(clean)
            if other is not None and other.id != org_id and other.name.lower() == clean.lower():
                raise ValidationError(f"there is already an agency called {clean!r}", "name")
            values["name"] = clean
        for key in ("short_name", "kind"):
            value = getattr(patch, key)
            if isinstance(value, str):
                values[key] = optional_text(value)
        with self.store.transaction("Edit agency"):
            self.repos.people.update_organisation(org_id, **values)
        renamed = "name" in values
        return self.store.outcome(
            None, Changes(organisations=True, people=True, actions=renamed, memberships=renamed)
        )
