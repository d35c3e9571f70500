"""``WriteOp``: the one way the GUI writes (after Anki's ``CollectionOp``).

    WriteOp(ctx, lambda s: s.actions.edit(action_id, ActionPatch(status=status))) \\
        .success(lambda value: ...) \\
        .failure(lambda error: ...) \\
        .run(initiator=self)

The function runs off the GUI thread on the task runner's one serial write lane, with the worker's own
``Services``, and must return an ``Outcome``: its value, the ``Changes`` it made and its operation id. Back on
the GUI thread the operation always applies those changes to the one change channel (``ctx.apply``), naming
the initiator, so that every view refreshes and the initiating one can keep what is being typed; then it
calls ``success`` with the value. A failure goes to ``failure``, or by default to ``ctx.report`` (one line
for the user). Undo is not built here: every write is an operation in the database's own history, which
Edit > Undo replays (``services.history``).

Nothing else in ``forumdesk/ui`` calls the write lane: tests/ui/test_write_path.py holds that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.services import Services
from forumdesk.ui.shell.tasks import TaskRunner

T = TypeVar("T")
Progress = Callable[[int, int], None]


class WriteContext(Protocol):
    """What a ``WriteOp`` needs of the app's context (``AppContext``, which makes the history that runs
    WriteOps itself: a protocol, not an import, keeps the two modules out of a circle)."""

    tasks: TaskRunner

    def apply(self, changes: Changes, initiator: object | None = None) -> None: ...
    def report(self, error: BaseException) -> None: ...


class WriteOp(Generic[T]):
    def __init__(
        self,
        ctx: WriteContext,
        op: Callable[[Services], Outcome[T]] | Callable[[Services, Progress], Outcome[T]],
    ) -> None:
        self._ctx = ctx
        self._op = op
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Progress | None = None

    def success(self, callback: Callable[[T], None]) -> WriteOp[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> WriteOp[T]:
        self._failure = callback
        return self

    def progress(self, callback: Progress) -> WriteOp[T]:
        """Report progress (done, total): the operation's function is then called as ``op(services, progress)``."""
        self._progress = callback
        return self

    def run(self, initiator: object | None = None) -> None:
        """Start it on the write lane; the callbacks come back on the GUI thread."""
        ctx = self._ctx

        def done(outcome: Any) -> None:
            if not isinstance(outcome, Outcome):  # a programming error: said, never guessed at
                failed(TypeError(f"a write must return an Outcome, not {type(outcome).__name__}"))
                return
            ctx.apply(outcome.changes, initiator)
            if self._success is not None:
                self._success(outcome.value)

        failed = self._failure or ctx.report
        ctx.tasks.write(self._op, done, failed, self._progress)
