"""Issue 16: the Export dialog offers the minutes as Word (.docx) and the agenda (PDF or Word), driven by
keyboard; the file is written off the GUI thread and reads back in python-docx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from PySide6.QtCore import Qt

from forumdesk.domain.enums import MeetingStatus
from forumdesk.services import Services
from forumdesk.ui.dialogs.export_dialog import ExportDialog
from tests.ui.conftest import open_export_dialog as _dialog

FORUM = "Basildon Community Safety Partnership"


def _saved(qtbot: Any, dialog: ExportDialog) -> Path:
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)  # Enter in the dialog presses Export
    qtbot.waitUntil(lambda: dialog.status.text().startswith(("Saved", "Not exported")), timeout=30_000)
    assert dialog.status.text().startswith("Saved"), dialog.status.text()
    return Path(dialog.destination.text())


def test_minutes_as_word_and_the_agenda_by_keyboard(qtbot: Any, demo: Services, tmp_path: Path) -> None:
    forum = demo.forums.find(FORUM)
    held = [m for m in demo.meetings.meetings(forum.id) if m.status is MeetingStatus.HELD][-1]
    dialog = _dialog(qtbot, demo, tmp_path / "out", meeting_id=held.id, kind="minutes")
    assert [dialog.format.itemText(i) for i in range(dialog.format.count())] == ["PDF (.pdf)", "Word (.docx)"]
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # PDF -> Word
    assert dialog.destination.text().endswith(".docx")
    minutes = docx.Document(str(_saved(qtbot, dialog)))
    assert minutes.paragraphs[0].text == FORUM
    assert f"{held.starts_at:%d/%m/%Y}" in minutes.paragraphs[1].text
    assert minutes.sections[0].header.paragraphs[0].text == "OFFICIAL"

    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # Minutes -> Board pack
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # -> Agenda
    assert dialog.current_kind == "agenda" and not dialog.meeting.isHidden()
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["pdf", "docx"]
    assert dialog.destination.text().endswith(".pdf") and "Agenda" in Path(dialog.destination.text()).name
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)
    agenda = docx.Document(str(_saved(qtbot, dialog)))
    titles = {i.title for i in demo.meetings.items(held.id)}
    text = "\n".join(c.text for t in agenda.tables for r in t.rows for c in r.cells)
    assert titles and all(t in text for t in titles)
    assert "items, marked OFFICIAL" in dialog.status.text()
    dialog.close()
