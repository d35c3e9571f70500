"""Timing helpers shared by the benchmark modules: medians of repeated runs, whole-process timings, peak RSS.

Every figure is the median of at least ``RUNS`` runs. A child process's peak resident memory is read from
/proc while it runs (``TreePeak``): its own high-water mark, or its process tree's if that is higher.
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
    """Run ``command`` and time it; ``max_rss_mb`` is the peak of it and its children (``TreePeak``)."""
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
    peak = TreePeak(proc.pid)
    polls = 0
    while True:
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise subprocess.TimeoutExpired(list(command), timeout)
        if polls % 5 == 0:
            peak.sample()
        polls += 1
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(seconds, peak.mb, proc.returncode, "".join(out_chunks), "".join(err_chunks))


class TreePeak:
    """The peak resident memory of a process and its descendants (a big export runs in a child of the app).

    Read from /proc while they run: the process's own high-water mark (VmHWM) and the sum of the tree's
    current VmRSS, whichever is higher. ``ru_maxrss`` from ``wait4`` cannot be used: on Linux it includes
    the RSS of the parent image the child was forked from before its ``exec``.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.kib = 0

    def sample(self) -> None:
        own = _status_kib(self.pid, "VmHWM:")
        tree = sum(_status_kib(p, "VmRSS:") for p in _tree(self.pid))
        self.kib = max(self.kib, own, tree)

    @property
    def mb(self) -> float:
        return self.kib / 1024


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def forumdesk_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "forumdesk", *args]


def check(run: ProcessRun, what: str) -> ProcessRun:
    if run.returncode != 0:
        tail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{what} exited {run.returncode}: {' | '.join(tail)}")
    return run
