"""Papers: how much the database file grows, and how long each step takes, for one large paper.

Attaches a paper of four incompressible images (about 12 MB), removes it, undoes, redoes and undoes again,
printing the file's size after each step (checkpointed), then exports the meeting's board pack.

    .venv/bin/python -m benchmarks.papers_bench
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from forumdesk.services import open_services
from forumdesk.services.setup import create_database


def big_paper(path: Path, pages: int = 4) -> Path:
    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.drawImage(ImageReader(Image.frombytes("RGB", (900, 900), os.urandom(900 * 900 * 3))), 50, 100, 500, 500)
        c.showPage()
    c.save()
    return path


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="papers-bench-"))
    db = folder / "bench.sqlite"
    create_database(db)
    paper = big_paper(folder / "big.pdf")
    print(f"paper {paper.stat().st_size / 1e6:.2f} MB")
    with open_services(db) as s:
        forum = s.forums.create("Bench CSP").value
        meeting = s.cycle.plan_meeting(forum, datetime(2026, 12, 8, 10)).value

        def size() -> float:
            s.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the -wal folded in: the file's own size
            return os.path.getsize(db) / 1e6

        print(f"empty file {size():.2f} MB")
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("attach", lambda: s.papers.add(meeting, "1", paper)), ("remove", lambda: s.papers.remove(1)),
            ("undo", s.history.undo), ("redo", s.history.redo), ("undo", s.history.undo),
        ]
        for label, work in steps:
            start = time.perf_counter()
            work()
            print(f"{label:7} {time.perf_counter() - start:5.2f} s   file {size():6.2f} MB")
        start = time.perf_counter()
        s.exports.export_board_pack(meeting, folder / "pack.pdf")
        pack_mb = (folder / "pack.pdf").stat().st_size / 1e6
        print(f"pack    {time.perf_counter() - start:5.2f} s   pack {pack_mb:.2f} MB")


if __name__ == "__main__":
    main()
