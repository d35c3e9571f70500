"""The benchmark's figures, targets and report: the machine described, a plain-text table and a Markdown one.

``METRICS`` names every figure the modules return (seconds, or megabytes for ``*_mb``, or a ratio), how to
show it, and the target it must meet at which size (issue 8's table).
"""

from __future__ import annotations

import os
import platform
import sqlite3
import time
from dataclasses import dataclass
from importlib import metadata
from typing import Any

K100, K500 = 100_000, 500_000


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "s", "ms" (shown from seconds), "MB" or "x"
    target: float | None = None  # an upper bound, in the shown unit
    at: int | None = None  # the size the target applies to (None: the largest size measured)
    inclusive: bool = False  # "<=" rather than "<"

    def shown(self, value: float) -> float:
        return value * 1000 if self.unit == "ms" else value

    def text(self, value: float | None) -> str:
        if value is None:
            return "-"
        shown = self.shown(value)
        if self.unit == "ms":
            return f"{shown:.1f} ms" if shown < 10 else f"{shown:.0f} ms"
        if self.unit == "x":
            return f"{shown:.2f}x"
        if self.unit == "MB":
            return f"{shown:.0f} MB"
        return f"{shown:.2f} s"

    def target_text(self) -> str:
        if self.target is None:
            return ""
        bound = "<=" if self.inclusive else "<"
        target = f"{self.target:g}x" if self.unit == "x" else f"{self.target:g} {self.unit}"
        return f"{bound} {target} at {self.at // 1000}k" if self.at else f"{bound} {target}"


METRICS = [
    Metric("demo_build_s", "forumdesk demo --actions N (whole process)", "s", 60, K100),
    Metric("startup_s", "first paint of the main window (Actions page)", "s", 1.0, K100),
    Metric("smoke_startup_s", "  startup_ms printed by --smoke-test", "s"),
    Metric("filter_s", "filter keystroke to repaint (median key)", "ms", 150, K100),
    Metric("filter_worst_s", "  slowest key", "ms"),
    Metric("sort_due_s", "sort by due date to repaint (median click)", "ms", 300, K100),
    Metric("sort_due_worst_s", "  slowest click", "ms"),
    Metric("search_s", "full-text search (slowest of 4 searches)", "ms", 50, K100),
    Metric("dashboard_s", "dashboard load (its queries)", "ms", 200, K100),
    Metric("list_json_s", "list actions --forum F --overdue --json (process)", "s", 1.0, K100),
    Metric("app_rss_mb", "resident memory of the app (peak of the below)", "MB", 250, K100),
    Metric("app_rss_500k_mb", "resident memory of the app (peak of the below)", "MB", 400, K500),
    Metric("ui_rss_mb", "  browsing, filtering, sorting, scrolling", "MB"),
    Metric("smoke_rss_mb", "  --smoke-test: every page, an export", "MB"),
    Metric("stall_rss_mb", "  stall run: browse, filter, export (its child too)", "MB"),
    Metric("xlsx_s", "XLSX export of 100,000 actions", "s"),
    Metric("xlsx_floor_s", "  floor: bare openpyxl write-only loop", "s"),
    Metric("xlsx_ratio", "  XLSX / floor", "x", 1.3, K100, inclusive=True),
    Metric("pdf_s", "PDF action log of 10,000 actions", "s"),
    Metric("pdf_floor_s", "  floor: one plain reportlab LongTable", "s"),
    Metric("pdf_ratio", "  PDF / floor", "x", 0.6, 10_000, inclusive=True),
    Metric("stall_browse_s", "longest GUI-thread stall: browsing", "ms", 100, K500),
    Metric("stall_filter_s", "longest GUI-thread stall: filtering, sorting", "ms", 100, K500),
    Metric("stall_export_s", "longest GUI-thread stall: exporting", "ms", 100, K500),
]
BY_KEY = {m.key: m for m in METRICS}


def verdicts(results: dict[int, dict[str, float]]) -> list[dict[str, Any]]:
    """One entry per target that has a figure: the size, the value shown, the bound, met or not."""
    out = []
    for metric in METRICS:
        if metric.target is None:
            continue
        key = "app_rss_mb" if metric.key == "app_rss_500k_mb" else metric.key
        sizes = [metric.at] if metric.at else sorted(s for s in results if key in results[s])[-1:]
        for size in sizes:
            value = results.get(size, {}).get(key)
            if value is None:
                continue
            shown = metric.shown(value)
            met = shown <= metric.target if metric.inclusive else shown < metric.target
            out.append(
                {"metric": metric.key, "size": size, "value": round(shown, 4), "target": metric.target_text(),
                 "met": met}
            )
    return out


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kib = int(handle.readline().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "os": f"{platform.system()} {platform.release()}",
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": {name: _version(name) for name in ("PySide6-Essentials", "reportlab", "openpyxl", "lxml")},
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    sizes = [int(s) for s in report["sizes"]]
    results = {int(k): v for k, v in report["results"].items()}
    met = {(v["metric"], v["size"]): v["met"] for v in report["verdicts"]}
    headers = ["measure", *(f"{s // 1000:,}k actions" for s in sizes), "target", "met"]
    rows = []
    for metric in METRICS:
        key = "app_rss_mb" if metric.key == "app_rss_500k_mb" else metric.key
        values = [results.get(s, {}).get(key) for s in sizes]
        if metric.key == "app_rss_500k_mb":
            values = [v if s == K500 else None for s, v in zip(sizes, values, strict=True)]
        if all(v is None for v in values):
            continue
        verdict = [met[k] for k in met if k[0] == metric.key]
        mark = "" if not verdict else ("yes" if all(verdict) else "NO")
        rows.append([metric.label, *(metric.text(v) for v in values), metric.target_text(), mark])
    return headers, rows


def describe(report: dict[str, Any]) -> str:
    m = report["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    return (
        f"{m['date']}: {m['os']}, {m['cpu']}, {m['cores']} cores, {m['memory']} RAM, Python {m['python']},"
        f" SQLite {m['sqlite']}; {packages}. Medians of {report['runs']} runs;"
        f" the whole run took {report['seconds_total'] / 60:.1f} min."
    )


def table(report: dict[str, Any]) -> str:
    headers, rows = _rows(report)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))  # noqa: E501, E731
    out = [describe(report), "", line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append("")
    out.append("Every target met." if report["all_targets_met"] else "NOT every target met (or a part failed).")
    return "\n".join(out)


def markdown(report: dict[str, Any]) -> str:
    headers, rows = _rows(report)
    out = [describe(report), "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    indent = lambda text: f"&emsp;{text.strip()}" if text.startswith("  ") else text  # noqa: E731
    out += ["| " + " | ".join([indent(r[0]), *(c.strip() for c in r[1:])]) + " |" for r in rows]
    out.append("")
    out.append("Every target met." if report["all_targets_met"] else "**Not every target met** (or a part failed).")
    return "\n".join(out) + "\n"
