"""Timing helpers shared by the benchmark modules: medians of repeated runs, whole-process timings, peak RSS.

Every figure is the median of at least ``RUNS`` runs. A child process's peak resident memory comes from
``os.wait4`` (Linux reports ``ru_maxrss`` in KiB), so it is the child's own high-water mark, not ours.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RUNS = 3
ROOT = Path(__file__).resolve().parent.parent


def median_seconds(fn: Callable[[], Any], runs: int = RUNS) -> float:
    """The median wall time of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def child_env(**extra: str) -> dict[str, str]:
    """A ForumDesk child's environment: offscreen Qt, UTF-8, bytecode cached, no user database by accident."""
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONUTF8="1")
    # An installed ForumDesk runs from compiled bytecode; keep ours out of the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "bench-results" / "pycache")
    env.pop("FORUMDESK_DB", None)
    env.update(extra)
    return env


def run_measured(
    command: Sequence[str], *, timeout: float = 900, env: dict[str, str] | None = None
) -> ProcessRun:
    """Run ``command``, reaping it with ``os.wait4`` so that its own ``ru_maxrss`` is known."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command), cwd=ROOT, env=env or child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    deadline = start + timeout
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    # Read the pipes on threads (the child may write more than a pipe holds) while polling wait4.
    def drain(stream: Any, into: list[str]) -> None:
        into.append(stream.read())

    readers = [
        threading.Thread(target=drain, args=(proc.stdout, out_chunks), daemon=True),
        threading.Thread(target=drain, args=(proc.stderr, err_chunks), daemon=True),
    ]
    for reader in readers:
        reader.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise subprocess.TimeoutExpired(list(command), timeout)
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(
        seconds, usage.ru_maxrss / 1024, proc.returncode, "".join(out_chunks), "".join(err_chunks)
    )


def forumdesk_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "forumdesk", *args]


def check(run: ProcessRun, what: str) -> ProcessRun:
    if run.returncode != 0:
        tail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{what} exited {run.returncode}: {' | '.join(tail)}")
    return run
