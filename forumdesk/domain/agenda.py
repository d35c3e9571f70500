"""The agenda as data: the standing-items template, minute-reference numbering and running end times.

A forum's template is a list of ``TemplateItem`` values keyed by ``kind``. The ``new_business`` entry is not an
item: it marks where new business goes when a template is applied (and where ``add_item`` puts new items).
Minute references come from positions and parents only: top-level items are numbered 1, 2, 3 in position
order and the sub-items of item 3 are 3.1, 3.2. Stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from forumdesk.domain.enums import AgendaPurpose
from forumdesk.domain.model import AgendaItem

NEW_BUSINESS = "new_business"  # the placeholder "..." of the template: new items go here
ACTIONS_KIND = "actions"  # the action log review, where matters arising are reviewed
CLOSING_KINDS = ("aob", "next_meeting")  # the items that stay last when business is added


@dataclass(frozen=True, slots=True)
class TemplateItem:
    """One standing item of a forum's agenda template."""

    kind: str
    title: str
    purpose: AgendaPurpose = AgendaPurpose.INFORMATION
    minutes_allowed: int = 0
    presenter: str = ""


STANDING_ITEMS: tuple[TemplateItem, ...] = (
    TemplateItem("welcome", "Welcome, introductions and apologies", AgendaPurpose.INFORMATION, 5, "Chair"),
    TemplateItem("declarations", "Declarations of interest", AgendaPurpose.INFORMATION, 2, "Chair"),
    TemplateItem("minutes", "Minutes of the last meeting and matters arising", AgendaPurpose.DECISION, 10, "Chair"),
    TemplateItem(ACTIONS_KIND, "Action log review", AgendaPurpose.DISCUSSION, 15, "Secretary"),
    TemplateItem(NEW_BUSINESS, "New business", AgendaPurpose.DISCUSSION, 0),
    TemplateItem("aob", "Any other business", AgendaPurpose.DISCUSSION, 5, "Chair"),
    TemplateItem("next_meeting", "Date of next meeting", AgendaPurpose.INFORMATION, 2, "Chair"),
)


def items_to_apply(template: Sequence[TemplateItem]) -> list[TemplateItem]:
    """The real items of a template, in order (the new-business placeholder left out)."""
    return [t for t in template if t.kind != NEW_BUSINESS]


def display_order(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """Top-level items by position, each followed by its sub-items by position (one level of nesting)."""
    all_items = list(items)
    ids = {i.id for i in all_items}
    top = sorted((i for i in all_items if i.parent_id is None or i.parent_id not in ids), key=_key)
    children: dict[int, list[AgendaItem]] = {}
    for item in all_items:
        if item.parent_id is not None and item.parent_id in ids:
            children.setdefault(item.parent_id, []).append(item)
    ordered: list[AgendaItem] = []
    for item in top:
        ordered.append(item)
        ordered.extend(sorted(children.get(item.id, []), key=_key))
    return ordered


def minute_refs(items: Iterable[AgendaItem]) -> dict[int, str]:
    """Item id -> minute reference ("3", "3.1") from positions and parents."""
    refs: dict[int, str] = {}
    top_number = 0
    sub_number = 0
    for item in display_order(items):
        if item.parent_id is None or item.parent_id not in refs:
            top_number += 1
            sub_number = 0
            refs[item.id] = str(top_number)
        else:
            sub_number += 1
            refs[item.id] = f"{refs[item.parent_id]}.{sub_number}"
    return refs


def numbered(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """The items in display order with ``minute_ref`` filled in."""
    ordered = display_order(items)
    refs = minute_refs(ordered)
    return [replace(i, minute_ref=refs[i.id]) for i in ordered]


def running_end_times(items: Iterable[AgendaItem], starts_at: datetime) -> dict[int, datetime]:
    """Item id -> the time the item should end, adding each item's minutes allowed in display order."""
    clock = starts_at
    ends: dict[int, datetime] = {}
    for item in display_order(items):
        clock += timedelta(minutes=max(0, item.minutes_allowed))
        ends[item.id] = clock
    return ends


def insert_position(items: Sequence[AgendaItem]) -> int:
    """Where new business goes: before the first closing item (AOB, next meeting), else at the end."""
    top = sorted((i for i in items if i.parent_id is None), key=_key)
    for index, item in enumerate(top):
        if item.kind in CLOSING_KINDS:
            return index
    return len(top)


def moved(ids: Sequence[int], item_id: int, delta: int) -> list[int]:
    """``ids`` with ``item_id`` moved ``delta`` places (clamped): the keyboard's Ctrl+Up / Ctrl+Down."""
    order = list(ids)
    if item_id not in order:
        return order
    index = order.index(item_id)
    target = max(0, min(len(order) - 1, index + delta))
    order.insert(target, order.pop(index))
    return order


def _key(item: AgendaItem) -> tuple[int, int]:
    return (item.position, item.id)
