"""The agenda as data: standing items, minute references from positions and parents, running end times."""

from __future__ import annotations

from datetime import datetime

from forumdesk.domain import agenda
from forumdesk.domain.agenda import STANDING_ITEMS
from forumdesk.domain.model import AgendaItem


def _item(item_id: int, position: int, parent: int | None = None, minutes: int = 0, kind: str = "") -> AgendaItem:
    return AgendaItem(item_id, 1, position, f"item {item_id}", parent_id=parent, minutes_allowed=minutes, kind=kind)


def test_standing_items_are_keyed_by_kind_in_the_usual_order() -> None:
    kinds = [t.kind for t in STANDING_ITEMS]
    assert kinds == ["welcome", "declarations", "minutes", "actions", "new_business", "aob", "next_meeting"]
    assert "new_business" not in [t.kind for t in agenda.items_to_apply(STANDING_ITEMS)]


def test_minute_refs_follow_positions_not_ids_and_number_sub_items() -> None:
    items = [_item(10, 2), _item(11, 0), _item(12, 1), _item(13, 1, parent=12), _item(14, 0, parent=12)]
    refs = agenda.minute_refs(items)
    assert refs == {11: "1", 12: "2", 14: "2.1", 13: "2.2", 10: "3"}
    assert [i.minute_ref for i in agenda.numbered(items)] == ["1", "2", "2.1", "2.2", "3"]


def test_running_end_times_add_minutes_in_display_order() -> None:
    items = [_item(1, 0, minutes=5), _item(2, 1, minutes=20), _item(3, 0, parent=2, minutes=10), _item(4, 2, minutes=5)]
    ends = agenda.running_end_times(items, datetime(2026, 3, 10, 10, 0))
    assert [ends[i].strftime("%H:%M") for i in (1, 2, 3, 4)] == ["10:05", "10:25", "10:35", "10:40"]


def test_new_business_goes_before_aob_and_next_meeting() -> None:
    items = [
        _item(1, 0, kind="welcome"),
        _item(2, 1, kind="actions"),
        _item(3, 2, kind="aob"),
        _item(4, 3, kind="next_meeting"),
    ]
    assert agenda.insert_position(items) == 2
    assert agenda.insert_position(items[:2]) == 2


def test_keyboard_move_is_clamped_at_both_ends() -> None:
    assert agenda.moved([1, 2, 3], 2, -1) == [2, 1, 3]
    assert agenda.moved([1, 2, 3], 1, -1) == [1, 2, 3]
    assert agenda.moved([1, 2, 3], 3, 5) == [1, 2, 3]
    assert agenda.moved([1, 2, 3], 1, 2) == [2, 3, 1]
