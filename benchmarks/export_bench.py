"""Export speed against its floors, measured in the same process so the ratios hold on a noisy machine.

- ``bench_pdf_action_log(n)``: the landscape action log PDF of ``n`` actions (built page by page) against ONE
  reportlab ``LongTable`` of the same rows (the same wrapped cell text and table style, row heights left to
  reportlab as a LongTable user would). Target: at most 0.6x.
- ``bench_xlsx(n)``: the XLSX action log (styles, conditional formats, validation, print set-up, history sheet)
  against a bare openpyxl write-only loop appending the same values (prepared before the clock starts).
  Target: within 1.3x.

Both return a dict of CPU seconds of this process (medians of ``runs``). The rows are synthetic actions with
realistic text, made in memory so the figures measure the exporters, not the database.

    .venv/bin/python -m benchmarks.export_bench                 # 10,000 PDF rows, 100,000 XLSX rows
    .venv/bin/python -m benchmarks.export_bench --pdf 2000 --xlsx 10000 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from forumdesk.domain.enums import ActionStatus, Marking
from forumdesk.domain.model import Action, ActionUpdate
from forumdesk.export.info import DocumentInfo

TODAY = date(2026, 11, 25)
PDF_TARGET, XLSX_TARGET = 0.6, 1.3
_WORDS = ("review", "the", "multi-agency", "plan", "for", "town", "centre", "licensing", "CCTV", "coverage",
          "report", "to", "board", "domestic", "abuse", "referrals", "Zoë", "Łukasiewicz", "partners", "&",
          "schools", "night-time", "economy", "<draft>", "funding", "options")
_FORUMS = ("Basildon Community Safety Partnership", "Domestic Abuse Board", "Harlow Local Licensing Committee")
_OWNERS = (("Siobhán O'Brien", "Essex Police"), ("Jürgen Weiß", "Basildon Borough Council"),
           ("Ngozi Adeyemi", "NHS Mid and South Essex"))


def synthetic_actions(n: int, seed: int = 5) -> list[Action]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        owner, org = _OWNERS[i % len(_OWNERS)]
        raised = date(2025, 1, 1) + timedelta(days=i % 600)
        status = rng.choice(list(ActionStatus))
        out.append(Action(
            id=i + 1, ref=f"BCSP/{raised.year % 100}/{i % 1000:03d}", forum_id=1 + i % 3,
            description=" ".join(rng.choices(_WORDS, k=rng.randint(6, 28))).capitalize(), raised_on=raised,
            status=status, forum_name=_FORUMS[i % 3], meeting_date=raised, minute_ref=f"{1 + i % 9}.{i % 4}",
            owner_name=owner, owner_org=org, due_date=raised + timedelta(days=60),
            revised_due_date=raised + timedelta(days=90) if i % 5 == 0 else None,
            closed_on=raised + timedelta(days=70) if not status.is_open else None,
            latest_update=ActionUpdate(i, i + 1, raised + timedelta(days=30),
                                       " ".join(rng.choices(_WORDS, k=rng.randint(4, 16)))),
        ))
    return out


def _info() -> DocumentInfo:
    return DocumentInfo("Action log: benchmark", Marking.OFFICIAL, datetime(2026, 11, 25, 9, 0), "ForumDesk bench")


def _median(fn: Callable[[], None], runs: int) -> float:
    """Median CPU seconds of this process: the exports are single-threaded, and CPU time does not count
    the time other programs on a busy machine take from us (wall-clock ratios swing by 2x under load)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


# -- PDF --------------------------------------------------------------------------------------------------
def bench_pdf_action_log(n: int = 10_000, runs: int = 1) -> dict[str, float]:
    from forumdesk.export.action_log import ActionLogOptions, export_action_log_pdf

    actions = synthetic_actions(n)
    with tempfile.TemporaryDirectory() as folder:
        ours = _median(lambda: export_action_log_pdf(Path(folder) / "log.pdf", actions, _info(),
                                                     ActionLogOptions(TODAY, "Benchmark")), runs)
        floor = _median(lambda: _one_longtable(Path(folder) / "longtable.pdf", actions), runs)
    return {"pdf_action_log": ours, "pdf_one_longtable": floor}


def _one_longtable(target: Path, actions: list[Action]) -> None:
    """The same rows (text wrapped the same way, same style, group headings) as ONE LongTable."""
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from forumdesk.export.action_log import ActionLogOptions, log_columns, log_rows
    from forumdesk.export.columns import RAG_COL
    from forumdesk.export.pdf_base import LANDSCAPE, MARGIN_X
    from forumdesk.export.pdf_tables import PagedTable

    paged = PagedTable(log_columns(), rag_col=RAG_COL)
    data = [["\n".join(h) for h in paged.header]]
    for row in log_rows(actions, ActionLogOptions(TODAY)):
        cells = [row.heading, *[""] * 11] if row.heading else ["\n".join(c) for c in paged._cells(row)]
        data.append(cells)
    table = LongTable(data, colWidths=[c.width for c in paged.columns], repeatRows=1)
    table.setStyle(TableStyle(paged.base_style))
    SimpleDocTemplate(str(target), pagesize=LANDSCAPE, leftMargin=MARGIN_X, rightMargin=MARGIN_X).build([table])


# -- XLSX -------------------------------------------------------------------------------------------------
def bench_xlsx(n: int = 100_000, runs: int = 1) -> dict[str, float]:
    from forumdesk.export.columns import HEADERS, row_values
    from forumdesk.export.xlsx import export_actions_xlsx

    actions = synthetic_actions(n)
    history = [(a, a.latest_update) for a in actions if a.latest_update is not None]
    rows = [list(row_values(a, TODAY)) for a in actions]  # the floor's values, ready before its clock starts
    history_rows = [[a.ref, a.description, u.on, u.text, u.author] for a, u in history]
    with tempfile.TemporaryDirectory() as folder:
        ours = _median(lambda: export_actions_xlsx(Path(folder) / "log.xlsx", actions, _info(), TODAY, history), runs)
        floor = _median(lambda: _bare_write_only(Path(folder) / "bare.xlsx", list(HEADERS), rows, history_rows), runs)
    return {"xlsx_export": ours, "xlsx_bare_write_only": floor}


def _bare_write_only(target: Path, headers: list[str], rows: list[list[object]], history: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Action log")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    ws2 = wb.create_sheet("Update history")
    ws2.append(["Ref", "Action", "Date", "Update", "By"])
    for row in history:
        ws2.append(row)
    wb.save(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf", type=int, default=10_000, help="actions in the PDF run (0 to skip)")
    parser.add_argument("--xlsx", type=int, default=100_000, help="actions in the XLSX run (0 to skip)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    ok = True
    if args.pdf:
        pdf = bench_pdf_action_log(args.pdf, args.runs)
        ratio = pdf["pdf_action_log"] / pdf["pdf_one_longtable"]
        ok &= ratio <= PDF_TARGET
        print(f"PDF  {args.pdf:>7,} actions: {pdf['pdf_action_log']:.2f} s vs one LongTable "
              f"{pdf['pdf_one_longtable']:.2f} s = {ratio:.2f}x (target <= {PDF_TARGET}x)")
    if args.xlsx:
        xlsx = bench_xlsx(args.xlsx, args.runs)
        ratio = xlsx["xlsx_export"] / xlsx["xlsx_bare_write_only"]
        ok &= ratio <= XLSX_TARGET
        print(f"XLSX {args.xlsx:>7,} actions: {xlsx['xlsx_export']:.2f} s vs bare write-only "
              f"{xlsx['xlsx_bare_write_only']:.2f} s = {ratio:.2f}x (target <= {XLSX_TARGET}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
