"""Does anything freeze? A 10 ms heartbeat on the GUI thread while browsing, filtering and exporting.

A ``QTimer`` ticks every 10 ms on the GUI thread; the longest gap between two ticks during an operation is
the longest time the app could not answer the user (a gap of 10 ms is no stall at all). Three phases, each
driven through the real main window the way a user would:

- browsing: every page visited, the tracker scrolled end to end and paged through, rows selected (the
  detail panel follows), the dashboard read again;
- filtering: words typed letter by letter into the Actions filter box, the status filter changed, every
  sortable column header clicked, each waited for until the table has its new rows;
- exporting: the open actions exported to XLSX (75,000 of the 500,000; streamed, so memory does not grow
  with the count) and the busiest forum's action log to PDF (a county's whole log as one PDF is thousands
  of pages), through ``export_process.export_actions`` on the write lane as the Export dialog runs them (a
  big one in a child process), the user paging through the table meanwhile.

It runs in a child process (``--in-process``) so that its peak resident memory (VmHWM) is the app's own.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.stall_bench DEMO_DB
"""

from __future__ import annotations

import faulthandler
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEARTBEAT_MS = 10
DEBUG = bool(os.environ.get("FORUMDESK_STALL_DEBUG"))  # print every gap over 50 ms with what was going on
DUMP_AFTER_S = float(os.environ.get("FORUMDESK_STALL_DUMP_MS", "0")) / 1000  # with DEBUG: stacks of long stalls
WORDS = ("knife", "night", "exploit")


def measure_in_child(db: Path, runs: int = 3) -> dict[str, float]:
    """The medians over ``runs`` child sessions of each phase's longest stall (seconds) and the peak RSS."""
    from benchmarks.measure import check, child_env, run_measured

    sessions = []
    with tempfile.TemporaryDirectory(prefix="forumdesk-stall-") as home:
        env = child_env(HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data")
        for _ in range(max(runs, 1)):
            run = check(
                run_measured([sys.executable, "-m", "benchmarks.stall_bench", "--in-process", str(db)], env=env),
                "the stall benchmark",
            )
            figures = json.loads(run.stdout.strip().splitlines()[-1])
            figures["stall_rss_mb"] = max(figures["stall_rss_mb"], run.max_rss_mb)
            sessions.append(figures)
    return {key: statistics.median(s[key] for s in sessions) for key in sessions[0]}


class Heartbeat:
    """The longest gap between ticks of a 10 ms timer since ``reset``."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    label = ""

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last
        self.longest = max(self.longest, gap)
        if DEBUG and gap > 0.05:
            print(f"stall {gap * 1000:.0f} ms during {Heartbeat.label}", file=sys.stderr)
        if DUMP_AFTER_S:  # every thread's stack when the GUI thread misses ticks for that long
            faulthandler.dump_traceback_later(DUMP_AFTER_S, exit=False)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0


def spin(condition: Callable[[], bool], timeout: float = 300.0) -> None:
    """Run the real event loop (no processEvents loop) until ``condition`` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def mark(label: str) -> None:
    Heartbeat.label = label


def settle(ctx: Any, pause: float = 0.05) -> None:
    """Wait for every task to finish, then let the GUI handle what they sent back."""
    spin(lambda: not ctx.tasks.busy())
    end = time.perf_counter() + pause
    spin(lambda: time.perf_counter() > end)


def _browse(window: Any, ctx: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from forumdesk.ui.shell.main_window import PAGE_KEYS

    for key in PAGE_KEYS:
        mark(f"show page {key}")
        window.show_page(key)
        settle(ctx)
    page = window.show_page("actions")
    settle(ctx)
    table, model = page.table, page.model
    rows = model.rowCount()
    for row in (rows - 1, rows // 2, rows // 3, 0, rows - 1, 7 * rows // 9):
        mark(f"scroll to {row}")
        table.scrollTo(model.index(max(row, 0), 0))
        settle(ctx, 0.02)
    mark("keys in the table")
    table.setFocus()
    table.selectRow(0)
    for _ in range(20):
        QTest.keyClick(table, Qt.Key.Key_PageDown)
        settle(ctx, 0.01)
    for _ in range(20):
        QTest.keyClick(table, Qt.Key.Key_Down)
        settle(ctx, 0.01)
    QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle(ctx)
    mark("dashboard reload")
    window.show_page("dashboard").reload()
    settle(ctx)


def _filter(window: Any, ctx: Any) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    page = window.show_page("actions")
    settle(ctx)
    bar = page.filter_bar
    if hasattr(bar, "status") and bar.status.count():
        bar.status.setCurrentIndex(0)  # every action: the hardest case
        settle(ctx)
    for word in WORDS:
        for letter in word:
            mark(f"key {letter}")
            QTest.keyClick(bar.text, letter)
            settle(ctx, 0.06)  # past the debounce
        mark("clear")
        bar.text.clear()
        settle(ctx, 0.06)
    header = page.table.horizontalHeader()
    for column in range(page.model.columnCount()):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        for _ in range(2):  # ascending, then descending
            mark(f"sort column {column}")
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
            settle(ctx)


def _export(window: Any, ctx: Any, folder: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from forumdesk.domain.queries import ActionQuery
    from forumdesk.services.export_process import export_actions
    from forumdesk.services.exports import ExportFormat

    page = window.show_page("actions")
    settle(ctx)
    live, busiest = ActionQuery(open_only=True), ActionQuery(forum_ids=(_busiest_forum(ctx.services),))
    for fmt, query in ((ExportFormat.XLSX, live), (ExportFormat.PDF, busiest)):
        done: list[Any] = []

        def run(services: Any, progress: Any, fmt: ExportFormat = fmt, query: ActionQuery = query) -> Any:
            return export_actions(services, query, fmt, folder / f"actions.{fmt.value}", progress)  # as the dialog

        mark(f"export {fmt.value}")
        shown: list[int] = []  # progress comes back to the GUI thread as the export dialog's does
        ctx.tasks.write(run, on_done=done.append, on_error=done.append, on_progress=lambda n, _t, s=shown: s.append(n))
        while not done:  # the user keeps working while the export runs
            QTest.keyClick(page.table, Qt.Key.Key_PageDown)
            settle_briefly(0.2)
        if isinstance(done[0], BaseException):
            raise done[0]


def _busiest_forum(services: Any) -> int:
    from benchmarks.db_bench import busiest_forum

    return busiest_forum(services)[0]


def settle_briefly(seconds: float) -> None:
    end = time.perf_counter() + seconds
    spin(lambda: time.perf_counter() > end)


def _watch_gc() -> None:
    """In debug mode, print each garbage collection over 20 ms (a full one holds the GIL throughout)."""
    import gc
    import threading

    started: dict[str, float] = {}

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started["at"] = time.perf_counter()
            return
        took = time.perf_counter() - started.get("at", time.perf_counter())
        if took > 0.02:
            where = f"{threading.current_thread().name} during {Heartbeat.label}"
            print(f"gc gen{info['generation']} {took * 1000:.0f} ms on {where}", file=sys.stderr)

    gc.callbacks.append(callback)


def _measure_here(db: Path) -> dict[str, float]:
    if DEBUG:
        _watch_gc()
    from forumdesk.app import application
    from forumdesk.services import open_services
    from forumdesk.ui.shell.context import AppContext
    from forumdesk.ui.shell.main_window import MainWindow

    application()
    ctx = AppContext(open_services(db))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    settle(ctx)
    beat = Heartbeat()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="forumdesk-stall-export-") as folder:
        phases = (
            ("browse", lambda: _browse(window, ctx)),
            ("filter", lambda: _filter(window, ctx)),
            ("export", lambda: _export(window, ctx, Path(folder))),
        )
        only = os.environ.get("FORUMDESK_STALL_ONLY")  # one phase: browse, filter or export
        for name, phase in phases:
            if only and name != only:
                continue
            beat.reset()
            phase()
            figures[f"stall_{name}_s"] = beat.longest
    ctx.close()
    figures["stall_rss_mb"] = _peak_rss_mb()
    return figures


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--in-process"]:
        print(json.dumps(_measure_here(Path(argv[1]))))
        return 0
    if not argv:
        print("usage: python -m benchmarks.stall_bench DEMO_DB", file=sys.stderr)
        return 2
    for key, value in measure_in_child(Path(argv[0]), 1).items():
        print(f"{key}={value * 1000:.0f} ms" if key.endswith("_s") else f"{key}={value:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
