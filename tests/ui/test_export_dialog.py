"""The Export dialog driven with pytest-qt: export off the GUI thread, marking confirmation, cancel, open folder."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from forumdesk.domain.enums import Marking, MeetingStatus
from forumdesk.domain.patches import ForumPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.exports import ExportService
from forumdesk.ui.dialogs.export_dialog import ExportDialog
from tests.ui.conftest import open_export_dialog as _dialog

FORUM = "Basildon Community Safety Partnership"


def _export(qtbot: Any, dialog: ExportDialog, expect: str = "Saved") -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith((expect, "Not exported", "Cancelled")), timeout=30_000)
    assert dialog.status.text().startswith(expect), dialog.status.text()


def test_action_log_export_and_open_folder(
    qtbot: Any, demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forum = demo.forums.find(FORUM)
    dialog = _dialog(qtbot, demo, tmp_path / "out", query=ActionQuery(forum_ids=(forum.id,), open_only=True))
    # minutes and board packs are offered from anywhere, of a meeting chosen in the dialog (issue 15 item 12)
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == [
        "actions", "minutes", "board-pack", "agenda", "calendar"
    ]
    assert dialog.forum.currentText() == FORUM and dialog.open_only.isChecked()
    assert dialog.destination.text().endswith(".xlsx") and Path(dialog.destination.text()).parent == tmp_path / "out"
    _export(qtbot, dialog)
    target = Path(dialog.destination.text())
    ws = load_workbook(target)["Action log"]
    assert ws.max_row - 1 == demo.actions.count(ActionQuery(forum_ids=(forum.id,), open_only=True))
    opened: list[QUrl] = []
    monkeypatch.setattr(
        "forumdesk.ui.dialogs.export_dialog.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    assert dialog.open_folder.isVisible()
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "out")]
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.destination.text().endswith(".pdf") and not dialog.group.isHidden()
    dialog.close()


def test_lowering_the_marking_asks_first(
    qtbot: Any, demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forum = demo.forums.find(FORUM)
    demo.forums.update(forum.id, ForumPatch(marking=Marking.OFFICIAL_SENSITIVE))
    dialog = _dialog(qtbot, demo, tmp_path / "out", query=ActionQuery(forum_ids=(forum.id,)))
    assert dialog.marking.currentData() == Marking.OFFICIAL_SENSITIVE.value
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.marking.setCurrentIndex(dialog.marking.findData(Marking.OFFICIAL.value))
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Not exported: the marking was not lowered."
    assert not Path(dialog.destination.text()).exists()
    answers.append(QMessageBox.StandardButton.Yes)
    _export(qtbot, dialog)
    assert dialog.last_result is not None and dialog.last_result.marking is Marking.OFFICIAL
    dialog.close()


def test_cancel_stops_the_export_and_writes_nothing(
    qtbot: Any, demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_export(self: ExportService, query: ActionQuery, fmt: Any, target: Any, **kwargs: Any) -> Any:
        for done in range(500):  # the dialog's progress callback raises once Cancel is pressed
            kwargs["progress"](done, 500)
            time.sleep(0.01)
        raise AssertionError("the export was not cancelled")

    monkeypatch.setattr(ExportService, "export_actions", slow_export)
    dialog = _dialog(qtbot, demo, tmp_path / "out")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 500, timeout=10_000)
    assert dialog.close_button.text() == "Cancel"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Cancelled"), timeout=10_000)
    assert dialog.status.text() == "Cancelled: nothing was written."
    assert list((tmp_path / "out").iterdir()) == [] and dialog.close_button.text() == "Close"
    dialog.close()


def test_meeting_exports(qtbot: Any, demo: Services, tmp_path: Path) -> None:
    forum = demo.forums.find(FORUM)
    held = [m for m in demo.meetings.meetings(forum.id) if m.status is MeetingStatus.HELD][-1]
    dialog = _dialog(qtbot, demo, tmp_path / "out", meeting_id=held.id, kind="minutes")
    assert dialog.current_kind == "minutes" and dialog.filters.isHidden()
    _export(qtbot, dialog)
    assert Path(dialog.destination.text()).read_bytes().startswith(b"%PDF")
    dialog.kind.setCurrentIndex(dialog.kind.findData("board-pack"))
    _export(qtbot, dialog)
    assert "Board pack" in Path(dialog.destination.text()).name
    dialog.close()
