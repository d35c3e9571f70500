"""People's data (UK GDPR and the Data Protection Act 2018): subject access, erasure, and the audit trail.

``subject_access`` finds everything about one person: the person's record, memberships, attendance,
actions they own, and minutes, decisions, actions and updates that mention their name (through the
full-text indexes). ``export_subject_access`` writes it as JSON or CSV (temp file, then ``os.replace``)
and records the disclosure in the audit trail in the same transaction. ``erase`` anonymises the person
everywhere: the name becomes "Former member <id>", email, phone and role are blanked, and every mention
in free text is replaced; the erasure is recorded in the audit trail.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

from forumdesk.db import Store
from forumdesk.db.repositories.audit import AuditRepository
from forumdesk.db.repositories.directory import DirectoryRepository
from forumdesk.db.repositories.privacy import PrivacyRepository
from forumdesk.domain.changes import Changes
from forumdesk.domain.errors import ExportError, NotFoundError, ValidationError
from forumdesk.domain.model import AuditEntry, Person
from forumdesk.domain.privacy import ErasureResult, SubjectAccessReport, former_member

CSV_COLUMNS = ["kind", "record_id", "when", "where", "text"]


class PrivacyService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today
        self.repo = PrivacyRepository(store)
        self.people = DirectoryRepository(store)
        self.audit = AuditRepository(store)

    def _person(self, person_id: int) -> Person:
        person = self.people.person(person_id)
        if person is None:
            raise NotFoundError(f"there is no person with id {person_id}")
        return person

    # -- subject access -----------------------------------------------------------------------------------
    def subject_access(self, person_id: int) -> SubjectAccessReport:
        person = self._person(person_id)
        return SubjectAccessReport(person, datetime.now(UTC), tuple(self.repo.records(person)))

    def export_subject_access(self, person_id: int, target: str | Path) -> tuple[Path, SubjectAccessReport]:
        """Write the report as .json or .csv; the disclosure is audited in the same transaction."""
        dest = Path(target).expanduser()
        if dest.suffix.lower() not in (".json", ".csv"):
            raise ValidationError(f"{dest.name}: choose a .json or .csv file name", "target")
        if not dest.parent.is_dir():
            raise ExportError(f"The folder {dest.parent} does not exist")
        report = self.subject_access(person_id)
        with self.store.transaction():
            self.store.audit("person", person_id, "export", "subject access", None, dest.name)
            _write_atomically(dest, lambda handle: _write_report(report, dest.suffix.lower(), handle))
        return dest, report

    # -- erasure ------------------------------------------------------------------------------------------
    def erase(self, person_id: int) -> tuple[ErasureResult, Changes]:
        person = self._person(person_id)
        if person.anonymised:
            raise ValidationError(f"{person.name} has already been erased")
        new_name = former_member(person_id)
        with self.store.transaction():
            changed, redacted = self.repo.erase(person, new_name)
            self.store.audit(
                "person",
                person_id,
                "erase",
                "",
                None,
                f"{changed} records changed, {redacted} earlier audit values redacted",
            )
        self.repo.settle()
        return ErasureResult(person_id, new_name, changed, redacted), Changes.everything()

    # -- the audit trail ----------------------------------------------------------------------------------
    def history(self, entity: str, entity_id: int) -> list[AuditEntry]:
        """Every audited change to one record, newest first ("viewable on each record")."""
        return self.audit.for_record(entity, entity_id)

    def record_export(
        self, what: str, target: str | Path, entity: str = "export", entity_id: int | None = None
    ) -> None:
        """One audit row for an export (a disclosure); exporters call this after writing the file."""
        with self.store.transaction():
            self.store.audit(entity, entity_id, "export", what, None, Path(target).name)


def _write_report(report: SubjectAccessReport, suffix: str, handle: object) -> None:
    if suffix == ".json":
        payload = {
            "person": asdict(report.person),
            "generated_at": report.generated_at.isoformat(timespec="seconds"),
            "records": [asdict(r) for r in report.records],
        }
        json.dump(payload, handle, ensure_ascii=False, indent=1)  # type: ignore[arg-type]
    else:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)  # type: ignore[arg-type]
        writer.writeheader()
        for record in report.records:
            writer.writerow(asdict(record))


def _write_atomically(dest: Path, write: Callable[[object], None]) -> None:
    temp = dest.with_name(f".{dest.name}.partial")
    try:
        with temp.open("w", encoding="utf-8", newline="") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, dest)
    except OSError as error:
        raise ExportError(f"Could not write {dest.name}: {error.strerror or error}") from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
