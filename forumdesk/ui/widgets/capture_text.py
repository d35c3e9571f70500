"""Several wrapped lines for a decision or an action, typed as one paragraph (Enter submits, Shift+Enter a
new line, Tab moves on): the text field of the meeting room's capture dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

CAPTURE_LINES = 4  # the decision and action text: four wrapped lines (a single ~130 px line before, issue 15 item 5)
CAPTURE_CHARS = 64


class CaptureText(QPlainTextEdit):
    """Several wrapped lines for a decision or an action, typed as one paragraph: Enter submits the dialog
    (as in a one-line field), Shift+Enter starts a new line, Tab moves on."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
        self.setMinimumHeight(metrics.lineSpacing() * CAPTURE_LINES + frame)
        self.setMinimumWidth(metrics.averageCharWidth() * CAPTURE_CHARS + frame)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)
