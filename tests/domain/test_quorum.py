"""The quorum rule: agencies represented by decision-making members present (or deputies), or a head count."""

from __future__ import annotations

from forumdesk.domain.enums import AttendanceStatus, QuorumKind
from forumdesk.domain.model import Attendance, QuorumRule
from forumdesk.domain.quorum import assess_quorum

P, A, D, G = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.DEPUTY, AttendanceStatus.GUEST


def _row(
    n: int, org: str, status: AttendanceStatus, decision_maker: bool = True, item: int | None = None
) -> Attendance:
    return Attendance(
        n, 1, status, person_id=n, name=f"P{n}", organisation=org, decision_maker=decision_maker, agenda_item_id=item
    )


def test_three_agencies_rule_with_two_agencies_present_is_not_quorate() -> None:
    rows = [_row(1, "Essex Police", P), _row(2, "Essex Police", P), _row(3, "Basildon Council", P)]
    result = assess_quorum(QuorumRule(QuorumKind.AGENCIES, 3), rows)
    assert result.quorate is False
    assert result.word == "not quorate"
    assert result.agencies == ("Basildon Council", "Essex Police")
    assert "not quorate" in result.statement and "2 agencies represented" in result.statement
    assert result.short == "Not quorate: 2 of 3 agencies"


def test_deputies_count_guests_apologies_non_decision_makers_and_one_item_visitors_do_not() -> None:
    rows = [
        _row(1, "Essex Police", P),
        _row(2, "NHS", D),  # attending for a decision-making member
        _row(3, "Fire", G),
        _row(4, "Probation", A),
        _row(5, "Charity", P, decision_maker=False),
        _row(6, "Schools", P, item=9),
    ]
    result = assess_quorum(QuorumRule(QuorumKind.AGENCIES, 2), rows)
    assert result.quorate is True
    assert result.agencies == ("Essex Police", "NHS")
    assert result.heads == 2
    assert result.statement.startswith("The meeting was quorate")


def test_head_count_rule_and_no_rule() -> None:
    rows = [_row(1, "Essex Police", P), _row(2, "Essex Police", P)]
    assert assess_quorum(QuorumRule(QuorumKind.HEADS, 2), rows).quorate is True
    assert assess_quorum(QuorumRule(QuorumKind.HEADS, 3), rows).word == "not quorate"
    none = assess_quorum(QuorumRule(), rows)
    assert none.quorate is None and "no quorum rule" in none.statement
