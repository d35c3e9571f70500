"""Opening the database for the window, with the questions data safety needs asked first.

1. A cloud-synced or network folder: warn, explain, and open only if the user says so.
2. A damaged file: say so plainly and offer the newest good backup; if accepted, the damaged file is set
   aside (``.damaged-<stamp>``, never deleted) and the backup put in its place.
3. A file that cannot be written: open read-only; ``OpenResult.banner`` is the line to show above pages.

The shell calls ``open_safely(path, parent=window_or_None)`` instead of ``open_services`` and shows
``result.banner`` when it is not None. ``ask`` and ``tell`` are replaced in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from forumdesk.domain.errors import DatabaseDamagedError
from forumdesk.services.recovery import (
    OpenResult,
    damage_report,
    location_warning,
    open_checked,
    recover_from_backup,
)

Ask = Callable[[str, str], bool]
Tell = Callable[[str, str], None]


def _ask_box(parent: QWidget | None) -> Ask:
    def ask(title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    return ask


def _tell_box(parent: QWidget | None) -> Tell:
    def tell(title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    return tell


def open_safely(
    path: str | Path,
    *,
    parent: QWidget | None = None,
    ask: Ask | None = None,
    tell: Tell | None = None,
    today: Callable[[], date] = date.today,
) -> OpenResult | None:
    """The opened database, or None when the user chose not to open it (nothing was changed then)."""
    path = Path(path).expanduser()
    ask = ask or _ask_box(parent)
    tell = tell or _tell_box(parent)
    warning = location_warning(path)
    if warning and not ask("Shared or synced folder", f"{warning}\n\nOpen it anyway?"):
        return None
    try:
        result = open_checked(path, today=today)
    except DatabaseDamagedError as error:
        return _offer_backup(path, error, ask, tell, today)
    if warning:
        result = replace(result, notices=(*result.notices, "This file is in a shared or synced folder"))
    return result


def _offer_backup(
    path: Path, error: DatabaseDamagedError, ask: Ask, tell: Tell, today: Callable[[], date]
) -> OpenResult | None:
    report = damage_report(path, error)
    if report.backup is None:
        tell("Damaged database", report.offer)
        return None
    if not ask("Damaged database", report.offer):
        return None
    aside = recover_from_backup(path, report.backup)
    result = open_checked(path, today=today)
    note = f"Restored the backup of {report.backup.label}; the damaged file was kept as {aside.name}"
    return replace(result, notices=(*result.notices, note))
