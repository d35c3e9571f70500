"""The forum register: forums, their strategy links, and their members.

``ForumState`` is a forum's register entry and strategy links as one value (what the forum dialog edits);
``save`` and ``create_linked`` write one in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.enums import Marking, QuorumKind
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Aim, Forum, Membership, NewMember
from forumdesk.domain.patches import UNSET, ForumPatch, MembershipPatch, Unset
from forumdesk.domain.refs import short_code as make_short_code
from forumdesk.domain.validation import optional_text, required_text
from forumdesk.services.base import Service, found, named

T = TypeVar("T")
_TEXT_FIELDS = {"purpose", "terms_of_reference", "frequency", "kind", "short_code"}


@dataclass(frozen=True)
class ForumState:
    """A forum's register fields (as ``update`` takes them) and the areas and aims it names itself."""

    patch: ForumPatch
    area_ids: tuple[int, ...]
    aim_ids: tuple[int, ...]


class ForumService(Service):
    # -- reading ------------------------------------------------------------------------------------------
    def forums(self, search: str = "", include_archived: bool = True) -> list[Forum]:
        return self.repos.forums.forums(search, include_archived)

    def forum(self, forum_id: int) -> Forum:
        return found(self.repos.forums.forum(forum_id), "forum", forum_id)

    def find(self, name: str) -> Forum:
        return named(self.repos.forums.forum_by_name(name), "forum", name, "forum")

    def members(self, forum_id: int, on: date | None = None) -> list[Membership]:
        return self.repos.forums.members(forum_id, None if on is None else on.isoformat())

    def memberships_of(self, person_id: int) -> list[Membership]:
        return self.repos.forums.memberships_of(person_id)

    def area_ids(self, forum_id: int) -> list[int]:
        """The ids of the priority areas the forum names itself (empty: it inherits its parent's)."""
        return self.repos.forums.area_ids(forum_id)

    def own_aims(self, forum_id: int) -> list[Aim]:
        """The aims the forum names itself (empty: every aim of the areas it serves)."""
        return self.repos.forums.aims(forum_id)

    def aims(self, forum_id: int) -> list[Aim]:
        """The aims a forum serves: its own list, else every aim of the areas it serves."""
        own = self.repos.forums.aims(forum_id)
        if own:
            return own
        forum = self.forum(forum_id)
        return [aim for aim in self.repos.strategy.aims() if aim.area_name in forum.priorities]

    def state(self, forum_id: int) -> ForumState:
        """The forum as the forum dialog edits it: register fields and its own strategy links."""
        forum = self.forum(forum_id)
        patch = ForumPatch(
            name=forum.name, short_code=forum.short_code, kind=forum.kind, parent_id=forum.parent_id,
            district=forum.district, purpose=forum.purpose, terms_of_reference=forum.terms_of_reference,
            frequency=forum.frequency, quorum_kind=forum.quorum.kind, quorum_count=forum.quorum.count,
            marking=forum.marking, review_date=forum.review_date,
        )
        return ForumState(patch, tuple(self.area_ids(forum_id)), tuple(a.id for a in self.own_aims(forum_id)))

    # -- writing ------------------------------------------------------------------------------------------
    def create(
        self,
        name: str,
        *,
        parent: str | int | None = None,
        district: str = "",
        marking: Marking = Marking.OFFICIAL,
        quorum_kind: QuorumKind = QuorumKind.NONE,
        quorum_count: int = 0,
        short_code: str = "",
        kind: str = "",
        purpose: str = "",
        terms_of_reference: str = "",
        frequency: str = "",
        review_date: date | None = None,
        chair_id: int | None = None,
        secretary_id: int | None = None,
        area_ids: Sequence[int] = (),
        aim_ids: Sequence[int] = (),
    ) -> Outcome[int]:
        """A new forum (with the priority areas and aims it names, if any) in one transaction."""
        clean = required_text(name, "The forum's name", "name")
        same = self.repos.forums.forum_by_name(clean)
        if same is not None and same.name.lower() == clean.lower():
            raise ValidationError(f"there is already a forum called {clean!r}", "name")
        _check_quorum(quorum_kind, quorum_count)
        parent_id = self._parent_id(parent)
        values: dict[str, object] = {
            "short_code": optional_text(short_code) or make_short_code(clean),
            "kind": optional_text(kind),
            "purpose": optional_text(purpose),
            "terms_of_reference": optional_text(terms_of_reference),
            "frequency": optional_text(frequency),
            "review_date": review_date,
            "chair_id": chair_id,
            "secretary_id": secretary_id,
        }
        with self.store.transaction("New forum"):
            if district.strip():
                values["district_id"] = self.repos.forums.district_id(district.strip())
            forum_id = self.repos.forums.add(
                clean, parent_id=parent_id, marking=marking, quorum_kind=quorum_kind, quorum_count=quorum_count,
                **values,
            )
            changes = Changes(forums=True)
            if area_ids:
                changes |= self.set_areas(forum_id, list(area_ids)).changes
            if aim_ids:
                changes |= self.set_aims(forum_id, list(aim_ids)).changes
        return self.store.outcome(forum_id, changes)

    def update(self, forum_id: int, patch: ForumPatch) -> Outcome[None]:
        forum = self.forum(forum_id)
        values: dict[str, object] = {}
        for key, value in patch.given().items():
            if key == "name":
                clean = required_text(str(value), "The forum's name", "name")
                other = self.repos.forums.forum_by_name(clean)
                if other is not None and other.id != forum_id and other.name.lower() == clean.lower():
                    raise ValidationError(f"there is already a forum called {clean!r}", "name")
                values["name"] = clean
            elif key in _TEXT_FIELDS:
                values[key] = optional_text(str(value))
            elif key == "parent_id":
                values["parent_id"] = self._check_parent(forum_id, patch.parent_id)
            elif key != "district":
                values[key] = value
        _check_quorum(
            QuorumKind(str(values.get("quorum_kind", forum.quorum.kind))),
            int(str(values.get("quorum_count", forum.quorum.count))),
        )
        with self.store.transaction("Edit forum"):
            if isinstance(patch.district, str):
                name = patch.district.strip()
                values["district_id"] = self.repos.forums.district_id(name) if name else None
            self.repos.forums.update(forum_id, **values)
        return self.store.outcome(None, Changes(forums=True, actions="name" in values))

    def save(self, forum_id: int, state: ForumState) -> Outcome[None]:
        """The forum dialog's save: the register fields, then the strategy links where they changed, in one
        transaction."""
        with self.store.transaction("Edit forum"):  # fixed wording: a label is never typed text (erasure)
            changes = self.update(forum_id, state.patch).changes
            if list(state.area_ids) != self.area_ids(forum_id):
                changes |= self.set_areas(forum_id, list(state.area_ids)).changes
            if list(state.aim_ids) != [a.id for a in self.own_aims(forum_id)]:
                changes |= self.set_aims(forum_id, list(state.aim_ids)).changes
        return self.store.outcome(None, changes)

    def archive(self, forum_id: int, archived: bool = True) -> Outcome[None]:
        self.forum(forum_id)
        with self.store.transaction("Archive forum" if archived else "Restore forum"):
            self.repos.forums.update(forum_id, archived=archived)
        return self.store.outcome(None, Changes(forums=True))

    def create_linked(self, state: ForumState) -> Outcome[int]:
        """The forum dialog's new forum: register fields and strategy links in one transaction."""
        p = state.patch
        return self.create(
            _given(p.name, ""), parent=_given(p.parent_id, None), district=_given(p.district, ""),
            marking=Marking(_given(p.marking, Marking.OFFICIAL)),
            quorum_kind=QuorumKind(_given(p.quorum_kind, QuorumKind.NONE)), quorum_count=_given(p.quorum_count, 0),
            short_code=_given(p.short_code, ""), kind=_given(p.kind, ""), purpose=_given(p.purpose, ""),
            terms_of_reference=_given(p.terms_of_reference, ""), frequency=_given(p.frequency, ""),
            review_date=_given(p.review_date, None), area_ids=state.area_ids, aim_ids=state.aim_ids,
        )

    def set_aims(self, forum_id: int, aim_ids: list[int]) -> Outcome[None]:
        _all_known(aim_ids, {aim.id for aim in self.repos.strategy.aims()}, "aim", "aims")
        with self.store.transaction("Change a forum's aims"):
            self.repos.forums.set_aims(forum_id, aim_ids)
        return self.store.outcome(None, Changes(forums=True, strategy=True))

    def set_areas(self, forum_id: int, area_ids: list[int]) -> Outcome[None]:
        _all_known(area_ids, {area.id for area in self.repos.strategy.areas()}, "priority area", "areas")
        with self.store.transaction("Change a forum's priority areas"):
            self.repos.forums.set_areas(forum_id, area_ids)
        return self.store.outcome(None, Changes(forums=True, strategy=True))

    def add_member(
        self,
        forum_id: int,
        person_id: int,
        role: str = "Member",
        deputy_id: int | None = None,
        decision_maker: bool = True,
        from_date: date | None = None,
    ) -> Outcome[int]:
        self.forum(forum_id)
        if self.repos.people.person(person_id) is None:
            raise ValidationError(f"there is no person with id {person_id}", "person")
        if deputy_id == person_id:
            raise ValidationError("a member cannot be their own deputy", "deputy")
        if any(m.person_id == person_id and m.to_date is None for m in self.repos.forums.members(forum_id)):
            raise ValidationError("that person is already a member of this forum", "person")
        with self.store.transaction("Add a member"):
            member_id = self.repos.forums.add_member(
                NewMember(forum_id, person_id, optional_text(role) or "Member", deputy_id, decision_maker, from_date)
            )
        return self.store.outcome(member_id, Changes(memberships=True))

    def update_member(self, membership_id: int, patch: MembershipPatch) -> Outcome[None]:
        found(self.repos.forums.membership(membership_id), "membership", membership_id)
        with self.store.transaction("Edit membership"):
            self.repos.forums.update_member(membership_id, **patch.given())
        return self.store.outcome(None, Changes(memberships=True))

    def remove_member(self, membership_id: int) -> Outcome[None]:
        with self.store.transaction("Remove a member"):
            self.repos.forums.remove_member(membership_id)
        return self.store.outcome(None, Changes(memberships=True))

    def _check_parent(self, forum_id: int, parent_id: int | Unset | None) -> int | None:
        """A parent that exists and is not the forum itself nor one of its own sub-groups."""
        if parent_id is None or parent_id is UNSET:
            return None
        parent = self.forum(int(parent_id))
        seen = {forum_id}
        current: Forum | None = parent
        while current is not None:
            if current.id in seen:
                raise ValidationError(f"{parent.name!r} cannot be the parent: it reports to this forum", "parent")
            seen.add(current.id)
            current = None if current.parent_id is None else self.repos.forums.forum(current.parent_id)
        return parent.id

    def _parent_id(self, parent: str | int | None) -> int | None:
        if parent is None or parent == "":
            return None
        if isinstance(parent, int):
            return self.forum(parent).id
        return self.find(parent).id


def _check_quorum(kind: QuorumKind, count: int) -> None:
    if kind is not QuorumKind.NONE and count < 1:
        raise ValidationError("a quorum rule needs a number of at least 1", "quorum_count")
    if count < 0:
        raise ValidationError("a quorum cannot be negative", "quorum_count")


def _given(value: T | Unset, default: T) -> T:
    return default if isinstance(value, Unset) else value


def _all_known(ids: list[int], known: set[int], what: str, field: str) -> None:
    """``ValidationError`` on ``field`` ("there is no aim with id 9") for the first of ``ids`` not in ``known``."""
    for key in ids:
        if key not in known:
            raise ValidationError(f"there is no {what} with id {key}", field)
