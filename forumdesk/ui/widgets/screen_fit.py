"""Windows that fit the screen they open on (issue 15 item 4): small laptops (1024x600) and scaled displays
(1366x768 at 125% or 150% leave 1093x614 or 911x512 to lay out).

``ScreenFitter`` is installed once on the application by the main window: whenever a window or dialog is
shown it is shrunk to the screen's available area (never below its minimum size, which the pages and
dialogs keep small) and moved so that its frame is wholly on the screen. ``default_size`` is a window's
preferred size, capped by the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget


def available_size(widget: QWidget) -> QSize:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry().size()


def default_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, or less on a screen too small for it (room left for a title bar and frame)."""
    room = available_size(widget) - QSize(16, 48)
    return QSize(min(width, room.width()), min(height, room.height()))


def fit_on_screen(widget: QWidget) -> None:
    """Shrink ``widget`` (a window) to its screen's available area and move its whole frame onto it."""
    screen = widget.screen() or QApplication.primaryScreen()
    area = screen.availableGeometry()
    frame = widget.frameGeometry()
    extra = frame.size() - widget.size()
    room = area.size() - extra
    if widget.width() > room.width() or widget.height() > room.height():
        widget.resize(min(widget.width(), room.width()), min(widget.height(), room.height()))
        frame = widget.frameGeometry()
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)


class ScreenFitter(QObject):
    """An application-wide event filter: each window is fitted to the screen as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            kind = watched.windowType()
            if kind not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen):
                fit_on_screen(watched)
        return False


def install_screen_fitter() -> None:
    app = QApplication.instance()
    if app is not None and app.findChild(ScreenFitter) is None:
        fitter = ScreenFitter(app)
        app.installEventFilter(fitter)
