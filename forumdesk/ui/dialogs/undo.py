"""Undo for edits made through the dialogs and the register pages, on the shell's ``ServiceCommand``.

The edit has already been saved (the dialog needed the result to decide whether to close), so the command
is pushed afterwards; its first ``redo()`` does nothing, later ones replay the step on the write lane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forumdesk.domain.changes import Outcome
from forumdesk.services import Services
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.undo import ServiceCommand

Step = Callable[[Services], Outcome[Any]]


def push_edit(ctx: AppContext, text: str, redo_step: Step, undo_step: Step) -> None:
    """Record an edit that has already been saved, so Edit > Undo can reverse it."""
    ctx.undo_stack.push(ServiceCommand(ctx, text, undo_step, redo_step))
