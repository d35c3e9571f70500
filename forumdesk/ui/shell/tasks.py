"""Work off the GUI thread: ``TaskRunner.read(...)`` on a pool, ``TaskRunner.write(...)`` on one serial lane.

A task is a function of a ``Services`` made for the worker's own thread (one connection per thread, never
shared); its result or its error comes back to the GUI thread by signal. No ``processEvents()`` loops.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from forumdesk.services import Services

T = TypeVar("T")

log = logging.getLogger(__name__)

# WORKAROUND: the GIL's convoy effect (https://github.com/python/cpython/issues/52194). While a worker runs
# Python (an export), each call from Qt into Python on the GUI thread (every model ``data()``, every paint)
# may wait a whole switch interval (5 ms by default) for the GIL: one repaint of the actions table took
# 110-355 ms instead of 21 ms. At 1 ms it takes ~27 ms (measured by benchmarks/stall_bench.py).
GIL_SWITCH_INTERVAL_S = 0.001


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, runner: TaskRunner, fn: Callable[..., Any], signals: _Signals, with_progress: bool) -> None:
        super().__init__()
        self._runner = runner
        self._fn = fn
        self._signals = signals
        self._with_progress = with_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            services = self._runner.thread_services()
            result = self._fn(services, self._signals.progress.emit) if self._with_progress else self._fn(services)
        except BaseException as error:  # reported to the GUI thread, which decides what the user sees
            self._emit(self._signals.failed, error)
        else:
            self._emit(self._signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the receiver went away (window closed, app quitting): nobody to tell
            log.debug("a task finished after its receiver was deleted")


class TaskRunner(QObject):
    """Runs functions of ``Services`` on worker threads; each worker thread keeps its own connection."""

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > GIL_SWITCH_INTERVAL_S:
            sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)  # see GIL_SWITCH_INTERVAL_S
        self._services = services
        self._by_thread: dict[int, Services] = {}
        self._opened: list[Services] = []
        self._lock = threading.Lock()
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)  # one serial lane: writes never race each other
        for pool in (self._reads, self._writes):
            # Threads live as long as the runner: each holds its own connection, opened once, closed in close().
            pool.setExpiryTimeout(-1)
        self._pending: set[_Signals] = set()
        self._held: list[tuple[QThreadPool, _Task]] | None = None

    def thread_services(self) -> Services:
        # Keyed by the OS thread, not threading.local(): a pool thread is not a Python thread, and its
        # Python thread state (with any threading.local) can be made afresh for every task it runs.
        key = threading.get_ident()
        with self._lock:
            services = self._by_thread.get(key)
        if services is None:
            services = self._services.for_thread()
            with self._lock:
                self._by_thread[key] = services
                self._opened.append(services)
        return services

    def read(
        self,
        fn: Callable[[Services], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._start(self._reads, fn, on_done, on_error, None)

    def write(
        self,
        fn: Callable[..., T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """``fn(services)`` or, with ``on_progress``, ``fn(services, progress(done, total))``."""
        self._start(self._writes, fn, on_done, on_error, on_progress)

    def _start(
        self,
        pool: QThreadPool,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        signals = _Signals()
        self._pending.add(signals)

        def finish() -> None:
            self._pending.discard(signals)

        read = pool is self._reads

        def done(result: object) -> None:
            finish()
            if on_done is not None and _receiver_alive(on_done, held_too=read):
                on_done(result)

        def failed(error: BaseException) -> None:
            finish()
            alive = on_error is not None and _receiver_alive(on_error, held_too=read)
            (on_error if alive and on_error is not None else _log_error)(error)

        signals.done.connect(done)
        signals.failed.connect(failed)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        task = _Task(self, fn, signals, on_progress is not None)
        if self._held is not None:
            self._held.append((pool, task))
        else:
            pool.start(task)

    def hold(self) -> None:
        """Queue new tasks instead of starting them (until ``release``): at start-up the window's first
        paint should not share the interpreter with the pages' first reads."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        held, self._held = self._held or [], None
        for pool, task in held:
            pool.start(task)

    def busy(self) -> bool:
        """True while a task runs or its result has not yet been delivered to the GUI thread."""
        return bool(self._pending)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for running tasks (shutdown and tests)."""
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)

    def close(self) -> None:
        self.release()
        self.wait()
        with self._lock:
            for services in self._opened:
                services.close()
            self._opened.clear()
            self._by_thread.clear()


def _receiver_alive(callback: Callable[..., Any], *, held_too: bool) -> bool:
    """False when the callback belongs to a widget or model Qt has deleted meanwhile (a read's result arriving
    after its page or window closed): there is nobody to show it to. "Belongs" is a bound method's object and,
    with ``held_too`` (reads), any QObject a lambda or ``functools.partial`` holds (``lambda ids:
    self._on_ids(generation, ids)``). A write's callback is not judged by what it holds: it announces the
    changes made, which must go out even when the dialog that asked for the write has closed."""
    while held_too and isinstance(callback, functools.partial):
        callback = callback.func
    held = [getattr(callback, "__self__", None)]
    for cell in (getattr(callback, "__closure__", None) or ()) if held_too else ():
        try:
            held.append(cell.cell_contents)
        except ValueError:  # a cell not yet filled
            continue
    return all(shiboken6.isValid(obj) for obj in held if isinstance(obj, QObject))


def _log_error(error: BaseException) -> None:
    log.error("background task failed", exc_info=error)
