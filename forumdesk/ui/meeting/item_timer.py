"""The live minutes' clock per agenda item: time spent on each item, added up over every stretch it was the
current one, ticking once a second for the "Time on this item" line (red once over the minutes allowed)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal


class ItemTimer(QObject):
    ticked = Signal()  # once a second

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._elapsed: dict[int, int] = {}  # ms spent on each item before the current stretch
        self._clock = QElapsedTimer()
        self._current: int | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.ticked)
        self._tick.start()

    def switch_to(self, item_id: int) -> None:
        """The meeting moved on to ``item_id``: bank the time of the item before it, start this one's clock."""
        if self._current is not None and self._clock.isValid():
            self._elapsed[self._current] = self._elapsed.get(self._current, 0) + self._clock.elapsed()
        self._current = item_id
        self._clock.start()

    def seconds(self, item_id: int) -> int:
        running = self._clock.elapsed() if item_id == self._current and self._clock.isValid() else 0
        return (self._elapsed.get(item_id, 0) + running) // 1000


def timer_text(seconds: int, minutes_allowed: int) -> tuple[str, bool]:
    """"Time on this item 03:20 of 10:00" and whether it is over the time allowed."""
    text = f"Time on this item {seconds // 60:02d}:{seconds % 60:02d}"
    if not minutes_allowed:
        return text, False
    return f"{text} of {minutes_allowed:02d}:00", seconds > minutes_allowed * 60
