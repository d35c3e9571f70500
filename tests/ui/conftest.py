"""Fixtures for the desktop face: an ``AppContext`` on a real temp database with the clock fixed, and a
main window built on it (shown offscreen, closed and its tasks drained after the test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY


@pytest.fixture
def ui_ctx(qtbot: object, db_path: Path) -> Iterator[object]:
    from forumdesk.services import open_services
    from forumdesk.ui.shell.context import AppContext

    services = open_services(db_path, today=lambda: TODAY)
    ctx = AppContext(services)
    yield ctx
    ctx.close()
    services.close()


@pytest.fixture
def demo_ctx(qtbot: object, demo_copy: Path) -> Iterator[object]:
    from forumdesk.services import open_services
    from forumdesk.ui.shell.context import AppContext

    services = open_services(demo_copy, today=lambda: TODAY)
    ctx = AppContext(services)
    yield ctx
    ctx.close()
    services.close()


def make_window(qtbot: object, ctx: object) -> object:
    from forumdesk.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(1366, 768)
    window.show()
    return window


def close_window(qtbot: Any, window: Any) -> None:
    """Wait until the background tasks have finished and delivered, then close the window before its context
    (and connections) close."""
    import shiboken6

    qtbot.waitUntil(lambda: not window.ctx.tasks.busy(), timeout=30000)
    if shiboken6.isValid(window):  # pytest-qt may have closed (and Qt deleted) it already
        window.close()


@pytest.fixture
def main_window(qtbot: object, ui_ctx: object) -> Iterator[object]:
    window = make_window(qtbot, ui_ctx)
    yield window
    close_window(qtbot, window)


@pytest.fixture
def demo_window(qtbot: object, demo_ctx: object) -> Iterator[object]:
    window = make_window(qtbot, demo_ctx)
    yield window
    close_window(qtbot, window)


@pytest.fixture
def demo(demo_copy: Path) -> Iterator[object]:
    """Services on a copy of the demo, without a window (the dialogs under test get their own context)."""
    from forumdesk.services import open_services

    services = open_services(demo_copy, today=lambda: TODAY)
    yield services
    services.close()


def open_export_dialog(qtbot: Any, services: Any, folder: Path, **kwargs: Any) -> Any:
    """The Export dialog on ``services``, saving into ``folder``, shown once its marking has been read."""
    from forumdesk.ui.dialogs.export_dialog import ExportDialog
    from forumdesk.ui.shell.context import AppContext

    folder.mkdir(exist_ok=True)
    ctx = AppContext(services)
    dialog = ExportDialog(ctx, None, folder=folder, **kwargs)
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: ctx.close())
    dialog.show()
    qtbot.waitUntil(lambda: dialog.marking_note.text() != "", timeout=10_000)
    return dialog

