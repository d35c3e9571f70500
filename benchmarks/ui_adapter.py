"""Calls the desktop engineer's ``benchmarks.ui_bench`` and names its figures as the report does.

``ui_bench.in_process`` is one app session (keystrokes and sorts each a median of many); it is run
``runs`` times here and every figure is the median of those sessions. First paint is ``startup_normal_ms``
(a normal start on the Actions page, the heaviest); the app's resident memory is the highest of the
sessions' peak (browsing, filtering, sorting, scrolling to the end) and ``--smoke-test``'s (every page,
an export), which ``db_bench`` measures.
"""

from __future__ import annotations

import statistics
from pathlib import Path


def measure(db: Path, runs: int) -> dict[str, float]:
    from benchmarks import ui_bench

    sessions = [ui_bench.in_process(db) for _ in range(runs)]

    def median(key: str) -> float:
        return statistics.median(s[key] for s in sessions)

    return {
        "startup_s": ui_bench.startup_normal_ms(db, runs) / 1000,
        "filter_s": median("keystroke_ms_median") / 1000,
        "filter_worst_s": median("keystroke_ms_max") / 1000,
        "sort_due_s": median("sort_due_ms_median") / 1000,
        "sort_due_worst_s": median("sort_due_ms_max") / 1000,
        "ui_rss_mb": median("rss_mb"),
    }
