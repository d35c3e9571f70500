"""Start-up traps of a frozen (PyInstaller) windowed build, handled before anything else runs.

- A windowed build has no console: ``sys.stdout`` and ``sys.stderr`` are ``None`` and the first ``print`` or
  warning would raise. stdout goes to ``os.devnull``; stderr is turned into log lines.
- Logs go to a rotating file in the user data folder (``<user_data_dir>/logs/forumdesk.log``), so a secretary
  can send it when something goes wrong; hard crashes (segfaults in Qt) go to ``crash.log`` beside it.
- Uncaught exceptions are logged and handed to a callback: the GUI passes one that shows a dialog with the
  log path. This module never imports Qt; the callback may be called from any thread.
- ``--smoke-test`` on a Linux machine without a display switches Qt to the offscreen platform.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, MutableMapping, Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from forumdesk import __version__

LOG_FILE = "forumdesk.log"
CRASH_FILE = "crash.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ErrorCallback = Callable[[str, Path], None]
"""Called with a one-line summary of an uncaught exception and the log file's path."""

log = logging.getLogger(__name__)
_state: dict[str, Any] = {"log_path": None, "crash_file": None}


def is_frozen() -> bool:
    """True inside a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))


def log_dir() -> Path:
    from forumdesk.paths import user_data_dir

    return user_data_dir() / "logs"


def current_log_path() -> Path | None:
    """The file ``setup_logging`` writes to, or None before it ran."""
    path = _state["log_path"]
    return path if isinstance(path, Path) else None


class LogWriter(io.TextIOBase):
    """A text stream that turns what is written into log records, one per line."""

    def __init__(self, logger: logging.Logger, level: int) -> None:
        super().__init__()
        self._logger = logger
        self._level = level
        self._pending = ""
        self._busy = threading.local()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if getattr(self._busy, "on", False):  # logging itself wrote to stderr: drop it, never recurse
            return len(text)
        self._busy.on = True
        try:
            lines = (self._pending + text).split("\n")
            self._pending = lines.pop()
            for line in lines:
                if line.strip():
                    self._logger.log(self._level, line.rstrip())
        finally:
            self._busy.on = False
        return len(text)

    def flush(self) -> None:
        if self._pending.strip():
            pending, self._pending = self._pending, ""
            self.write(pending + "\n")


def ensure_std_streams() -> None:
    """Give a windowed build a stdout and stderr that accept writes, and never fail on a character."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = LogWriter(logging.getLogger("forumdesk.stderr"), logging.WARNING)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a Windows console in cp1252 must not crash on "→" in a message
            reconfigure(errors="backslashreplace")


def _writable_log_dir(directory: Path | None) -> Path:
    wanted = directory if directory is not None else log_dir()
    try:
        wanted.mkdir(parents=True, exist_ok=True)
        return wanted
    except OSError:  # a locked-down profile: logs in the temp folder beat no logs
        fallback = Path(tempfile.gettempdir()) / "ForumDesk-logs"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def setup_logging(directory: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to ``<directory>/forumdesk.log`` (rotating, 1 MB x 4) and return its path; safe to call twice."""
    path = _writable_log_dir(directory) / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    _state["log_path"] = path
    return path


def enable_crash_log(directory: Path) -> Path:
    """Python's fault handler writes the stack of a hard crash (a Qt segfault) to ``crash.log``."""
    path = directory / CRASH_FILE
    current = _state["crash_file"]
    if current is not None and not current.closed and current.name == str(path):
        return path  # already on: the frozen entry point and the app both ask
    crash_file = path.open("a", encoding="utf-8")
    faulthandler.enable(file=crash_file)
    _state["crash_file"] = crash_file  # must stay open for as long as the process runs
    return path


def error_summary(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """One line for a dialog: the exception's type and message."""
    message = str(exc) if exc is not None else ""
    return f"{exc_type.__name__}: {message}" if message else exc_type.__name__


def error_message(summary: str, log_path: Path | None) -> str:
    """The text of the dialog the GUI shows for an uncaught exception."""
    where = f"\n\nThe details are in {log_path}; please send that file with your report." if log_path else ""
    return f"ForumDesk hit a problem it did not expect:\n{summary}{where}"


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def install_excepthook(on_error: ErrorCallback | None = None) -> ExceptHook:
    """Log every uncaught exception (any thread) and pass a summary and the log path to ``on_error``.

    Returns the previous ``sys.excepthook`` so a caller (or a test) can put it back.
    """
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
        if on_error is not None:
            try:
                on_error(error_summary(exc_type, exc), current_log_path() or log_dir() / LOG_FILE)
            except Exception:
                log.exception("The error callback failed")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return previous


def prepare_smoke_test(
    argv: Sequence[str], environ: MutableMapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """For ``--smoke-test`` on Linux with no display, select Qt's offscreen platform; True when it did."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if "--smoke-test" not in argv or not platform.startswith("linux") or "QT_QPA_PLATFORM" in env:
        return False
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return False
    env["QT_QPA_PLATFORM"] = "offscreen"
    return True


def start(argv: Sequence[str], on_error: ErrorCallback | None = None) -> Path:
    """Everything the frozen entry point does before ``forumdesk.cli.main``; returns the log path."""
    ensure_std_streams()
    path = setup_logging()
    enable_crash_log(path.parent)
    install_excepthook(on_error)
    offscreen = prepare_smoke_test(argv)
    log.info(
        "ForumDesk %s starting (frozen=%s, platform=%s%s)",
        __version__,
        is_frozen(),
        sys.platform,
        ", offscreen for the smoke test" if offscreen else "",
    )
    return path
