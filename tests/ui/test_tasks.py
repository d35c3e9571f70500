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
