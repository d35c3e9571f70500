"""``make bench``: build demo databases of 10,000, 100,000 and 500,000 actions once each, measure, report.

Every figure is the median of at least three runs; the export floors (a bare openpyxl write-only loop, one
plain reportlab LongTable) are measured in the same run as the exports, so their ratios hold on a noisy
machine. Prints one table, writes bench-results/latest.json and bench-results/latest.md, and exits 1 when
a target is missed or a measurement failed.

    python -m benchmarks.run                      # everything (about 10 minutes on 2 cores)
    python -m benchmarks.run --sizes 10000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import db_bench
from benchmarks.measure import ROOT, RUNS
from benchmarks.report import machine, markdown, table, verdicts

SIZES = (10_000, 100_000, 500_000)
RESULTS = ROOT / "bench-results"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    runs = max(args.runs, 3) if not args.allow_fewer_runs else max(args.runs, 1)
    folder = Path(args.db_dir) if args.db_dir else Path(tempfile.mkdtemp(prefix="forumdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[int, dict[str, float]] = {}
    errors: list[str] = []
    try:
        for size in sizes:
            results[size] = measure_size(folder, size, runs, args, errors)
    finally:
        if not args.db_dir:
            shutil.rmtree(folder, ignore_errors=True)
    report = {
        "machine": machine(),
        "runs": runs,
        "sizes": list(sizes),
        "seconds_total": round(time.perf_counter() - started, 1),
        "results": {str(size): figures for size, figures in results.items()},
        "verdicts": verdicts(results),
        "errors": errors,
    }
    report["all_targets_met"] = not errors and all(v["met"] for v in report["verdicts"])
    _write(report)
    print(table(report))
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    return 0 if report["all_targets_met"] else 1


def measure_size(folder: Path, size: int, runs: int, args: argparse.Namespace, errors: list[str]) -> dict[str, float]:
    """Every figure for one size; a failing part is recorded and the rest still measured."""
    figures: dict[str, float] = {}
    db = folder / f"demo-{size}.db"
    if args.reuse and db.exists():
        _log(f"{size:,} actions: reusing {db}")
    else:
        build_runs = runs if size <= args.build_runs_upto else 1
        _log(f"{size:,} actions: building the demo database ({build_runs} run(s))")
        db, figures["demo_build_s"] = db_bench.build_demo(folder, size, build_runs)
    parts: list[tuple[str, Callable[[], dict[str, float]]]] = [
        ("db", lambda: db_bench.measure(db, runs)),
        ("ui", lambda: _ui(db, runs)),
        ("export", lambda: _export(db, size, runs)),
    ]
    if size >= args.stall_from:
        parts.append(("stalls", lambda: _stalls(db, runs)))
    for name, part in parts:
        _log(f"{size:,} actions: {name}")
        try:
            figures.update(part())
        except Exception as error:  # one broken part must not hide the others' figures
            errors.append(f"{size:,} {name}: {type(error).__name__}: {error}")
            traceback.print_exc()
    peaks = [figures[k] for k in ("ui_rss_mb", "smoke_rss_mb", "stall_rss_mb") if k in figures]
    if peaks:
        figures["app_rss_mb"] = max(peaks)
    return figures


def _ui(db: Path, runs: int) -> dict[str, float]:
    from benchmarks import ui_adapter

    return ui_adapter.measure(db, runs)


def _export(db: Path, size: int, runs: int) -> dict[str, float]:
    from benchmarks import export_adapter

    return export_adapter.measure(db, size, runs)


def _stalls(db: Path, runs: int) -> dict[str, float]:
    from benchmarks import stall_bench

    return stall_bench.measure_in_child(db, runs)


def _write(report: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "latest.md").write_text(markdown(report), encoding="utf-8")
    _log(f"wrote {RESULTS / 'latest.json'} and latest.md")


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated action counts")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per figure (at least 3)")
    parser.add_argument("--allow-fewer-runs", action="store_true", help="let --runs go below 3 (development)")
    parser.add_argument(
        "--build-runs-upto", type=int, default=10**9,
        help="time the demo build --runs times up to this size, once above it (default: every size)",
    )
    parser.add_argument("--stall-from", type=int, default=500_000, help="measure GUI stalls from this size")
    parser.add_argument("--db-dir", help="keep the demo databases in this folder (default: a temp folder)")
    parser.add_argument("--reuse", action="store_true", help="with --db-dir: reuse databases already built")
    return parser


if __name__ == "__main__":
    sys.exit(main())
