"""Make large trackers for the memory and time checks of an import (not committed: they are big).

``python tests/data/make_large_trackers.py OUTDIR`` writes ``large_20000.xlsx`` (20,000 action rows) and
``large_84mb.csv`` (174,000 rows, about 84 MB), both with the traits of real trackers: a title above the
header, owners written "Name (Agency)", UK text dates, append-mode repeats of some refs, and long updates.
``tests/imports/test_import_memory.py`` uses the same functions at a smaller size in the normal run.
"""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta
from pathlib import Path

NAMES = ["Jan Wójcik", "Ann Lee", "Zoë Adeyemi", "Tom Reid", "Priya Shah", "Kai Webb", "Eve Lamb", "Raj Mehta"]
AGENCIES = ["Basildon Council", "Essex Police", "Essex County Fire and Rescue Service", "NHS Mid and South Essex"]
STATUSES = ["Open", "In progress", "Complete", "On hold"]
HEADER = ["Action Ref", "Action", "Owner", "Date Raised", "Target Date", "Status", "RAG", "Progress"]
SENTENCE = (
    "review the referral pathway with partners and agree the next steps for the hotspot patrol plan and"
    " report back to the board on progress against the community safety strategy priorities"
)
WORDS = SENTENCE.split()


def row(i: int) -> list[str]:
    raised = date(2024, 1, 1) + timedelta(days=i % 700)
    due = raised + timedelta(days=14 + i % 90)
    ref = f"LG-{i % 170_000 + 1:06d}"  # a few refs come back later in the file, as in an append-mode log
    text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(24))
    update = f"{raised:%d/%m/%Y}: " + " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(40))
    owner = f"{NAMES[i % len(NAMES)]} ({AGENCIES[i % len(AGENCIES)]})"
    return [ref, text.capitalize(), owner, f"{raised:%d/%m/%Y}", f"{due:%d/%m/%Y}", STATUSES[i % 4], "", update]


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Large partnership action log"])
        out.writerow(HEADER)
        for i in range(rows):
            out.writerow(row(i))


def write_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Actions")
    ws.append(["Large partnership action log"])
    ws.append(HEADER)
    for i in range(rows):
        ws.append(row(i))
    wb.save(path)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    write_xlsx(out / "large_20000.xlsx", 20_000)
    write_csv(out / "large_84mb.csv", 174_000)
    for path in sorted(out.glob("large_*")):
        print(f"{path.name:20} {path.stat().st_size:>13,} bytes")


if __name__ == "__main__":
    main()
