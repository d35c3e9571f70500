"""Esc (or Cancel) in a dialog where something was typed asks before throwing it away (issue 15 item 13).

A dialog takes a ``DiscardGuard``, calls ``guard.snapshot()`` when it is first shown and, in ``reject``,
``guard.ask_or(really_reject)``: with nothing changed it closes at once; otherwise a question box (opened,
not exec'd) offers Discard, or Cancel (the default, and Esc) to go on typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def _value(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


class DiscardGuard:
    def __init__(self, dialog: QDialog) -> None:
        self._dialog = dialog
        self._before: list[object] | None = None
        self.box: QMessageBox | None = None

    def _values(self) -> list[object]:
        return [_value(w) for w in self._dialog.findChildren(QWidget) if _value(w) is not None]

    def snapshot(self) -> None:
        if self._before is None:
            self._before = self._values()

    def changed(self) -> bool:
        return self._before is not None and self._values() != self._before

    def ask_or(self, really_reject: Callable[[], None]) -> None:
        if not self.changed():
            really_reject()
            return
        if self.box is not None and self.box.isVisible():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Discard what you typed?",
            "Close this window and lose what you typed? Cancel (or Esc) goes back to it.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self._dialog,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        discard = box.button(QMessageBox.StandardButton.Discard)
        if discard is not None:
            # WORKAROUND: a lambda, not the bound method: PySide connects a bound Qt slot (QDialog.reject) by
            # its name, which calls the dialog's own reject() override again instead of the base one.
            discard.clicked.connect(lambda: really_reject())
        box.open()
        self.box = box
