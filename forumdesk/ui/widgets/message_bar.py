"""A one-line message above a page's content: what went wrong, in the user's words, until dismissed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class MessageBar(QFrame):
    """Hidden until ``show_error``/``show_info``; Esc-free: the ✕ button or the next success hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        close = QToolButton(self)
        close.setText("✕")
        close.setAccessibleName("Dismiss message")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, QColor("#f8d7da"), QColor("#842029"))

    def show_info(self, text: str) -> None:
        self._show(text, QColor("#cfe2ff"), QColor("#0b3d91"))

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _show(self, text: str, background: QColor, foreground: QColor) -> None:
        # Background and text colour are set together, so the message reads on light and dark palettes.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, background)
        palette.setColor(QPalette.ColorRole.WindowText, foreground)
        palette.setColor(QPalette.ColorRole.ButtonText, foreground)
        self.setPalette(palette)
        self.label.setPalette(palette)
        self.label.setText(text)
        self.show()
