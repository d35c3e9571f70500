"""The desktop app at county scale: first paint, filter keystroke, sort by due date, resident memory.

Run on a demo database (``forumdesk demo --db X --actions 100000``)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.ui_bench /tmp/demo100k.sqlite

- ``startup_smoke_ms``: ``startup_ms`` printed by ``forumdesk --smoke-test`` (process start to first paint).
- ``startup_normal_ms``: the same figure from a normal ``forumdesk --db X`` start, read from its stdout
  (``FORUMDESK_REPORT_STARTUP=1``), the process then ended; both on the Actions page, the heaviest.
- ``keystroke_ms``: one key typed into the Actions filter box until the table has repainted with the new
  result (the 25 ms debounce, the SQL + FTS5 query off-thread, the model reset and the paint). Median and
  worst of the letters of several words typed one by one.
- ``sort_due_ms``: a click on the Due header until the table has repainted in the new order.
- ``rss_mb``: the app's peak resident memory (VmHWM) after all of that, scrolling to the end included.

The in-process figures run in a child process (``--in-process``) so the memory is the app's own.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("knife", "night", "refer", "exploit")
RUNS = 3


def _env(home: Path, **extra: str) -> dict[str, str]:
    """``child_env`` (offscreen, bytecode cached as an installed app has it) with a throwaway home."""
    from benchmarks.measure import child_env

    return child_env(
        HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"), **extra
    )


def _settings_on_actions(home: Path) -> None:
    """Start on the Actions page (the heaviest) by leaving it as the last page seen."""
    folder = home / "config" / "ForumDesk"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ForumDesk.conf").write_text("[window]\npage=actions\n", encoding="utf-8")


def startup_smoke_ms(db: Path, runs: int = RUNS) -> float:
    """Median ``startup_ms`` of ``forumdesk --smoke-test --db db``."""
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-m", "forumdesk", "--db", str(db), "--smoke-test"],
                cwd=ROOT, env=_env(Path(folder)), capture_output=True, text=True, timeout=300,
            )
            if done.returncode != 0:
                raise RuntimeError(f"smoke test failed: {done.stderr.strip()[-300:]}")
            figures.append(_startup_figure(done.stdout))
    return statistics.median(figures)


def startup_normal_ms(db: Path, runs: int = RUNS) -> float:
    """Median ``startup_ms`` of a normal start on the Actions page, the app then terminated."""
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        _settings_on_actions(home)
        for _ in range(runs):
            proc = subprocess.Popen(
                [sys.executable, "-m", "forumdesk", "--db", str(db)], cwd=ROOT,
                env=_env(home, FORUMDESK_REPORT_STARTUP="1"), stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True,
            )
            try:
                assert proc.stdout is not None
                line = proc.stdout.readline()
            finally:
                proc.terminate()
                proc.wait(timeout=30)
                if proc.stdout is not None:
                    proc.stdout.close()
            figures.append(_startup_figure(line))
    return statistics.median(figures)


def _startup_figure(text: str) -> float:
    for line in text.splitlines():
        if line.startswith("startup_ms="):
            return float(line.split("=", 1)[1])
    raise RuntimeError(f"no startup_ms in {text!r}")


def in_process(db: Path) -> dict[str, float]:
    """Keystroke, sort and memory figures, measured in a child process on its own QApplication."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.ui_bench", "--in-process", str(db)],
            cwd=ROOT, env=_env(Path(folder)), capture_output=True, text=True, timeout=600,
        )
    if done.returncode != 0:
        raise RuntimeError(f"ui bench failed: {done.stderr.strip()[-500:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def measure(db: Path, runs: int = RUNS) -> dict[str, float]:
    """Every figure of this module, for ``make bench``."""
    figures = {"startup_smoke_ms": startup_smoke_ms(db, runs), "startup_normal_ms": startup_normal_ms(db, runs)}
    figures.update(in_process(db))
    return figures


# -- inside the child -------------------------------------------------------------------------------------
def _measure_here(db: Path) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, QPoint, Qt
    from PySide6.QtTest import QTest

    from forumdesk.app import application
    from forumdesk.services import open_services
    from forumdesk.ui.models.action_table import Column
    from forumdesk.ui.shell.context import AppContext
    from forumdesk.ui.shell.main_window import MainWindow

    app = application()
    services = open_services(db)
    ctx = AppContext(services)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    page = window.show_page("actions")
    table, model = page.table, page.model
    state: dict[str, Any] = {"loaded": False, "painted_at": None}

    class PaintSpy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and state["loaded"] and state["painted_at"] is None:
                state["painted_at"] = time.perf_counter()
            return False

    spy = PaintSpy()
    table.viewport().installEventFilter(spy)
    model.loaded.connect(lambda _count: state.update(loaded=True))

    def until_repainted(action: Any, timeout: float = 30.0) -> float:
        state.update(loaded=False, painted_at=None)
        start = time.perf_counter()
        action()
        while state["painted_at"] is None:
            if time.perf_counter() - start > timeout:
                raise RuntimeError("the table did not repaint")
            app.processEvents()
            time.sleep(0.0005)
        return (state["painted_at"] - start) * 1000

    until_repainted(lambda: None)  # the first load (open actions)
    until_repainted(lambda: page.filter_bar.status.setCurrentIndex(0))  # every action, the hardest case
    box = page.filter_bar.text
    keystrokes = []
    for word in WORDS:
        if box.text():
            until_repainted(box.clear)
        for letter in word:
            keystrokes.append(until_repainted(lambda letter=letter: QTest.keyClick(box, letter)))
    until_repainted(box.clear)
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(Column.DUE) + header.sectionSize(Column.DUE) // 2
    point = QPoint(x, header.height() // 2)
    sorts = [until_repainted(lambda: QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point))
             for _ in range(4)]
    for row in (model.rowCount() - 1, model.rowCount() // 2, 0):
        table.scrollTo(model.index(row, 0))
        app.processEvents()
    table.viewport().grab()
    rows = model.rowCount()
    ctx.close()
    return {
        "actions_shown": float(rows),
        "keystroke_ms_median": round(statistics.median(keystrokes), 1),
        "keystroke_ms_max": round(max(keystrokes), 1),
        "sort_due_ms_median": round(statistics.median(sorts), 1),
        "sort_due_ms_max": round(max(sorts), 1),
        "rss_mb": round(_peak_rss_mb(), 1),
    }


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    if argv[:1] == ["--in-process"]:
        print(json.dumps(_measure_here(Path(argv[1]))))
        return 0
    if not argv:
        print("usage: python -m benchmarks.ui_bench DEMO_DB", file=sys.stderr)
        return 2
    for key, value in measure(Path(argv[0])).items():
        print(f"{key}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
