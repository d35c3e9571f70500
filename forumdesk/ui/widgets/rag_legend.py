"""The RAG legend: what each colour means, in the same colours as the table's RAG column."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from forumdesk.domain.enums import Rag
from forumdesk.domain.rag import RAG_SHORT
from forumdesk.ui.models.rag_colours import OVERRIDE_MARK, RAG_COLOURS, RAG_MEANINGS
from forumdesk.ui.widgets.flow_layout import FlowLayout

LEGEND = tuple(RAG_SHORT.items())  # the one wording (domain/rag.py); the full meaning is each chip's tooltip


def rag_chip(rag: Rag, text: str, parent: QWidget | None = None) -> QLabel:
    background, foreground = RAG_COLOURS[rag]
    chip = QLabel(text, parent)
    chip.setStyleSheet(
        f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
        " border-radius: 3px; padding: 1px 6px; }"
    )
    chip.setAccessibleName(text)
    return chip


class RagLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("RAG legend")
        layout = FlowLayout(self)
        for rag, text in LEGEND:
            chip = rag_chip(rag, text, self)
            chip.setToolTip(RAG_MEANINGS[rag])
            layout.addWidget(chip)
        marker = QLabel(f"{OVERRIDE_MARK} set by hand", self)
        marker.setToolTip("The secretary has overridden the colour the dates give")
        marker.setAccessibleName("An asterisk means the RAG was set by hand")
        layout.addWidget(marker)
