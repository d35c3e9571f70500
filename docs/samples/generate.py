"""Regenerate the export samples shown in the README: ``.venv/bin/python docs/samples/generate.py``.

Builds the demo database (fixed date 25/11/2026), exports each document through the same services as the
CLI, and renders page 1 of each PDF to PNG with ``pdftoppm -png -r 60 -f 1 -l 1`` (poppler-utils). The XLSX
action log and the Word minutes (``minutes-docx``) are printed to PDF by LibreOffice first
(``soffice --headless --convert-to pdf``), as a user would print them, when LibreOffice is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from forumdesk.domain.enums import MeetingStatus, MinutesStatus  # noqa: E402
from forumdesk.domain.queries import ActionQuery, ActionSort  # noqa: E402
from forumdesk.services import open_services  # noqa: E402
from forumdesk.services.demo import build_demo  # noqa: E402
from forumdesk.services.exports import ExportFormat  # noqa: E402
from forumdesk.services.setup import create_database  # noqa: E402

TODAY = date(2026, 11, 25)


def main() -> None:
    work = Path(tempfile.mkdtemp())
    db = work / "demo.sqlite"
    create_database(db)
    services = open_services(db, today=lambda: TODAY)
    services.exports.now = lambda: datetime(2026, 11, 25, 14, 5)
    build_demo(services, actions=600, seed=7)
    forum = services.forums.find("Basildon Community Safety Partnership")
    meetings = services.meetings.meetings(forum.id)
    draft = [m for m in meetings if m.status is MeetingStatus.HELD and m.minutes_status is not MinutesStatus.AGREED]
    held = draft[-1] if draft else [m for m in meetings if m.status is MeetingStatus.HELD][-1]
    planned = next(m for m in meetings if m.status is MeetingStatus.PLANNED)
    owner = services.actions.list(ActionQuery(forum_ids=(forum.id,), open_only=True))[0].owner_id
    exports = services.exports
    query = ActionQuery(forum_ids=(forum.id,), sort=ActionSort.REF)
    pdfs = {
        "action-log": lambda p: exports.export_actions(query, ExportFormat.PDF, p, scope=forum.name),
        "minutes": lambda p: exports.export_minutes(held.id, p),
        "board-pack": lambda p: exports.export_board_pack(planned.id, p),
        "chase-list": lambda p: exports.export_owner(owner, ExportFormat.PDF, p),
    }
    if shutil.which("soffice"):
        pdfs["action-log-xlsx"] = lambda p: _print_with_libreoffice(
            exports.export_actions(query, ExportFormat.XLSX, p.with_suffix(".xlsx")).path, p
        )
        pdfs["minutes-docx"] = lambda p: _print_with_libreoffice(
            exports.export_minutes(held.id, p.with_suffix(".docx"), fmt=ExportFormat.DOCX).path, p
        )
    for name, export in pdfs.items():
        pdf = work / f"{name}.pdf"
        export(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(work / name)],
                       check=True)
        page = next(work.glob(f"{name}-*1.png"))
        shutil.copy(page, HERE / f"{name}.png")
        print(f"{HERE / name}.png")
    services.close()
    shutil.rmtree(work)


def _print_with_libreoffice(document: Path, pdf: Path) -> None:
    """LibreOffice prints the workbook (both sheets) or the Word document to ``pdf``."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{pdf.parent / 'lo-profile'}", "--headless", "--convert-to",
         "pdf", "--outdir", str(pdf.parent), str(document)],
        check=True, capture_output=True, timeout=300,
    )
    document.with_suffix(".pdf").replace(pdf)


if __name__ == "__main__":
    main()
