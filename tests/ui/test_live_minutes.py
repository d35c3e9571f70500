"""Live minutes in the meeting room, driven by the keyboard only (pytest-qt, offscreen).

A 6-item meeting from start to finish: attendance, notes, 3 actions, 1 decision, close, export; the PDF's
text is read back. And the notes survive the app being killed (SIGKILL) while they are typed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from forumdesk.domain.enums import MeetingStatus, MinutesStatus, QuorumKind
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.services import Services, open_services
from forumdesk.ui.meeting.live_minutes import LiveMinutesWindow
from forumdesk.ui.shell.context import AppContext
from tests.conftest import TODAY

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)
START = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)


@dataclass
class Room:
    services: Services
    ctx: AppContext
    meeting_id: int


def plan_room(services: Services, *, with_history: bool = False) -> int:
    """A forum whose quorum is 3 agencies; four members of three agencies; today's meeting and the next one."""
    forum_id = services.forums.create("Testshire CSP", quorum_kind=QuorumKind.AGENCIES, quorum_count=3).value
    for name, org in [
        ("Ann Archer", "Essex Police"),
        ("Ben Baker", "Testshire Council"),
        ("Cara Cole", "NHS Essex"),
        ("Dev Dale", "Essex Police"),
    ]:
        person_id = services.directory.add_person(name, org).value
        services.forums.add_member(forum_id, person_id)
    services.directory.add_person("Zoe Zane", "NHS Essex")
    meeting_id = services.cycle.plan_meeting(forum_id, START, venue="Civic Centre").value
    services.cycle.plan_meeting(forum_id, START + timedelta(weeks=8))
    if with_history:  # an earlier meeting left an action open: a matter arising today
        previous = services.cycle.plan_meeting(forum_id, START - timedelta(weeks=6)).value
        item = services.cycle.items(previous)[3].id
        services.room.raise_action(previous, item, "Review CCTV coverage", "Dev Dale", "4 weeks")
        services.cycle.close(previous)
    return meeting_id


@pytest.fixture
def room(db_path: Path, qtbot: QtBot) -> Iterator[Room]:
    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services, with_history=True)
    ctx = AppContext(services)
    yield Room(services, ctx, meeting_id)
    ctx.close()
    services.close()


def focused() -> QWidget:
    """Where a key goes: an open popup (the completer's list) grabs the keyboard, else the focus widget."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # the completer's popup, offscreen
def test_a_six_item_meeting_start_to_finish_by_keyboard(room: Room, qtbot: QtBot, tmp_path: Path) -> None:
    window = LiveMinutesWindow(room.ctx, room.meeting_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes)
    assert window.agenda_model.rowCount() == 6

    # attendance: Ann present, Ben present, Cara sends Zoe as her deputy, Dev apologies, a guest
    key(Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: window.dialog is not None and QApplication.focusWidget() is window.dialog.panel.table)
    panel = window.dialog.panel
    assert [line.name for line in panel.model.records()] == ["Ann Archer", "Ben Baker", "Cara Cole", "Dev Dale"]
    for k in (Qt.Key.Key_P, Qt.Key.Key_P):  # P marks present and moves on to the next person
        key(k)
    qtbot.waitUntil(lambda: panel.quorum_label.text() == "Not quorate: 2 agencies represented, 3 needed")
    key(Qt.Key.Key_D)
    assert focused() is panel.prompt
    type_text("Zoe")
    qtbot.waitUntil(panel._people.popup().isVisible)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)  # takes the completion
    assert panel.prompt.text() == "Zoe Zane"
    key(Qt.Key.Key_Return)  # records the deputy
    qtbot.waitUntil(lambda: panel.quorum_label.text() == "Quorate: 3 agencies represented, 3 needed")
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_A)
    key(Qt.Key.Key_G)
    type_text("Gus Guest")
    key(Qt.Key.Key_Return)
    type_text("Victim Support")
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(panel.model.records()) == 6)
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dialog is None and QApplication.focusWidget() is window.notes)
    assert window.quorum_label.text() == "Quorate: 3 agencies represented, 3 needed"

    notes = [
        "The chair welcomed members and noted apologies.",
        "No declarations of interest were made.",
        "The minutes of the last meeting were agreed.",
        "The action log was reviewed line by line.",
        "Members raised the summer knife crime campaign.",
        "The next meeting will be held at the Civic Centre.",
    ]
    for number, text in enumerate(notes, start=1):
        assert window.title_label.text().startswith(f"{number}  ")
        assert window.timer_label.text().startswith("Time on this item 00:")  # a timer per item, from zero
        assert window.item_seconds(window.current_id or 0) < 60
        type_text(text)
        if number == 3:
            key(Qt.Key.Key_D, CTRL)
            wait_dialog(qtbot, window)
            type_text("The minutes were agreed as a correct record.")
            key(Qt.Key.Key_Return)
            wait_notes(qtbot, window)
        if number == 4:  # the action log review: the open action of the last meeting, its update given in place
            assert window.matters.isVisible() and window.matters.model.rowCount() == 1
            key(Qt.Key.Key_M, CTRL)
            key(Qt.Key.Key_U)
            type_text("CCTV review under way")
            key(Qt.Key.Key_Return)
            qtbot.waitUntil(
                lambda: "CCTV review under way" in window.matters.model.data(window.matters.model.index(0, 3))
            )
            key(Qt.Key.Key_M, CTRL)
            assert focused() is window.notes
        if number in (4, 5):
            for text_, owner, due in _actions_for(number):
                capture_action(qtbot, window, text_, owner, due)
        if number < 6:
            key(Qt.Key.Key_Down, ALT)

    qtbot.waitUntil(lambda: window.captured_model.rowCount() == 0)  # item 6 has none of its own
    key(Qt.Key.Key_C, CTRL | SHIFT)
    wait_dialog(qtbot, window)
    key(Qt.Key.Key_Return)
    with qtbot.waitSignal(window.meeting_closed, timeout=5000):
        pass
    meeting = room.services.cycle.meeting(room.meeting_id)
    assert (meeting.status, meeting.minutes_status) == (MeetingStatus.HELD, MinutesStatus.DRAFT)

    target = tmp_path / "minutes.pdf"
    key(Qt.Key.Key_E, CTRL | SHIFT)
    wait_dialog(qtbot, window)
    key(Qt.Key.Key_A, CTRL)
    type_text(str(target))
    with qtbot.waitSignal(window.minutes_exported, timeout=10000):
        key(Qt.Key.Key_Return)

    actions = room.services.actions.list(ActionQuery(meeting_id=room.meeting_id, sort=ActionSort.REF))
    assert [(a.description, a.owner_name, a.owner_org) for a in actions] == [
        ("Share the hot-spot map", "Ann Archer", "Essex Police"),
        ("Fund the schools programme", "", "Testshire Council"),
        ("Brief the safer streets team", "Zoe Zane", "NHS Essex"),
    ]
    assert [a.due_date for a in actions] == [
        TODAY + timedelta(weeks=2),
        (START + timedelta(weeks=8)).date(),
        datetime(2026, 12, 31).date(),
    ]
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    for expected in [
        *notes,
        "The minutes were agreed as a correct record.",
        "Share the hot-spot map",
        "Fund the schools programme",
        "Brief the safer streets team",
        "Ann Archer",
        "Zoe Zane",
        "Gus Guest",
        "Dev Dale",
        "The meeting was quorate",
        "DRAFT",
        actions[0].ref,
        "31/12/2026",
        "Matters arising",
        "Review CCTV coverage",
        "CCTV review under way",
    ]:
        assert expected in text, f"{expected!r} is not in the minutes"
    assert [i.notes for i in room.services.cycle.items(room.meeting_id)] == notes


def _actions_for(number: int) -> list[tuple[str, str, str]]:
    if number == 4:
        return [("Share the hot-spot map", "Ann Archer (Essex Police)", "2 weeks")]
    return [
        ("Fund the schools programme", "Testshire Council", "next meeting"),
        ("Brief the safer streets team", "Zoe Zane (NHS Essex)", "31/12/2026"),
    ]


def wait_dialog(qtbot: QtBot, window: LiveMinutesWindow) -> None:
    """Until the dialog just opened has the keyboard (activation is asynchronous)."""
    qtbot.waitUntil(lambda: window.dialog is not None and focused().window() is window.dialog)


def wait_notes(qtbot: QtBot, window: LiveMinutesWindow) -> None:
    """Until the dialog has closed and the keyboard is back in the notes."""
    qtbot.waitUntil(lambda: window.dialog is None and QApplication.focusWidget() is window.notes)


def capture_action(qtbot: QtBot, window: LiveMinutesWindow, text: str, owner: str, due: str) -> None:
    key(Qt.Key.Key_A, CTRL | SHIFT)
    wait_dialog(qtbot, window)
    dialog = window.dialog
    type_text(text)
    key(Qt.Key.Key_Tab)
    type_text(owner[:6])  # the completion offers the matching members and agencies
    popup = dialog.owner.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    choice = next(r for r in range(popup.model().rowCount()) if popup.model().index(r, 0).data() == owner)
    for _ in range(choice + 1):
        key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)
    assert dialog.owner.text() == owner
    key(Qt.Key.Key_Tab)
    assert focused() is dialog.due
    type_text(due)
    count = window.captured_model.rowCount()
    key(Qt.Key.Key_Return)
    wait_notes(qtbot, window)
    qtbot.waitUntil(lambda: window.captured_model.rowCount() == count + 1)
    assert window.error_label.text() == ""


# -- nothing typed more than a second before a crash is lost --------------------------------------------------
CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from forumdesk.services import open_services
    from forumdesk.ui.shell.context import AppContext
    from forumdesk.ui.meeting.live_minutes import LiveMinutesWindow

    app = QApplication([])
    ctx = AppContext(open_services(sys.argv[1], create=False))
    window = LiveMinutesWindow(ctx, int(sys.argv[2]))
    window.show()
    text = sys.argv[3]
    typed = 0

    def type_one():
        global typed
        QTest.keyClick(window.notes, text[typed])
        typed += 1
        print(f"{time.time():.3f} {typed}", flush=True)

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(15)
    app.exec()
    """
)
TYPED = "the quick brown fox jumps over the lazy dog " * 40


def test_notes_typed_more_than_a_second_before_a_kill_are_saved(db_path: Path, tmp_path: Path) -> None:
    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    first_item = services.cycle.items(meeting_id)[0].id
    services.close()
    script = tmp_path / "type_notes.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, str(script), str(db_path), str(meeting_id), TYPED],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    progress: list[tuple[float, int]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            stamp, count = line.split()
            progress.append((float(stamp), int(count)))
            if progress[-1][0] - progress[0][0] >= 2.5:
                break
        os.kill(child.pid, signal.SIGKILL)
        killed_at = time.time()
    finally:
        child.kill()
        child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert len(progress) > 50, "the child did not get going"
    must_have = max(count for stamp, count in progress if stamp <= killed_at - 1.0)
    after = open_services(db_path, create=False, today=lambda: TODAY)
    try:
        saved = next(i.notes for i in after.cycle.items(meeting_id) if i.id == first_item)
    finally:
        after.close()
    assert TYPED.startswith(saved)
    assert len(saved) >= must_have, f"{must_have - len(saved)} characters typed over a second before the kill were lost"


def test_a_failed_save_keeps_the_notes_unsaved_and_locked_minutes_are_read_only(room: Room, qtbot: QtBot) -> None:
    window = LiveMinutesWindow(room.ctx, room.meeting_id)
    qtbot.addWidget(window)
    item_id = window.current_id
    assert item_id is not None
    room.services.cycle.close(room.meeting_id)
    room.services.cycle.agree(room.meeting_id, "")  # locked behind the window's back
    with qtbot.waitSignal(room.ctx.status_message, timeout=5000) as message:
        QTest.keyClicks(window.notes, "late words")
    assert "agreed as a correct record" in message.args[0]
    qtbot.waitUntil(lambda: window.autosave.pending == 0)
    assert item_id in window.autosave.unsaved() and window.save_label.text() == "Not saved: see the message"
    assert room.services.cycle.items(room.meeting_id)[0].notes == ""
    again = LiveMinutesWindow(room.ctx, room.meeting_id)
    qtbot.addWidget(again)
    assert again.notes.isReadOnly() and again.save_label.text() == "These minutes are agreed and locked"
