"""The one place that wires database, services and main window together."""

from __future__ import annotations

import sys
from pathlib import Path

from forumdesk.paths import resolve_db


def open_or_create(path: Path) -> None:
    """Create the database with the bundled strategy on first run."""
    from forumdesk.commands.setup import create_database

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_database(path)


def run_app(db: str | None, *, smoke_test: bool = False) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from forumdesk.services import open_services

    path = resolve_db(db)
    open_or_create(path)
    services = open_services(path)
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle(f"ForumDesk — {path.name}")
    window.setCentralWidget(QLabel(f"{services.strategy.name()}: {len(services.strategy.aims())} aims"))
    window.resize(1024, 700)
    window.show()
    if smoke_test:
        return 0
    return int(app.exec())
