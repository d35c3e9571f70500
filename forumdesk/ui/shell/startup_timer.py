"""Start-up time: milliseconds from the *process's* start to the first paint of the main window.

The process's start is read from the kernel on Linux (``/proc/self/stat`` field 22, in clock ticks since
boot, against ``CLOCK_BOOTTIME`` now), so interpreter start and imports are counted. Elsewhere the caller's
``fallback`` stands in: the command line passes the time ``forumdesk.cli`` was imported (a little later than the
true start) down through ``run_app``.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget


def process_age_seconds() -> float | None:
    """How long ago this process started, from the kernel; None where that cannot be read."""
    if not sys.platform.startswith("linux") or not hasattr(time, "CLOCK_BOOTTIME"):
        return None
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            stat = handle.read()
        fields = stat[stat.rindex(")") + 2 :].split()  # the name in parentheses may contain spaces
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 overall; 20th after the name
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError):
        return None
    return age if 0 <= age < 3600 else None


def process_start_perf(fallback: float | None = None) -> float:
    """The process's start on the ``time.perf_counter`` clock; ``fallback`` (or now) where the kernel cannot say."""
    age = process_age_seconds()
    if age is not None:
        return time.perf_counter() - age
    return time.perf_counter() if fallback is None else fallback


class FirstPaintWatcher(QObject):
    """Catches the first paint of any widget of ``window`` and reports the start-up time once."""

    painted = Signal(int)  # startup_ms

    def __init__(self, window: QWidget, started: float | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._started = process_start_perf() if started is None else started
        self.startup_ms: int | None = None
        app = QApplication.instance()
        assert app is not None
        self._app = app
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.startup_ms is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self.startup_ms = round((time.perf_counter() - self._started) * 1000)
            self._app.removeEventFilter(self)
            self.painted.emit(self.startup_ms)
        return False


def hold_reads_until_painted(tasks: Any, watcher: FirstPaintWatcher, timeout_ms: int = 500) -> None:
    """Start the tasks ``tasks.hold()`` queued once the window has painted (or after ``timeout_ms``)."""
    watcher.painted.connect(lambda _ms: tasks.release())
    QTimer.singleShot(timeout_ms, tasks.release)
