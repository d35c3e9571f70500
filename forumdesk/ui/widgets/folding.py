"""Names found without their accents (issue 15 item 10): "lukasz" finds Łukasz, "chloe" Chloé, "siobhan"
Siobhán, in the owner and member completers and in the People search.

``fold`` is the matching key (accents off, case folded, letters NFKD cannot split mapped by hand);
``FoldingCompleter`` completes over any list model by that key and puts the name as listed in the field;
``FoldingFilterProxy`` is a table filter that matches the same way."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
)
from PySide6.QtWidgets import QCompleter

from forumdesk.ui.models.roles import FOLD_ROLE

_BY_HAND = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
                          "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_BY_HAND))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldedModel(QIdentityProxyModel):
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == FOLD_ROLE:
            return fold(str(super().data(index, Qt.ItemDataRole.DisplayRole) or ""))
        return super().data(index, role)


class FoldingCompleter(QCompleter):
    def __init__(self, items: QAbstractItemModel | Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        source = items if isinstance(items, QAbstractItemModel) else QStringListModel(list(items), self)
        self._folded = _FoldedModel(self)
        self._folded.setSourceModel(source)
        self.setModel(self._folded)
        self.setCompletionRole(FOLD_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def source(self) -> QAbstractItemModel:
        return self._folded.sourceModel()

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class FoldingFilterProxy(QSortFilterProxyModel):
    """Rows whose text (any column) contains the filter text, accents and case aside."""

    _needle = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        row = " ".join(
            str(model.data(model.index(source_row, column, source_parent)) or "")
            for column in range(model.columnCount(source_parent))
        )
        return self._needle in fold(row)
