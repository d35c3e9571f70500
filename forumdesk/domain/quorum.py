"""The quorum rule: agencies represented by decision-making members present, or a head count.

Who counts: a decision-making member marked present, or a deputy attending for a decision-making member
(the deputy counts for the member's place). Guests, people attending for one item, apologies and absentees
never count. An agency is represented when at least one person who counts belongs to it. Stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from forumdesk.domain.enums import AttendanceStatus, QuorumKind
from forumdesk.domain.model import Attendance, QuorumRule


@dataclass(frozen=True, slots=True)
class QuorumResult:
    rule: QuorumRule
    quorate: bool | None  # None when the forum has no rule
    agencies: tuple[str, ...]  # agencies represented by people who count, sorted
    heads: int  # people who count

    @property
    def word(self) -> str:
        """``quorate`` or ``not quorate`` (``no quorum rule`` when there is none)."""
        if self.quorate is None:
            return "no quorum rule"
        return "quorate" if self.quorate else "not quorate"

    @property
    def figures(self) -> str:
        agencies = f"{len(self.agencies)} {_plural(len(self.agencies), 'agency', 'agencies')} represented"
        heads = f"{self.heads} decision-making {_plural(self.heads, 'member', 'members')} present"
        if self.rule.kind is QuorumKind.HEADS:
            return f"{heads}; {agencies}"
        return f"{agencies}; {heads}"

    @property
    def statement(self) -> str:
        """The sentence printed in the minutes."""
        if self.quorate is None:
            return f"The forum has no quorum rule ({self.figures})."
        return f"The meeting was {self.word} ({self.figures}; the rule is {self.rule.describe()})."

    @property
    def short(self) -> str:
        """The live label: ``Quorate: 3 of 3 agencies``."""
        if self.quorate is None:
            return f"No quorum rule: {len(self.agencies)} agencies, {self.heads} members"
        have = len(self.agencies) if self.rule.kind is QuorumKind.AGENCIES else self.heads
        unit = "agencies" if self.rule.kind is QuorumKind.AGENCIES else "members"
        return f"{self.word.capitalize()}: {have} of {self.rule.count} {unit}"


def counts_for_quorum(row: Attendance) -> bool:
    return row.status in (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY) and row.decision_maker


def assess_quorum(rule: QuorumRule, attendance: Iterable[Attendance]) -> QuorumResult:
    counting = [row for row in attendance if counts_for_quorum(row) and row.agenda_item_id is None]
    heads = len({(row.person_id, row.name) for row in counting})
    agencies = tuple(sorted({(row.organisation or row.name).strip() for row in counting}, key=str.lower))
    if rule.kind is QuorumKind.AGENCIES:
        quorate: bool | None = len(agencies) >= rule.count
    elif rule.kind is QuorumKind.HEADS:
        quorate = heads >= rule.count
    else:
        quorate = None
    return QuorumResult(rule, quorate, agencies, heads)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many
