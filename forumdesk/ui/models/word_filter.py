"""A tree filter by search words and one switch: the Forums register's and the Strategy page's.

A row shows when its text holds every search word (any order, any case) and the page's rule for the switch
(show archived forums; only aims with no open action) lets it; a parent row shows when one of its children
does (recursive filtering), and a shown parent shows its children.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QWidget


class WordFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.switch = False
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_filter(self, text: str, switch: bool) -> None:
        """Filter again by ``text``'s words and the page's checkbox."""
        self.beginFilterChange()
        self.words = text.lower().split()
        self.switch = switch
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def has_words(self, text: str) -> bool:
        """True when ``text`` holds every search word."""
        lowered = text.lower()
        return all(word in lowered for word in self.words)
