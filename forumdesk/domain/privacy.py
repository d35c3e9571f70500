"""People's data: what a subject access request finds about one person, as plain rows to export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from forumdesk.domain.model import Person

ERASED = "(erased)"


def former_member(person_id: int) -> str:
    """The name an erased person is given everywhere."""
    return f"Former member {person_id}"


@dataclass(frozen=True, slots=True)
class PersonalRecord:
    """One record that holds or mentions the person.

    ``kind``: person, membership, attendance, action owned, action mention, action update, minutes,
    decision, amendment, audit.
    """

    kind: str
    record_id: int
    when: str  # ISO date or date-time, or ""
    where: str  # the forum or meeting it belongs to, or ""
    text: str


@dataclass(frozen=True, slots=True)
class SubjectAccessReport:
    person: Person
    generated_at: datetime
    records: tuple[PersonalRecord, ...] = field(default_factory=tuple)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.records if r.kind == kind)


@dataclass(frozen=True, slots=True)
class ErasureResult:
    person_id: int
    new_name: str
    records_changed: int
    audit_values_redacted: int
