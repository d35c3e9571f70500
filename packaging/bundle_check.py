"""``forumdesk-cli --check-bundle``: prove, inside a frozen build, that every library ForumDesk needs works.

Only the frozen entry point knows this flag. Each check uses its library the way ForumDesk does (a PDF with
the bundled TrueType fonts, an XLSX read back, an iCalendar event in Europe/London, XML parsed safely, a
SQLite table through sqlite-utils, the data folder from platformdirs) and prints one line; the exit code is
the number of failures. Lazily imported modules, missing data files and missing shared libraries all show
up here rather than on a secretary's laptop.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any


def _pdf(folder: Path) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from forumdesk.resources import resource_path

    fonts = sorted(resource_path("fonts").glob("*.ttf"), key=lambda f: (len(f.name), f.name))
    font = fonts[0] if fonts else None
    name = "Helvetica"
    if font is not None:
        pdfmetrics.registerFont(TTFont("BundleCheck", str(font)))
        name = "BundleCheck"
    path = folder / "check.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(name, 12)
    canvas.drawString(72, 720, "Forum minutes £ € – 25/11/2026")
    canvas.setFont("Helvetica-Bold", 12)  # one of reportlab's own standard fonts
    canvas.drawString(72, 700, "Actions")
    canvas.save()
    return f"{path.stat().st_size} bytes, font {font.name if font else name}"


def _xlsx(folder: Path) -> str:
    import lxml.etree
    import openpyxl

    path = folder / "check.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(["Ref", "Due"])
    sheet.append(["A-1", datetime(2026, 11, 25)])
    book.save(path)
    rows = list(openpyxl.load_workbook(path, read_only=True)["Actions"].values)
    assert rows[1][0] == "A-1", rows
    return f"{len(rows)} rows read back, lxml {lxml.etree.LXML_VERSION}"


def _ical(folder: Path) -> str:
    from zoneinfo import ZoneInfo

    import icalendar

    event = icalendar.Event()
    event.add("summary", "Forum meeting")
    event.add("dtstart", datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London")))
    calendar = icalendar.Calendar()
    calendar.add_component(event)
    data = calendar.to_ical()
    back = icalendar.Calendar.from_ical(data)
    return f"{len(data)} bytes, {len(back.walk('VEVENT'))} event"


def _xml(folder: Path) -> str:
    import defusedxml.ElementTree

    root = defusedxml.ElementTree.parse(io.StringIO("<forum><name>Chelmsford</name></forum>")).getroot()
    return f"parsed <{root.tag}>"


def _sqlite(folder: Path) -> str:
    import sqlite_utils

    db = sqlite_utils.Database(folder / "check.sqlite")
    db["actions"].insert_all([{"id": 1, "text": "Ring the council"}], pk="id")
    fts = db.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0]
    count = db["actions"].count
    db.close()
    return f"{count} row, FTS5 {'yes' if fts else 'no'}"


def _data_folder(folder: Path) -> str:
    from forumdesk.paths import user_data_dir

    return str(user_data_dir())


def _child(send: Any) -> None:
    import sys

    send.send(f"child {sys.argv[0].rsplit('/', 1)[-1]} ok")
    send.close()


def _spawned_child(folder: Path) -> str:
    """Big exports run in a spawned child process; a frozen one needs ``multiprocessing.freeze_support``."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send,), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(60):
            raise TimeoutError("the child process did not answer within 60 s")
        answer = str(receive.recv())
    finally:
        child.join(10)
        if child.is_alive():
            child.terminate()
    return f"{answer}, exit code {child.exitcode}"


CHECKS: dict[str, Callable[[Path], str]] = {
    "reportlab PDF": _pdf,
    "openpyxl XLSX": _xlsx,
    "icalendar": _ical,
    "defusedxml": _xml,
    "sqlite-utils": _sqlite,
    "platformdirs": _data_folder,
    "multiprocessing (spawn)": _spawned_child,
}


def run() -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="forumdesk-check-") as temp:
        for label, check in CHECKS.items():
            try:
                print(f"ok   {label}: {check(Path(temp))}")
            except Exception as error:  # report every failure, not just the first
                failures += 1
                print(f"FAIL {label}: {type(error).__name__}: {error}")
    return failures
