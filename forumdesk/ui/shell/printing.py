"""Printing a ForumDesk PDF through the system (issue 16): Qt cannot draw our PDFs (PySide6-Essentials has
QtPrintSupport but not QtPdf), so the export writes the PDF and the system prints it.

``choose_printer`` shows Qt's print dialog and returns the chosen ``QPrinter`` (None when cancelled).
``print_target`` says where the PDF goes: the file the user chose when the printer prints to a file, else a
fresh temp file (kept a day: a detached ``lp`` reads it after we return). ``send_to_printer`` hands a written
PDF to the system's print: ``lp -d <printer> FILE`` on Linux and macOS (a detached ``QProcess``: the window
never waits for the spooler), ``os.startfile(FILE, "print")`` on Windows (the PDF reader's print verb). It
returns one line for the user.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

__all__ = ["choose_printer", "print_target", "send_to_printer"]

_PREFIX = "forumdesk-print-"
_KEEP_S = 24 * 3600


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """Qt's print dialog; the printer chosen, or None when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(printer.pageLayout().pageSize())  # the system's default paper (A4 here)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_target(printer: QPrinter, name: str) -> Path:
    """The chosen output file when printing to a file, else a new temp PDF called ``name`` (a safe file name:
    ``ExportService.suggested_name``), which the print queue shows."""
    if printer.outputFileName():
        return Path(printer.outputFileName())
    _remove_old_prints()
    folder = Path(tempfile.mkdtemp(prefix=_PREFIX))  # left for the spooler, which reads it later
    return folder / name


def _remove_old_prints() -> None:
    """The temp PDFs of prints more than a day old (the spooler has long since read them)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        try:
            if time.time() - folder.stat().st_mtime > _KEEP_S:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def send_to_printer(pdf: Path, printer: QPrinter) -> str:
    """Hand ``pdf`` to the system's print; one line saying what happened."""
    if printer.outputFileName():  # "Print to file": the export wrote the PDF there
        return f"Printed to {pdf}."
    name = printer.printerName()
    if sys.platform == "win32":
        try:
            os.startfile(str(pdf), "print")  # type: ignore[attr-defined]  # Windows only
        except OSError as error:
            return f"Not printed: Windows has no program to print PDFs ({error.strerror or error}); the PDF is {pdf}."
        return f"Sent {pdf.name} to the printer."
    lp = shutil.which("lp")
    if lp is None:
        return f"Not printed: this computer has no print system (lp); the PDF is {pdf}."
    args = (["-d", name] if name else []) + [str(pdf)]
    started, _pid = QProcess.startDetached(lp, args)
    if not started:
        return f"Not printed: lp could not be started; the PDF is {pdf}."
    return f"Sent {pdf.name} to {name or 'the default printer'}."
