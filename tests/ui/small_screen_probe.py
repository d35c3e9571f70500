"""Run in a child process by test_small_screens.py (QT_SCALE_FACTOR and the screen are fixed per process):
opens every window with ``tools.screenshots.walk_windows`` and prints, as JSON, the windows checked and every
button or field that is off the screen, cut off by its window, or squeezed below the size its text needs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView,
            QLabel)


def _describe(widget: QWidget) -> str:
    text = ""
    for attr in ("text", "placeholderText", "accessibleName"):
        value = getattr(widget, attr, None)
        value = value() if callable(value) else value
        if value:
            text = str(value)
            break
    return f"{type(widget).__name__} {text[:40]!r}"


def _internal(widget: QWidget, top: QWidget) -> bool:
    """Parts of a compound widget (a combo's line edit, a spin box's, a view's scroll bar or editor)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's contents: reachable by scrolling, so only the area itself must fit."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return True
        parent = parent.parentWidget()
    return False


def problems(top: QWidget) -> list[str]:
    screen = (top.screen() or QApplication.primaryScreen()).availableGeometry()
    found: list[str] = []
    frame = top.frameGeometry()
    if not screen.contains(frame):
        found.append(f"the window {frame.getRect()} is not inside the screen {screen.getRect()}")
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(top) or _internal(widget, top):
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        if _scrolled(widget, top):
            continue
        origin = widget.mapTo(top, QPoint(0, 0))
        rect = QRect(origin, widget.size())
        visible = rect.intersected(top.rect())
        parent = widget.parentWidget()
        while parent is not None and parent is not top:  # clipped by an ancestor (a splitter pane, a frame)
            visible = visible.intersected(QRect(parent.mapTo(top, QPoint(0, 0)), parent.size()))
            parent = parent.parentWidget()
        if visible != rect:
            found.append(f"{_describe(widget)} is cut off: {rect.getRect()} shows only {visible.getRect()}")
            continue
        on_screen = QRect(top.mapToGlobal(origin), widget.size())
        if not screen.contains(on_screen):
            found.append(f"{_describe(widget)} is off the screen at {on_screen.getRect()}")
        need = widget.minimumSizeHint().width()
        if isinstance(widget, QLabel):
            need = 0 if widget.wordWrap() else widget.sizeHint().width()
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            metrics = widget.fontMetrics()
            placeholder = metrics.horizontalAdvance(widget.placeholderText()[:24])
            need = max(need, min(placeholder, 24 * metrics.averageCharWidth()))
        if widget.width() < need:
            found.append(f"{_describe(widget)} is squeezed: {widget.width()} px wide, its text needs {need}")
        tall = widget.minimumSizeHint().height()
        if isinstance(widget, (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)) and widget.height() < tall:
            found.append(f"{_describe(widget)} is squashed: {widget.height()} px high, it needs {tall}")
    return found


def main(name: str, db: str) -> int:
    from tools.screenshots import small_screen_run

    report: dict[str, Any] = {"windows": [], "problems": {}}

    def check(shot: str, widget: QWidget) -> None:
        report["windows"].append(shot)
        found = problems(widget)
        if found:
            report["problems"][shot] = found

    small_screen_run(name, Path(db), None, check)
    print("RESULT " + json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
