"""The task runner: reads on a pool and writes on one serial lane, each thread with its own connection;
results and errors come back to the GUI thread; start-up can hold the first reads until the first paint."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QLabel

from forumdesk.domain.errors import ValidationError
from forumdesk.ui.shell.startup_timer import FirstPaintWatcher, hold_reads_until_painted


def test_results_and_errors_come_back_on_the_gui_thread(qtbot: Any, ui_ctx: Any) -> None:
    results: list[Any] = []
    main = threading.get_ident()
    ui_ctx.tasks.read(lambda s: (threading.get_ident(), s.strategy.name()), on_done=results.append)
    ui_ctx.tasks.write(lambda s: s.actions.get(999_999), on_error=results.append)
    qtbot.waitUntil(lambda: len(results) == 2)
    (worker, name), error = sorted(results, key=lambda r: isinstance(r, BaseException))
    assert worker != main and name.startswith("Essex")
    assert "no action with id 999999" in str(error)


def test_each_worker_thread_has_its_own_connection(qtbot: Any, ui_ctx: Any) -> None:
    seen: list[tuple[int, int]] = []
    for _ in range(6):
        ui_ctx.tasks.read(lambda s: (threading.get_ident(), id(s.store.conn)), on_done=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 6)
    by_thread: dict[int, set[int]] = {}
    for thread, conn in seen:
        by_thread.setdefault(thread, set()).add(conn)
    assert all(len(conns) == 1 for conns in by_thread.values())
    assert id(ui_ctx.services.store.conn) not in {conn for _, conn in seen}


def test_a_failed_write_is_reported_in_one_line(qtbot: Any, ui_ctx: Any) -> None:
    with qtbot.waitSignal(ui_ctx.error_reported) as blocker:
        ui_ctx.tasks.write(lambda s: (_ for _ in ()).throw(ValidationError("the due date is before it was raised")),
                           on_error=ui_ctx.report)
    assert blocker.args == ["the due date is before it was raised"]


def test_held_reads_start_after_the_first_paint(qtbot: Any, ui_ctx: Any) -> None:
    done: list[int] = []
    window = QLabel("ForumDesk")
    qtbot.addWidget(window)
    ui_ctx.tasks.hold()
    ui_ctx.tasks.read(lambda s: 1, on_done=done.append)
    watcher = FirstPaintWatcher(window)
    hold_reads_until_painted(ui_ctx.tasks, watcher, timeout_ms=60_000)
    assert ui_ctx.tasks.busy() and done == []
    window.show()
    qtbot.waitUntil(lambda: done == [1])
    assert watcher.startup_ms is not None and watcher.startup_ms > 0


def test_a_read_that_finishes_after_its_model_is_deleted_is_not_delivered(
    qtbot: Any, ui_ctx: Any, monkeypatch: Any
) -> None:
    """A page closed while its table's read is still running (a test's window torn down, a window closed as a
    filter's read is under way): the result has nobody to go to. It was delivered to a lambda holding the
    deleted model ("Internal C++ object (ActionTableModel) already deleted")."""
    import shiboken6

    from forumdesk.services.actions import ActionService
    from forumdesk.ui.models.action_table import ActionTableModel

    gate = threading.Event()
    ids = ActionService.ids

    def slow_ids(self: ActionService, query: Any) -> list[int]:
        gate.wait(10)
        return ids(self, query)

    monkeypatch.setattr(ActionService, "ids", slow_ids)
    model = ActionTableModel(ui_ctx)
    model.reload()
    qtbot.waitUntil(ui_ctx.tasks.busy)
    shiboken6.delete(model)
    gate.set()
    qtbot.waitUntil(lambda: not ui_ctx.tasks.busy(), timeout=10_000)


def test_a_writes_changes_go_out_even_when_the_dialog_that_asked_has_closed(qtbot: Any, ui_ctx: Any) -> None:
    """The other side of dropping an orphaned read: a write that finishes after its dialog was deleted has
    still changed the file, so every view must hear of it."""
    import shiboken6

    from forumdesk.domain.changes import Changes, Outcome
    from forumdesk.ui.shell.write_op import WriteOp

    gate = threading.Event()
    heard: list[Changes] = []
    ui_ctx.changes_applied.connect(lambda changes, _initiator: heard.append(changes))

    def op(services: Any) -> Outcome[None]:
        gate.wait(10)
        return Outcome(None, Changes(actions=True))

    dialog = QLabel("a dialog")
    WriteOp(ui_ctx, op).run(initiator=dialog)
    qtbot.waitUntil(ui_ctx.tasks.busy)
    shiboken6.delete(dialog)
    gate.set()
    qtbot.waitUntil(lambda: not ui_ctx.tasks.busy(), timeout=10_000)
    assert heard == [Changes(actions=True)]
