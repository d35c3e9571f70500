"""The screen's RAG colours: one light background with dark text per colour, set together so a RAG cell reads
the same on light and dark palettes. Every table, legend, tile and grid takes its colours from here; the
wording is ``forumdesk.domain.rag.RAG_MEANINGS``, the printed documents keep their own palette (export/)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from forumdesk.domain.enums import Rag
from forumdesk.domain.rag import OVERRIDE_MARK, RAG_MEANINGS

__all__ = ["OVERRIDE_MARK", "RAG_COLOURS", "RAG_MEANINGS", "rag_colours"]

RAG_COLOURS: dict[Rag, tuple[QColor, QColor]] = {  # (background, foreground)
    Rag.BLUE: (QColor("#cfe2ff"), QColor("#0b3d91")),
    Rag.RED: (QColor("#f8d7da"), QColor("#842029")),
    Rag.AMBER: (QColor("#ffe8b3"), QColor("#6b4400")),
    Rag.GREEN: (QColor("#d1e7dd"), QColor("#0f5132")),
}


def rag_colours(rag: Rag) -> tuple[QColor, QColor]:
    """(background, foreground) of a RAG cell."""
    return RAG_COLOURS[rag]
