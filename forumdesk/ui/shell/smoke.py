"""``forumdesk --smoke-test [--db PATH]``: prove a build works end to end, offscreen, in a few seconds.

Open (or create and migrate) the database, build the main window, wait for its first paint, visit every
page and let each finish loading, export one PDF and one XLSX to a temp folder and check they are real
files, then print ``startup_ms=N`` and exit 0. Any failure exits 1 with one line saying why.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

PAINT_TIMEOUT_S = 20.0
SETTLE_TIMEOUT_S = 60.0


class SmokeTestError(Exception):
    """The reason the smoke test failed, as one line."""


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop until ``condition`` holds; raise ``SmokeTestError`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            raise SmokeTestError(f"timed out waiting for {what}")
        QTimer.singleShot(10, loop.quit)
        loop.exec()


def run_smoke_test(shell: Any, path: Path, started: float | None = None) -> int:
    """Exercise a ``forumdesk.app.Shell`` on the database at ``path`` (created and migrated by the caller).

    ``started``: the process's start where the kernel cannot tell it (``startup_timer.process_start_perf``).
    """
    from forumdesk.domain.errors import ForumDeskError

    errors: list[str] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda t, e, tb: errors.append(f"{t.__name__}: {e}")  # slots that raise
    app = QCoreApplication.instance()
    if app is not None:
        QCoreApplication.setApplicationName(f"{app.applicationName()}-smoke")  # leave the user's settings be
    try:
        startup_ms = _exercise(shell, path, errors, started)
    except (SmokeTestError, ForumDeskError, OSError) as error:
        print(f"smoke test failed: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: the smoke test exists to catch these
        print(f"smoke test failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        shell.close()
        sys.excepthook = previous_hook
    print(f"startup_ms={startup_ms}")
    return 0


def _exercise(shell: Any, path: Path, errors: list[str], started: float | None) -> int:
    from forumdesk.ui.shell.main_window import PAGE_KEYS
    from forumdesk.ui.shell.startup_timer import FirstPaintWatcher, hold_reads_until_painted, process_start_perf

    window = shell.open(path, watch=False, hold=True)
    assert window is not None  # only a "safe" open asks the user, and may be declined
    ctx = window.ctx
    ctx.error_reported.connect(errors.append)
    watcher = FirstPaintWatcher(window, process_start_perf(started))
    hold_reads_until_painted(ctx.tasks, watcher)
    window.show()
    wait_until(lambda: watcher.startup_ms is not None, PAINT_TIMEOUT_S, "the main window's first paint")
    startup_ms = int(watcher.startup_ms or 0)
    for key in PAGE_KEYS:
        page = window.show_page(key)
        wait_until(lambda: not ctx.tasks.busy(), SETTLE_TIMEOUT_S, f"the {key} page to load")
        page.grab()  # paint it, as a user would see it
        if key in window.page_errors:
            raise SmokeTestError(window.page_errors[key])
        if errors:
            raise SmokeTestError(f"the {key} page: {errors[0]}")
    meetings = ctx.services.meetings.meetings()
    if meetings:  # a meeting's own page, reached from the Meetings list
        ctx.navigate("meeting", meeting_id=meetings[-1].id)
        wait_until(lambda: not ctx.tasks.busy(), SETTLE_TIMEOUT_S, "a meeting's page to load")
        window.stack.currentWidget().grab()
        if "meeting" in window.page_errors:
            raise SmokeTestError(window.page_errors["meeting"])
        if errors:
            raise SmokeTestError(f"the meeting page: {errors[0]}")
    with tempfile.TemporaryDirectory(prefix="forumdesk-smoke-") as folder:
        _export(ctx.services, Path(folder))
    return startup_ms


def _export(services: Any, folder: Path) -> None:
    """One PDF and one XLSX action log through the export service, checked to be real files.

    The smallest forum's log keeps this quick on a county-sized file; an empty file exports an empty log.
    """
    from forumdesk.domain.queries import ActionQuery
    from forumdesk.services.exports import ExportFormat

    exporter = services.exports
    query = ActionQuery()  # no actions at all: an empty log
    sizes = [(services.actions.count(ActionQuery(forum_ids=(f.id,))), f.id) for f in services.forums.forums()]
    sizes = [pair for pair in sizes if pair[0]]
    if sizes:
        query = ActionQuery(forum_ids=(min(sizes)[1],))
    for fmt in (ExportFormat.PDF, ExportFormat.XLSX):
        result = exporter.export_actions(query, fmt, folder / f"actions.{fmt.value}")
        _check_file(Path(result.path))


def _check_file(path: Path) -> None:
    magic = {".pdf": b"%PDF", ".xlsx": b"PK"}
    if not path.exists() or path.stat().st_size == 0:
        raise SmokeTestError(f"the export {path.name} was not written")
    expected = magic.get(path.suffix.lower())
    if expected and not path.read_bytes().startswith(expected):
        raise SmokeTestError(f"the export {path.name} is not a real {path.suffix} file")
