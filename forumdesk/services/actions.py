"""Recording, editing, chasing and closing actions."""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import overload

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Action, ActionUpdate
from forumdesk.domain.patches import ActionPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.domain.refs import format_ref
from forumdesk.domain.validation import check_action_dates, required_text
from forumdesk.services.base import Service, found

ACTION_CHANGED = Changes(actions=True)


@dataclass(frozen=True)
class NewAction:
    """What is typed to record an action; ids are resolved by the caller (GUI completer, CLI by name)."""

    forum_id: int
    description: str
    owner_id: int | None = None
    due_date: date | None = None
    raised_on: date | None = None
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    minute_ref: str = ""
    aim_codes: Sequence[str] = field(default_factory=tuple)
    owner_org_id: int | None = None


class ActionService(Service):
    # -- reading ------------------------------------------------------------------------------------------
    def get(self, action_id: int) -> Action:
        return found(self.repos.actions.get(action_id, self.today()), "action", action_id)

    def ids(self, query: ActionQuery) -> list[int]:
        return self.repos.actions.ids(query, self.today())

    def count(self, query: ActionQuery) -> int:
        return self.repos.actions.count(query, self.today())

    def by_ids(self, ids: Sequence[int]) -> list[Action]:
        return self.repos.actions.by_ids(ids, self.today())

    def page(self, query: ActionQuery, offset: int = 0, limit: int = 200) -> list[Action]:
        return self.repos.actions.page(query, self.today(), offset, limit)

    def list(self, query: ActionQuery) -> builtins.list[Action]:
        return [a for chunk in self.repos.actions.iter_matching(query, self.today()) for a in chunk]

    def stream(self, query: ActionQuery) -> ActionStream:
        """The matching actions as a sequence read a chunk at a time on each pass, for exports at scale."""
        return ActionStream(self, self.ids(query))

    def forum_ids(self, query: ActionQuery) -> set[int]:
        return self.repos.actions.forum_ids(query, self.today())

    def updates_for(self, ids: Sequence[int]) -> dict[int, builtins.list[ActionUpdate]]:
        """Every dated update of these actions, oldest first, by action id."""
        return self.repos.actions.updates_for(ids)

    def iter_chunks(self, query: ActionQuery, chunk: int = 2000) -> Iterator[builtins.list[Action]]:
        return self.repos.actions.iter_matching(query, self.today(), chunk)

    def updates(self, action_id: int) -> builtins.list[ActionUpdate]:
        return self.repos.actions.updates(action_id)

    def rag_counts(self) -> dict[str, int]:
        return self.repos.actions.rag_counts(self.today())

    def area_counts(self) -> builtins.list[tuple[str, str, int, int, int]]:
        return self.repos.actions.area_counts(self.today())

    # -- writing ------------------------------------------------------------------------------------------
    def record(self, new: NewAction) -> Outcome[int]:
        """Record a new action with the next ref of its forum; one transaction. The value is its id."""
        description = required_text(new.description, "The action's text", "description")
        forum = self.repos.forums.forum(new.forum_id)
        if forum is None:
            raise ValidationError(f"there is no forum with id {new.forum_id}", "forum")
        raised = new.raised_on or self.today()
        check_action_dates(raised, new.due_date, None, None)
        owner_org_id = new.owner_org_id
        if new.owner_id is not None:
            owner = self.repos.people.person(new.owner_id)
            if owner is None:
                raise ValidationError(f"there is no person with id {new.owner_id}", "owner")
            owner_org_id = owner_org_id or owner.organisation_id
        aim_ids = [self._aim_id(code) for code in new.aim_codes]
        with self.store.transaction("New action"):
            seq = self.repos.actions.next_sequence(forum.id, raised.year)
            action_id = self.repos.actions.add(
                forum.id,
                format_ref(forum.short_code, raised.year, seq),
                raised.year,
                seq,
                description=description,
                owner_id=new.owner_id,
                owner_org_id=owner_org_id,
                raised_on=raised,
                due_date=new.due_date,
                meeting_id=new.meeting_id,
                agenda_item_id=new.agenda_item_id,
                minute_ref=new.minute_ref,
            )
            self.repos.actions.set_aims(action_id, aim_ids)
        return self.store.outcome(action_id, ACTION_CHANGED)

    def edit(self, action_id: int, patch: ActionPatch) -> Outcome[None]:
        """Change the patch's fields (description, owner, dates, status, RAG override, date closed ...).

        Closing (status complete or withdrawn) sets the date closed to today unless given; reopening clears it.
        """
        action = self.get(action_id)
        values = patch.given()
        if isinstance(patch.description, str):
            values["description"] = required_text(patch.description, "The action's text", "description")
        if isinstance(patch.owner_id, int):
            owner = self.repos.people.person(patch.owner_id)
            if owner is None:
                raise ValidationError(f"there is no person with id {patch.owner_id}", "owner")
            values.setdefault("owner_org_id", owner.organisation_id)
        if isinstance(patch.status, str):  # an ActionStatus is a str too
            status = ActionStatus(patch.status)
            values["status"] = status
            if not status.is_open and action.is_open:
                values.setdefault("closed_on", self.today())
            elif status.is_open:
                values["closed_on"] = None
        if isinstance(patch.rag_override, str):
            values["rag_override"] = Rag(patch.rag_override)
        check_action_dates(
            _pick(values, "raised_on", action.raised_on) or action.raised_on,
            _pick(values, "due_date", action.due_date),
            _pick(values, "revised_due_date", action.revised_due_date),
            _pick(values, "closed_on", action.closed_on),
        )
        with self.store.transaction("Edit action"):
            self.repos.actions.update(action_id, **values)
        return self.store.outcome(None, ACTION_CHANGED)

    def set_status(self, action_id: int, status: ActionStatus) -> Outcome[None]:
        return self.edit(action_id, ActionPatch(status=status))

    def correct(self, action_id: int, text: str, aim_codes: Sequence[str]) -> Outcome[None]:
        """An action's text and aims as corrected after the meeting: one operation, so one undo."""
        with self.store.transaction("Correct action"):
            changes = self.edit(action_id, ActionPatch(description=text)).changes
            if tuple(aim_codes) != tuple(self.get(action_id).aim_codes):
                changes |= self.set_aims(action_id, aim_codes).changes
        return self.store.outcome(None, changes)

    def set_aims(self, action_id: int, aim_codes: Sequence[str]) -> Outcome[None]:
        self.get(action_id)
        aim_ids = [self._aim_id(code) for code in aim_codes]
        with self.store.transaction("Change an action's aims"):
            old = self.repos.actions.aim_ids(action_id)
            self.repos.actions.set_aims(action_id, aim_ids)
            self.store.audit(
                "action", action_id, "update", "aims", " ".join(map(str, old)), " ".join(map(str, aim_ids))
            )
        return self.store.outcome(None, Changes(actions=True, strategy=True))

    def add_update(self, action_id: int, text: str, on: date | None = None, author: str = "") -> Outcome[int]:
        """Add a dated update to an action; the value is the update's id."""
        body = required_text(text, "The update", "update")
        action = self.get(action_id)
        when = on or self.today()
        if when < action.raised_on:
            raise ValidationError(
                f"the update's date {when:%d/%m/%Y} is before the action was raised ({action.raised_on:%d/%m/%Y})",
                "on",
            )
        with self.store.transaction("Add an update"):
            update_id = self.repos.actions.add_update(action_id, when, body, author or self.store.user)
        return self.store.outcome(update_id, ACTION_CHANGED)

    def delete_update(self, update_id: int) -> Outcome[None]:
        """Remove one dated update (undoing it); the latest update shown moves back to the one before."""
        with self.store.transaction("Remove an update"):
            self.repos.actions.delete_update(update_id)
        return self.store.outcome(None, ACTION_CHANGED)

    def bulk_edit(self, action_ids: Sequence[int], patch: ActionPatch) -> Outcome[None]:
        """The same change to several actions: all or nothing, in one transaction (one operation)."""
        with self.store.transaction(f"Edit {len(action_ids)} actions" if len(action_ids) > 1 else "Edit action"):
            for action_id in action_ids:
                self.edit(action_id, patch)
        return self.store.outcome(None, ACTION_CHANGED)

    def edit_each(self, patches: Mapping[int, ActionPatch]) -> Outcome[None]:
        """Different changes to several actions: all or nothing, one transaction."""
        with self.store.transaction("Edit actions"):
            for action_id, patch in patches.items():
                self.edit(action_id, patch)
        return self.store.outcome(None, ACTION_CHANGED)

    def delete(self, action_id: int) -> Outcome[None]:
        self.get(action_id)
        with self.store.transaction("Delete action"):
            self.repos.actions.delete(action_id)
        return self.store.outcome(None, ACTION_CHANGED)

    def _aim_id(self, code: str) -> int:
        aim = self.repos.strategy.aim_by_code(code)
        if aim is None:
            raise ValidationError(f"there is no aim {code!r} in the strategy", "aims")
        return aim.id


def _pick(values: dict[str, object], key: str, default: date | None) -> date | None:
    value = values.get(key, default)
    return value if isinstance(value, date) or value is None else default


class ActionStream(Sequence[Action]):
    """Actions in a given order, read ``CHUNK`` at a time whenever they are walked through.

    Only the ids are held (about 36 bytes an action): 500,000 actions as objects would take some 700 MB,
    so an export of a whole county streams through this instead of a list.
    """

    CHUNK = 2000

    def __init__(self, service: ActionService, ids: builtins.list[int]) -> None:
        self._service = service
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[Action]:
        for start in range(0, len(self.ids), self.CHUNK):
            yield from self._service.by_ids(self.ids[start : start + self.CHUNK])

    @overload
    def __getitem__(self, index: int) -> Action: ...
    @overload
    def __getitem__(self, index: slice) -> builtins.list[Action]: ...
    def __getitem__(self, index: int | slice) -> Action | builtins.list[Action]:
        if isinstance(index, slice):
            return self._service.by_ids(self.ids[index])
        return self._service.get(self.ids[index])
