"""Issue 15 item 12: a meeting's minutes and board pack can be exported from outside its page, with the one
Export dialog (File > Export…, Ctrl+E): the document and the meeting are chosen in the dialog, and on the
Meetings page the meeting chosen in the list comes preselected. Driven by keyboard; the PDFs are read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.enums import MeetingStatus
from forumdesk.ui.dialogs.export_dialog import ExportDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has the keyboard, as a person would press it."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def _type(qtbot: Any, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def _open_export(qtbot: Any, window: Any) -> ExportDialog:
    _press(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "open_dialog", None), ExportDialog))
    dialog: ExportDialog = window.open_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.marking_note.text() != "", timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.kind)  # "What to export" comes first
    return dialog


def _export_to(qtbot: Any, dialog: ExportDialog, target: Path) -> str:
    """Alt+S to the file name, type it, Enter exports; the PDF's text, read back."""
    _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.destination
    _press(qtbot, Qt.Key.Key_A, CTRL)
    _type(qtbot, str(target))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        _press(qtbot, Qt.Key.Key_Return)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)


def test_minutes_and_board_pack_from_file_export_on_the_dashboard(
    qtbot: Any, demo_window: Any, tmp_path: Path
) -> None:
    _press(qtbot, Qt.Key.Key_1, CTRL)
    assert demo_window.current_key() == "dashboard"
    held = sorted(
        (m for m in demo_window.ctx.services.meetings.meetings() if m.status is MeetingStatus.HELD),
        key=lambda m: m.starts_at,
    )
    dialog = _open_export(qtbot, demo_window)
    assert dialog.meeting.isHidden()  # an action log needs no meeting
    _press(qtbot, Qt.Key.Key_Down)  # Action log -> Minutes
    assert dialog.current_kind == "minutes" and not dialog.meeting.isHidden()
    assert dialog.chosen_meeting() == held[-1]  # the latest meeting held comes preselected
    _press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Mee&ting
    assert QApplication.focusWidget() is dialog.meeting
    _press(qtbot, Qt.Key.Key_Down)  # the one held before it
    meeting = dialog.chosen_meeting()
    assert meeting is not None and meeting.starts_at < held[-1].starts_at
    day = format_uk_date(meeting.starts_at.date())
    assert dialog.destination.text().endswith(".pdf") and meeting.forum_name in Path(dialog.destination.text()).name

    minutes = _export_to(qtbot, dialog, tmp_path / "minutes.pdf")
    assert dialog.status.text().startswith("Saved minutes.pdf")
    assert meeting.forum_name in minutes and day in minutes
    items = demo_window.ctx.services.meetings.items(meeting.id)
    assert items and all(" ".join(i.title.split()) in minutes for i in items)

    _press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # &What
    _press(qtbot, Qt.Key.Key_Down)  # Minutes -> Board pack, of the same meeting
    assert dialog.current_kind == "board-pack" and dialog.chosen_meeting() == meeting
    pack = _export_to(qtbot, dialog, tmp_path / "pack.pdf")
    assert dialog.status.text().startswith("Saved pack.pdf")
    assert f"{meeting.forum_name}: board pack for {day}" in pack
    _press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_meetings_pages_chosen_meeting_is_preselected(qtbot: Any, demo_window: Any, tmp_path: Path) -> None:
    _press(qtbot, Qt.Key.Key_3, CTRL)
    page = demo_window.pages["meetings"]
    assert demo_window.current_key() == "meetings"
    _press(qtbot, Qt.Key.Key_F, CTRL)  # the forum filter, then Tab past "Show" and "Plan meeting" to the list
    for _ in range(3):
        _press(qtbot, Qt.Key.Key_Tab)
    assert page.tree.hasFocus()
    _press(qtbot, Qt.Key.Key_Down)  # into the first month
    _press(qtbot, Qt.Key.Key_Right)  # open it
    _press(qtbot, Qt.Key.Key_Down)  # its first meeting
    chosen = page.meeting_id()
    assert chosen is not None
    meeting = demo_window.ctx.services.meetings.meeting(chosen)

    dialog = _open_export(qtbot, demo_window)
    _press(qtbot, Qt.Key.Key_Down)  # Action log -> Minutes
    assert dialog.current_kind == "minutes" and dialog.chosen_meeting() == meeting
    minutes = _export_to(qtbot, dialog, tmp_path / "chosen.pdf")
    assert meeting.forum_name in minutes and format_uk_date(meeting.starts_at.date()) in minutes
    _press(qtbot, Qt.Key.Key_Escape)
