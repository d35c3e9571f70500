"""Undo and redo of edits: ``QUndoCommand``s whose work is done by the services on the write lane.

A change is made first (off the GUI thread, through ``ctx.tasks.write``), and only once it has succeeded
is a command pushed, holding the old values captured in the same task before the change. So a change the
services refuse (a due date before the date raised) never enters the undo stack, and the first ``redo``
that ``QUndoStack.push`` calls does nothing. Later undos and redos run again on the write lane and end in
``ctx.apply(outcome.changes)`` like any write.

``run_undoable`` is the one entry point; the other pages can use it for forums and people too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from forumdesk.domain.changes import Outcome
from forumdesk.domain.model import Action
from forumdesk.domain.patches import ActionPatch
from forumdesk.services import Services
from forumdesk.services.actions import NewAction
from forumdesk.ui.dialogs.your_name import secretary_name
from forumdesk.ui.shell.context import AppContext

ServiceFn = Callable[[Services], Outcome[Any]]


class ServiceCommand(QUndoCommand):
    """A change already made; ``undo_fn``/``redo_fn`` replay it through the services."""

    def __init__(self, ctx: AppContext, text: str, undo_fn: ServiceFn, redo_fn: ServiceFn) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._undo_fn = undo_fn
        self._redo_fn = redo_fn
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(): the change is already made
            self._pushed = True
            return
        self._ctx.tasks.write(self._redo_fn, on_done=self._applied, on_error=self._ctx.report)

    def undo(self) -> None:
        self._ctx.tasks.write(self._undo_fn, on_done=self._applied, on_error=self._ctx.report)

    def _applied(self, outcome: Outcome[Any]) -> None:
        self._ctx.apply(outcome.changes)


def run_undoable(
    ctx: AppContext,
    text: str,
    do: Callable[[Services], tuple[Outcome[Any], ServiceFn, ServiceFn]],
    on_done: Callable[[], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``do`` on the write lane; it returns (outcome, undo_fn, redo_fn). Push the command on success."""

    def done(result: tuple[Outcome[Any], ServiceFn, ServiceFn]) -> None:
        outcome, undo_fn, redo_fn = result
        ctx.undo_stack.push(ServiceCommand(ctx, text, undo_fn, redo_fn))
        ctx.apply(outcome.changes)
        if on_done is not None:
            on_done()

    ctx.tasks.write(do, on_done=done, on_error=on_error or ctx.report)


# -- actions -------------------------------------------------------------------------------------------------
def _snapshot(action: Action, fields: Iterable[str]) -> dict[str, Any]:
    """The values to put back: the fields changed, plus what the service derives from them."""
    keys = set(fields)
    if "status" in keys:
        keys.add("closed_on")  # closing stamps a date; undo puts the old one back
    if "owner_id" in keys:
        keys.add("owner_org_id")  # a new owner brings their agency
    return {key: getattr(action, key) for key in keys}


def edit_actions(
    ctx: AppContext,
    action_ids: Sequence[int],
    fields: dict[str, Any],
    on_error: Callable[[BaseException], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> None:
    """Change ``fields`` on every action in ``action_ids`` (one transaction), undoably."""
    ids = list(action_ids)
    label = ", ".join(_FIELD_LABELS.get(k, k) for k in fields)
    text = f"Change {label} of {len(ids)} actions" if len(ids) > 1 else f"Change {label}"

    def do(services: Services) -> tuple[Outcome[Any], ServiceFn, ServiceFn]:
        old = {i: ActionPatch(**_snapshot(services.actions.get(i), fields)) for i in ids}
        outcome = services.actions.bulk_edit(ids, ActionPatch(**fields))
        return (
            outcome,
            lambda s: s.actions.edit_each(old),
            lambda s: s.actions.bulk_edit(ids, ActionPatch(**fields)),
        )

    run_undoable(ctx, text, do, on_done=on_done, on_error=on_error)


def record_action(
    ctx: AppContext,
    new: NewAction,
    on_done: Callable[[int], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Record a new action; undo deletes it, redo records it again (with the next free ref)."""
    current: dict[str, int] = {}

    def redo(services: Services) -> Outcome[int]:
        outcome = services.actions.record(new)
        current["id"] = outcome.value
        return outcome

    def undo(services: Services) -> Outcome[None]:
        return services.actions.delete(current["id"])

    def do(services: Services) -> tuple[Outcome[Any], ServiceFn, ServiceFn]:
        return redo(services), undo, redo

    run_undoable(
        ctx, "New action", do, on_done=(lambda: on_done(current["id"])) if on_done else None, on_error=on_error
    )


def add_update(
    ctx: AppContext,
    action_id: int,
    text: str,
    on: Any = None,
    on_done: Callable[[], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Add a dated update to an action; undo removes it."""
    current: dict[str, int] = {}
    author = secretary_name()  # read here, on the GUI thread; "" keeps the OS login

    def redo(services: Services) -> Outcome[int]:
        outcome = services.actions.add_update(action_id, text, on, author)
        current["id"] = outcome.value
        return outcome

    def undo(services: Services) -> Outcome[None]:
        return services.actions.delete_update(current["id"])

    def do(services: Services) -> tuple[Outcome[Any], ServiceFn, ServiceFn]:
        return redo(services), undo, redo

    run_undoable(ctx, "Add update", do, on_done=on_done, on_error=on_error)


_FIELD_LABELS = {
    "status": "status",
    "due_date": "due date",
    "revised_due_date": "revised due date",
    "owner_id": "owner",
    "description": "text",
    "rag_override": "RAG override",
}
