"""Calls the desktop engineer's ``benchmarks.ui_bench`` and names its figures as the report does."""

from __future__ import annotations

from pathlib import Path


def measure(db: Path, runs: int) -> dict[str, float]:
    from benchmarks import ui_bench  # noqa: F401

    raise NotImplementedError("ui_bench has not landed yet")
