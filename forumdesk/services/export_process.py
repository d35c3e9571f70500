"""Big exports in a child process, so that the desktop app never freezes while one runs.

An export is Python from end to end (openpyxl, reportlab). On a worker thread of the GUI process it holds
the GIL nearly all the time, and every call from Qt into Python on the GUI thread (each model ``data()``,
each paint) queues for it: while a county's action log was exported the window stopped answering for
100-800 ms at a time (benchmarks/stall_bench.py). In a child process the export has its own interpreter;
the calling thread only waits on a pipe, which holds no lock.

``export_in_process(services, "export_actions", args, kwargs, progress)`` calls that method of
``ExportService`` in a child (its own connection to the same file) and returns its ``ExportResult``.
Progress comes back over the pipe. When ``progress`` raises (the user cancelled), the child is told to stop
and does so at its next progress point, where the exporter removes its temp file: nothing is left behind.
Errors come back as themselves.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forumdesk.domain.errors import StoreError

if TYPE_CHECKING:
    from forumdesk.services.exports import ExportResult

Progress = Callable[[int, int], None]
# Below this many actions an export takes about a second: a child process (~0.5 s to start) is not worth it.
IN_PROCESS_FROM = 2_000
POLL_S = 0.05
CANCEL_WAIT_S = 10.0  # for the child to stop cleanly after a cancel, before it is killed


def export_in_process(services: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                      progress: Progress) -> Any:
    """``services.exports.<method>(*args, progress=..., **kwargs)`` run in a child process."""
    context = multiprocessing.get_context("spawn")  # never fork a process that has Qt threads running
    receive, send = context.Pipe(duplex=False)
    cancel = context.Event()
    child = context.Process(
        target=_child, args=(str(services.path), services.today(), method, args, kwargs, send, cancel), daemon=True
    )
    child.start()
    send.close()
    try:
        return _wait(child, receive, progress)
    except BaseException:
        # Ask the child to stop at its next progress point: the exporter then removes its temp file itself.
        cancel.set()
        child.join(CANCEL_WAIT_S)
        raise
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receive.close()


def _wait(child: Any, receive: Connection, progress: Progress) -> Any:
    while True:
        if receive.poll(POLL_S):
            try:
                message = receive.recv()
            except EOFError:
                message = None
            if message is None:
                raise StoreError(f"the export stopped unexpectedly (exit code {child.exitcode})")
            kind, *payload = message
            if kind == "progress":
                progress(*payload)  # raises to cancel
            elif kind == "done":
                return payload[0]
            else:
                raise payload[0]
        elif not child.is_alive() and not receive.poll(0):
            raise StoreError(f"the export stopped unexpectedly (exit code {child.exitcode})")


def _child(path: str, today: date, method: str, args: tuple[Any, ...], kwargs: dict[str, Any],
           send: Connection, cancel: Any) -> None:
    from forumdesk.export.info import ExportCancelled
    from forumdesk.services import open_services

    def progress(done: int, total: int) -> None:
        if cancel.is_set():
            raise ExportCancelled()
        send.send(("progress", done, total))

    services = open_services(Path(path), create=False, today=lambda: today)
    try:
        send.send(("done", getattr(services.exports, method)(*args, progress=progress, **kwargs)))
    except BaseException as error:  # sent back whole, raised in the parent
        try:
            send.send(("error", error))
        except Exception:  # an error that cannot be pickled (or the parent has gone): its message
            with contextlib.suppress(Exception):
                send.send(("error", StoreError(f"the export failed: {error}")))
    finally:
        services.close()
        send.close()


def export_actions(
    services: Any, query: Any, fmt: Any, target: Path, progress: Progress, **options: Any
) -> ExportResult:
    """The action log as the desktop app exports it: a big one in a child process, a small one right here."""
    if services.actions.count(query) >= IN_PROCESS_FROM:
        result: ExportResult = export_in_process(services, "export_actions", (query, fmt, target), options, progress)
        return result
    done: ExportResult = services.exports.export_actions(query, fmt, target, progress=progress, **options)
    return done
