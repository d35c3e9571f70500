"""People's data (UK GDPR and the Data Protection Act 2018): subject access, erasure, and the audit trail.

``subject_access`` finds everything about one person: the person's record, memberships, attendance,
actions they own, and every free text, audit value and import record that mentions their name, e-mail or
phone (``NameMatcher``: any case, accent, spacing or Unicode form). ``export_subject_access`` writes it as
JSON or CSV (formula-like cells neutralised) and records the disclosure in the transaction that gives the
file its name. ``erase`` uses the same matcher, so whatever the export reports is erased: the name becomes
"Former member <id>", e-mail, phone and role are blanked, every mention is replaced, the search indexes
are merged and the file vacuumed and checkpointed; the erasure is recorded in the audit trail.

Backups taken before an erasure are not changed: they still hold the person, and restoring one brings the
person back. ``erase`` lists them (``ErasureResult.earlier_backups``) so the user is told, not left to guess.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from forumdesk.db.repositories import Repositories
from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.errors import ExportError, ValidationError
from forumdesk.domain.model import AuditEntry, Person
from forumdesk.domain.privacy import ErasureResult, SubjectAccessReport, former_member
from forumdesk.services.backups import BackupService
from forumdesk.services.base import Service, found
from forumdesk.services.publish import publish, staged


class PrivacyService(Service):
    def __init__(self, repos: Repositories, today: Callable[[], date], backups: BackupService) -> None:
        super().__init__(repos, today)
        self.backups = backups

    def _person(self, person_id: int) -> Person:
        return found(self.repos.people.person(person_id), "person", person_id)

    # -- subject access -----------------------------------------------------------------------------------
    def subject_access(self, person_id: int) -> SubjectAccessReport:
        person = self._person(person_id)
        return SubjectAccessReport(person, datetime.now(UTC), tuple(self.repos.privacy.records(person)))

    def export_subject_access(self, person_id: int, target: str | Path) -> tuple[Path, SubjectAccessReport]:
        """Write the report as .json or .csv; the disclosure is audited in the transaction that gives the file
        its name, so a busy database leaves neither."""
        from forumdesk.export.subject_access import export_subject_access

        dest = Path(target).expanduser()
        if dest.suffix.lower() not in (".json", ".csv"):
            raise ValidationError(f"{dest.name}: choose a .json or .csv file name", "target")
        if not dest.parent.is_dir():
            raise ExportError(f"The folder {dest.parent} does not exist")
        report = self.subject_access(person_id)

        def record() -> None:
            self.store.audit("person", person_id, "export", "subject access", None, dest.name)

        with staged(dest) as temp:
            export_subject_access(temp, report, dest.suffix.lower().lstrip("."))
            publish(self.store, temp, dest, record)
        return dest, report

    # -- erasure ------------------------------------------------------------------------------------------
    def erase(self, person_id: int) -> Outcome[ErasureResult]:
        """Anonymise the person everywhere in this file, in one transaction with its audit row.

        Then the file is compacted (VACUUM, checkpoint) so no free page or -wal frame keeps the old text;
        ``compacted`` is False when another program's open transaction prevented that. Earlier backups
        (automatic, before an import, migration or restore, and copies saved elsewhere) are left as they were.
        An erasure cannot be undone, and it empties the undo journal (whose row images hold the person's
        details): no earlier operation can be undone after it either.
        """
        person = self._person(person_id)
        if person.anonymised:
            raise ValidationError(f"{person.name} has already been erased")
        new_name = former_member(person_id)
        with self.store.transaction("Erase a person", journal=False):
            changed, redacted = self.repos.privacy.erase(person, new_name)
            self.repos.privacy.forget_history()
            self.repos.privacy.merge_indexes()
            self.store.audit(
                "person",
                person_id,
                "erase",
                "",
                None,
                f"{changed} records changed, {redacted} earlier audit values redacted",
            )
        compacted = self.repos.privacy.compact()
        earlier = tuple(str(b.path) for b in self.backups.backups())
        result = ErasureResult(person_id, new_name, changed, redacted, compacted, earlier)
        return Outcome(result, Changes.everything(), None)

    # -- the audit trail ----------------------------------------------------------------------------------
    def history(self, entity: str, entity_id: int) -> list[AuditEntry]:
        """Every audited change to one record, newest first ("viewable on each record")."""
        return self.repos.audit.for_record(entity, entity_id)

    def record_export(
        self, what: str, target: str | Path, entity: str = "export", entity_id: int | None = None
    ) -> Outcome[None]:
        """One audit row for an export (a disclosure); exporters call this after writing the file."""
        with self.store.transaction("Record an export"):
            self.store.audit(entity, entity_id, "export", what, None, Path(target).name)
        return self.store.outcome(None, Changes())

