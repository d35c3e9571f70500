"""The one place that wires database, services and main window together.

``run_app`` starts the desktop app: start-up traps (streams, log file, an excepthook that shows a dialog),
the database (created with the bundled strategy on first run), one window per database, and one running
app per database file. ``--smoke-test`` builds the same window offscreen, visits every page, exports a PDF
and a spreadsheet to a temp folder, prints ``startup_ms=N`` and exits 0, or exits 1 with the reason.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forumdesk import APP_NAME, __version__, frozen
from forumdesk.paths import resolve_db

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from forumdesk.services import Services
    from forumdesk.ui.shell.context import AppContext
    from forumdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
REPORT_STARTUP_ENV = "FORUMDESK_REPORT_STARTUP"  # print startup_ms on a normal start too (benchmarks)


def open_or_create(path: Path) -> None:
    """Create the database with the bundled strategy on first run; first remove killed runs' temp files."""
    from forumdesk.services.admin import clean_leftovers
    from forumdesk.services.setup import create_database

    clean_leftovers(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_database(path)


def start_up_traps(smoke_test: bool) -> Path | None:
    """Streams that accept writes, a log file, a crash log; returns the log's path."""
    frozen.ensure_std_streams()
    if smoke_test:
        frozen.prepare_smoke_test(["--smoke-test"])
    try:
        path = frozen.setup_logging()
        frozen.enable_crash_log(path.parent)
    except OSError:
        return None
    return path


def application() -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from forumdesk.resources import resource_path

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "forumdesk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


class Shell:
    """One database open in one window; switching database closes the old pair and opens a new one."""

    def __init__(self) -> None:
        self.services: Services | None = None
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self._helpers: list[Any] = []
        self._watch = True
        self._safe = False

    def open(self, path: Path, *, watch: bool = True, hold: bool = False, safe: bool = False) -> MainWindow | None:
        """A window on ``path``; ``hold`` queues the pages' first reads until ``ctx.tasks.release()``.

        ``safe`` asks data safety's questions first (a synced folder, a damaged file: ``open_safely``) and
        shows its notice above the pages; None when the user chose not to open the file.
        """
        from forumdesk.ui.shell.context import AppContext
        from forumdesk.ui.shell.main_window import MainWindow

        services, banner = _open_services(path, safe, self.window)
        if services is None:
            return None
        ctx = AppContext(services)
        if hold:
            ctx.tasks.hold()
        window = MainWindow(ctx)
        if banner:
            window.show_banner(banner)
        window.database_switch_requested.connect(self._on_switch_requested)
        self.close()
        self.services, self.ctx, self.window = services, ctx, window
        self._watch, self._safe = watch, safe
        if watch:
            self._helpers = _watchers(ctx, window)
        return window

    def _on_switch_requested(self, path: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        from forumdesk.domain.errors import ForumDeskError

        try:
            open_or_create(Path(path))
            window = self.open(Path(path), watch=self._watch, safe=self._safe)
        except (ForumDeskError, OSError) as error:
            QMessageBox.warning(self.window, APP_NAME, str(error))
            return
        if window is not None:
            window.show()

    def close(self) -> None:
        from PySide6.QtCore import QTimer

        for helper in self._helpers:  # their timers must not fire on a closed connection
            for timer in helper.findChildren(QTimer):
                timer.stop()
            helper.deleteLater()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        if self.ctx is not None:
            self.ctx.close()
        if self.services is not None:
            self.services.close()
        self.services = self.ctx = self.window = None
        self._helpers = []


def _open_services(path: Path, safe: bool, parent: Any) -> tuple[Services | None, str | None]:
    """The services on ``path`` and a notice to show, through ``open_safely`` where asked."""
    from forumdesk.services import open_services
    from forumdesk.ui.shell.safe_open import open_safely

    if safe:
        result = open_safely(path, parent=parent)
        return (None, None) if result is None else (result.services, result.banner)
    return open_services(path), None


def _watchers(ctx: AppContext, window: MainWindow) -> list[Any]:
    """Noticing changes made elsewhere, and automatic backups."""
    from forumdesk.ui.shell.db_watch import BackupScheduler, DatabaseWatcher

    return [DatabaseWatcher(ctx, parent=window), BackupScheduler(ctx, parent=window)]


def _install_error_dialog(app: QApplication) -> None:
    """Uncaught exceptions: logged, then a dialog with the log's path (shown on the GUI thread)."""
    from PySide6.QtCore import QObject, Qt, Signal
    from PySide6.QtWidgets import QMessageBox

    class _Relay(QObject):
        raised = Signal(str, str)

    relay = _Relay(app)

    def show(summary: str, log_path: str) -> None:
        QMessageBox.critical(None, APP_NAME, frozen.error_message(summary, Path(log_path)))

    relay.raised.connect(show, Qt.ConnectionType.QueuedConnection)
    frozen.install_excepthook(lambda summary, path: relay.raised.emit(summary, str(path)))


def run_app(db: str | None, *, smoke_test: bool = False, started: float | None = None) -> int:
    """``started``: the process's start on ``time.perf_counter``'s clock where the kernel cannot tell (the CLI's)."""
    start_up_traps(smoke_test)
    if smoke_test:
        return _smoke_test(db, started)
    path = resolve_db(db)
    open_or_create(path)
    app = application()
    from forumdesk.ui.shell.single_instance import acquire_or_signal

    instance = acquire_or_signal(path)  # the lock on this file, kept while the app runs
    if instance is None:
        return 0  # the app already running on this file was asked to come forward
    _install_error_dialog(app)
    shell = Shell()
    window = shell.open(path, hold=True, safe=True)
    if window is None:
        return 0  # the user chose not to open the file
    instance.activation_requested.connect(lambda: shell.window.bring_to_front() if shell.window else None)
    _report_first_paint(window, started)
    window.show()
    _ask_name_on_first_run(window)
    code = int(app.exec())
    shell.close()
    return code


def _ask_name_on_first_run(window: MainWindow) -> None:
    """No name set yet (a first run): ask which name signs the secretary's updates (issue 15 item 18)."""
    from PySide6.QtCore import QTimer

    from forumdesk.ui.dialogs.your_name import ask_name_if_unset

    QTimer.singleShot(0, lambda: ask_name_if_unset(window))


def _smoke_test(db: str | None, started: float | None = None) -> int:
    from forumdesk.domain.errors import ForumDeskError
    from forumdesk.ui.shell.smoke import run_smoke_test

    path = resolve_db(db)
    try:
        open_or_create(path)
        application()
    except (ForumDeskError, OSError) as error:
        print(f"smoke test failed: {error}", file=sys.stderr)
        return 1
    return run_smoke_test(Shell(), path, started)


def _report_first_paint(window: MainWindow, started: float | None = None) -> None:
    from forumdesk.ui.shell.startup_timer import FirstPaintWatcher, hold_reads_until_painted, process_start_perf

    watcher = FirstPaintWatcher(window, process_start_perf(started))
    hold_reads_until_painted(window.ctx.tasks, watcher)

    def painted(ms: int) -> None:
        log.info("startup_ms=%d", ms)
        if os.environ.get(REPORT_STARTUP_ENV):
            print(f"startup_ms={ms}", flush=True)

    watcher.painted.connect(painted)
