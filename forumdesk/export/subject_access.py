"""A subject access report as JSON or CSV: the file a member of the public receives.

The CSV follows the action log's rule (``text.csv_neutralise``): a value a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading ``'``, so every cell opens as text. JSON
values are strings in a data format: nothing in them is run.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import asdict
from pathlib import Path

from forumdesk.domain.privacy import SubjectAccessReport
from forumdesk.export.files import atomic_output
from forumdesk.export.text import csv_neutralise

CSV_COLUMNS = ["kind", "record_id", "when", "where", "text"]


def export_subject_access(target: Path, report: SubjectAccessReport, fmt: str) -> None:
    """Write the report to ``target`` as ``fmt`` ("json" or "csv"), temp file first."""
    with atomic_output(target) as temp, temp.open("w", encoding="utf-8", newline="") as handle:
        if fmt == "json":
            payload = {
                "person": asdict(report.person),
                "generated_at": report.generated_at.isoformat(timespec="seconds"),
                "records": [asdict(r) for r in report.records],
            }
            json.dump(payload, handle, ensure_ascii=False, indent=1)
        else:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            for record in report.records:
                writer.writerow({k: csv_neutralise(str(v)) for k, v in asdict(record).items()})
        handle.flush()
        os.fsync(handle.fileno())
