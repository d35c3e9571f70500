"""Issue 16, Print: the minutes, the action log and the board pack print from the app (File > Print…, Ctrl+P, and
the meeting page's Print button), driven by keyboard.

Qt's print dialog cannot be answered on this machine, so ``choose_printer`` is replaced by one returning the
printer a user would have chosen: a printer set to print to a file (the PDF is written there through the
export, read back with pypdf), or a named printer, handed to a fake ``lp`` on PATH that records its arguments.
Without ``lp`` the dialog says so in one line."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from forumdesk.domain.enums import MeetingStatus
from forumdesk.ui.dialogs.print_dialog import PrintDialog
from forumdesk.ui.shell import printing

CTRL = Qt.KeyboardModifier.ControlModifier


class NamedPrinter(QPrinter):
    """A printer called ``name`` (offscreen Qt knows no printers, so it would not keep the name)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def printerName(self) -> str:  # Qt's name
        return self._name


def _press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def _choose(monkeypatch: pytest.MonkeyPatch, printer: QPrinter | None) -> list[QPrinter]:
    shown: list[QPrinter] = []

    def choose(parent: Any) -> QPrinter | None:
        if printer is not None:
            shown.append(printer)
        return printer

    monkeypatch.setattr(printing, "choose_printer", choose)
    return shown


def _to_file(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _open_print(qtbot: Any, window: Any) -> PrintDialog:
    _press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "open_dialog", None), PrintDialog))
    dialog: PrintDialog = window.open_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.kind)
    return dialog


def _print(qtbot: Any, dialog: PrintDialog) -> str:
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as said:
        _press(qtbot, Qt.Key.Key_Return)  # Enter presses Print…
    return str(said.args[0])


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_print_to_file_from_the_file_menu(
    qtbot: Any, demo_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = demo_window.ctx.services
    held = max((m for m in services.meetings.meetings() if m.status is MeetingStatus.HELD), key=lambda m: m.starts_at)
    dialog = _open_print(qtbot, demo_window)
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == ["minutes", "actions", "board-pack"]
    assert dialog.current_kind == "actions" and dialog.meeting.isHidden()  # the dashboard has no meeting

    _choose(monkeypatch, _to_file(tmp_path / "log.pdf"))
    assert _print(qtbot, dialog) == f"Printed to {tmp_path / 'log.pdf'}."
    assert "Action log" in _text(tmp_path / "log.pdf")

    _press(qtbot, Qt.Key.Key_Up)  # Action log -> Minutes, of the latest meeting held
    assert dialog.current_kind == "minutes" and not dialog.meeting.isHidden()
    assert dialog.chosen_meeting() == held
    _choose(monkeypatch, _to_file(tmp_path / "minutes.pdf"))
    assert _print(qtbot, dialog).startswith("Printed to")
    minutes = _text(tmp_path / "minutes.pdf")
    assert held.forum_name in minutes and f"{held.starts_at:%d/%m/%Y}" in minutes
    assert "OFFICIAL" in minutes

    dialog.kind.setFocus()
    _press(qtbot, Qt.Key.Key_End)  # -> Board pack
    _choose(monkeypatch, _to_file(tmp_path / "pack.pdf"))
    assert _print(qtbot, dialog).startswith("Printed to")
    assert len(PdfReader(tmp_path / "pack.pdf").outline) >= 4
    _press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _fake_lp(folder: Path) -> Path:
    folder.mkdir()
    record = folder / "lp-args.txt"
    script = folder / "lp"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}.tmp"\nmv "{record}.tmp" "{record}"\n',
                      encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return record


@pytest.mark.skipif(os.name == "nt", reason="lp is the Linux and macOS print system")
def test_a_named_printer_gets_the_pdf_through_lp(
    qtbot: Any, demo_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = _fake_lp(tmp_path / "bin")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the temp PDF, where the test can see it
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    dialog = _open_print(qtbot, demo_window)
    _choose(monkeypatch, NamedPrinter("Office_Laser"))
    said = _print(qtbot, dialog)
    assert said.startswith("Sent ") and said.endswith(" to Office_Laser."), said
    qtbot.waitUntil(record.exists, timeout=10_000)  # lp runs detached: the window never waited for it
    args = record.read_text(encoding="utf-8").splitlines()
    assert args[:2] == ["-d", "Office_Laser"] and len(args) == 3
    pdf = Path(args[2])
    assert pdf.suffix == ".pdf" and pdf.name.startswith("Action log") and pdf.parent.parent == tmp_path
    assert "Action log" in _text(pdf)
    dialog.close()


def test_without_a_print_system_it_says_so(
    qtbot: Any, demo_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(printing.sys, "platform", "linux")
    dialog = _open_print(qtbot, demo_window)
    _choose(monkeypatch, NamedPrinter("Office_Laser"))
    said = _print(qtbot, dialog)
    assert said.startswith("Not printed: this computer has no print system (lp); the PDF is ")
    assert "\n" not in said and Path(said.split("the PDF is ", 1)[1].removesuffix(".")).exists()
    dialog.close()


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: Any, demo_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open_print(qtbot, demo_window)
    _choose(monkeypatch, None)
    _press(qtbot, Qt.Key.Key_Return)
    assert dialog.status.text() == "Not printed: the print dialog was cancelled."
    dialog.close()


def test_the_meeting_pages_print_button(
    qtbot: Any, demo_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = demo_window.ctx.services
    meeting = next(m for m in services.meetings.meetings() if m.status is MeetingStatus.HELD)
    demo_window.ctx.navigate("meeting", meeting_id=meeting.id)
    page = demo_window.pages["meeting"]
    qtbot.waitUntil(lambda: page.print_button.isEnabled())
    page.print_button.setFocus()
    _press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PrintDialog))
    dialog: PrintDialog = page.dialog
    chosen = dialog.chosen_meeting()
    assert dialog.current_kind == "minutes" and chosen is not None and chosen.id == meeting.id
    _choose(monkeypatch, _to_file(tmp_path / "m.pdf"))
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith(("Printed", "Not printed")), timeout=60_000)
    assert dialog.status.text() == f"Printed to {tmp_path / 'm.pdf'}."
    assert meeting.forum_name in _text(tmp_path / "m.pdf")
    dialog.close()
