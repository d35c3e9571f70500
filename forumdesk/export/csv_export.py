"""The action log as CSV: UTF-8 with a BOM (so Excel reads accents), the same columns as the XLSX.

Dates are dd/mm/yyyy. Values a spreadsheet would run as formulas are neutralised (``text.csv_neutralise``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.model import Action
from forumdesk.export.columns import HEADERS, row_values
from forumdesk.export.files import atomic_output
from forumdesk.export.info import Progress, no_progress
from forumdesk.export.text import csv_neutralise


def csv_row(action: Action, today: date) -> list[str]:
    out = []
    for value in row_values(action, today):
        if isinstance(value, date):
            out.append(format_uk_date(value))
        else:
            out.append(csv_neutralise("" if value is None else str(value)))
    return out


def export_actions_csv(
    target: str | Path, actions: Iterable[Action], today: date, total: int = 0, progress: Progress = no_progress
) -> None:
    with atomic_output(target) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADERS)
        for n, action in enumerate(actions, start=1):
            writer.writerow(csv_row(action, today))
            if n % 5000 == 0:
                progress(n, total)
