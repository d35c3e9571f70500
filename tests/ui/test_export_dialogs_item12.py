"""Issue 15 item 12, driven by keyboard: a same-named file is replaced only when the user says Yes (No is the
default, so Enter keeps it), the minutes' export (the one Export dialog, as a meeting page opens it) has a
Browse button, and an owner filter is named in the dialog, the suggested file name and the PDF's title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from forumdesk.domain.enums import MeetingStatus
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.ui.dialogs.export_dialog import ExportDialog
from tests.ui.conftest import open_export_dialog as _export_dialog

OLD = b"the secretary's own file"


def _answer_box(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton, seen: list[str]) -> None:
    """The next question is answered ``answer``; its text is recorded and No must be its default button."""

    def question(parent: Any, title: str, text: str, buttons: Any, default: Any) -> QMessageBox.StandardButton:
        assert default == QMessageBox.StandardButton.No
        seen.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)


def test_export_dialog_asks_before_replacing_a_same_named_file(
    qtbot: Any, demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _export_dialog(qtbot, demo, tmp_path / "out")
    target = Path(dialog.destination.text())
    target.write_bytes(OLD)
    seen: list[str] = []
    _answer_box(monkeypatch, QMessageBox.StandardButton.No, seen)  # No
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)  # Enter in the dialog presses Export
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not exported"), timeout=10_000)
    assert seen == [f"{target.name} already exists in {target.parent}. Replace it?"]
    assert dialog.status.text() == "Not exported: the existing file was kept."
    assert target.read_bytes() == OLD

    _answer_box(monkeypatch, QMessageBox.StandardButton.Yes, seen)  # Yes
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=30_000)
    assert len(seen) == 2
    assert load_workbook(target)["Action log"].max_row - 1 == demo.actions.count(ActionQuery())
    dialog.close()


def test_owner_filter_is_named_in_dialog_file_name_and_pdf(qtbot: Any, demo: Services, tmp_path: Path) -> None:
    owner_id = next(a.owner_id for a in demo.actions.list(ActionQuery()) if a.owner_id is not None)
    name = demo.directory.person(owner_id).name
    dialog = _export_dialog(qtbot, demo, tmp_path / "out", query=ActionQuery(owner_id=owner_id))
    assert dialog.owner_note.isVisible() and dialog.owner_note.text() == f"Only actions owned by {name}"
    assert name in Path(dialog.destination.text()).name
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # XLSX -> PDF, by keyboard
    assert dialog.destination.text().endswith(".pdf")
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.text().startswith(("Saved", "Not exported")), timeout=30_000)
    assert dialog.status.text().startswith("Saved"), dialog.status.text()
    first = " ".join(PdfReader(Path(dialog.destination.text())).pages[0].extract_text().split())
    assert f"only actions owned by {name}" in first
    dialog.close()


def _minutes_dialog(qtbot: Any, services: Services, folder: Path) -> ExportDialog:
    """The one Export dialog as a meeting page opens it: on a held meeting's minutes, the file name focused."""
    held = [m for m in services.meetings.meetings() if m.status is MeetingStatus.HELD][-1]
    dialog = _export_dialog(qtbot, services, folder, meeting_id=held.id, kind="minutes")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.destination.hasFocus)
    return dialog


def test_minutes_export_has_a_browse_button(
    qtbot: Any, demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "chosen" / "Minutes June"
    chosen.parent.mkdir()
    asked: list[str] = []

    def save_name(parent: Any, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    dialog = _minutes_dialog(qtbot, demo, tmp_path / "out")
    suggested = dialog.destination.text()
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Tab)  # the next stop after the file name is Browse…
    assert dialog.focusWidget() is dialog.browse and dialog.browse.text() == "&Browse…"
    qtbot.keyClick(dialog.browse, Qt.Key.Key_Space)
    assert asked == [suggested]
    assert dialog.destination.text() == f"{chosen}.pdf"
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.text().startswith(("Saved", "Not exported")), timeout=30_000)
    assert dialog.status.text().startswith("Saved"), dialog.status.text()
    assert Path(f"{chosen}.pdf").read_bytes().startswith(b"%PDF")
    dialog.close()


def test_minutes_export_asks_before_replacing_a_same_named_file(
    qtbot: Any, demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _minutes_dialog(qtbot, demo, tmp_path / "out")
    target = tmp_path / "Minutes.pdf"
    target.write_bytes(OLD)
    qtbot.keyClick(dialog.destination, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.destination, str(target))
    seen: list[str] = []
    _answer_box(monkeypatch, QMessageBox.StandardButton.No, seen)  # No
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not exported"), timeout=5000)
    assert seen == [f"Minutes.pdf already exists in {tmp_path}. Replace it?"]
    assert dialog.status.text() == "Not exported: the existing file was kept."
    assert dialog.isVisible() and target.read_bytes() == OLD
    _answer_box(monkeypatch, QMessageBox.StandardButton.Yes, seen)  # Yes
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    assert len(seen) == 2 and target.read_bytes().startswith(b"%PDF")
    dialog.close()
