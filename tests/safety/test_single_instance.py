"""One app instance per database file: a second launch signals the first; a killed app's lock is reclaimed."""

from __future__ import annotations

import signal
from pathlib import Path

from pytestqt.qtbot import QtBot

from forumdesk.ui.shell.single_instance import acquire_or_signal, instance_key
from tests.safety.helpers import popen

SECOND_LAUNCH = """
import sys
from PySide6.QtCore import QCoreApplication
from forumdesk.ui.shell.single_instance import acquire_or_signal
app = QCoreApplication([])
instance = acquire_or_signal(sys.argv[1])
print("second" if instance is None else "first", flush=True)
sys.exit(0 if instance is None else 3)
"""

HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QCoreApplication
from forumdesk.ui.shell.single_instance import acquire_or_signal
app = QCoreApplication([])
instance = acquire_or_signal(sys.argv[1])
print("locked" if instance is not None else "refused", flush=True)
time.sleep(60)
"""


def test_the_key_is_the_same_for_every_spelling_of_a_path(tmp_path: Path, monkeypatch: object) -> None:
    (tmp_path / "sub").mkdir()
    assert instance_key(tmp_path / "sub" / ".." / "f.sqlite") == instance_key(tmp_path / "f.sqlite")
    assert instance_key(tmp_path / "f.sqlite") != instance_key(tmp_path / "g.sqlite")


def test_a_second_launch_raises_the_first_and_exits_0(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "forum.sqlite"
    first = acquire_or_signal(db)
    assert first is not None and first.listening
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=10000):
            second = popen(SECOND_LAUNCH, str(db))
        out, err = second.communicate(timeout=30)
        assert second.returncode == 0, err
        assert out.strip() == "second"
    finally:
        first.release()


def test_another_database_is_another_instance(qtbot: QtBot, tmp_path: Path) -> None:
    first = acquire_or_signal(tmp_path / "a.sqlite")
    other = acquire_or_signal(tmp_path / "b.sqlite")
    try:
        assert first is not None and other is not None
    finally:
        for held in (first, other):
            if held is not None:
                held.release()


def test_a_lock_left_by_a_killed_app_is_reclaimed(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "forum.sqlite"
    holder = popen(HOLD_LOCK, str(db))
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    holder.stdout.close()
    assert holder.stderr is not None
    holder.stderr.close()
    reclaimed = acquire_or_signal(db)
    try:
        assert reclaimed is not None and reclaimed.listening
    finally:
        if reclaimed is not None:
            reclaimed.release()
