"""Calls the export engineer's ``benchmarks.export_bench``: the exporters against their floors, same run.

Its rows are made in memory, so the figures do not depend on the database: the PDF action log of 10,000
actions is measured with the 10,000 database, the XLSX of 100,000 with the 100,000 one, each with its
floor (one plain reportlab LongTable; a bare openpyxl write-only loop) timed in the same process.
"""

from __future__ import annotations

from pathlib import Path

PDF_ROWS = 10_000
XLSX_ROWS = 100_000


def measure(db: Path, size: int, runs: int) -> dict[str, float]:
    from benchmarks import export_bench

    figures: dict[str, float] = {}
    if size == PDF_ROWS:
        pdf = export_bench.bench_pdf_action_log(PDF_ROWS, runs)
        figures.update(
            pdf_s=pdf["pdf_action_log"], pdf_floor_s=pdf["pdf_one_longtable"],
            pdf_ratio=pdf["pdf_action_log"] / pdf["pdf_one_longtable"],
        )
    if size == XLSX_ROWS:
        xlsx = export_bench.bench_xlsx(XLSX_ROWS, runs)
        figures.update(
            xlsx_s=xlsx["xlsx_export"], xlsx_floor_s=xlsx["xlsx_bare_write_only"],
            xlsx_ratio=xlsx["xlsx_export"] / xlsx["xlsx_bare_write_only"],
        )
    return figures
