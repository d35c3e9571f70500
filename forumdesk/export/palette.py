"""The print palette, as plain hex strings, shared by the PDF and the XLSX writers (each turns them into its
own colour type): the heading navy and the RAG fills, stronger than the screen's (ui/models/rag_colours.py)
so they survive a black-and-white or a washed-out print."""

from __future__ import annotations

from forumdesk.domain.enums import Rag

NAVY_HEX = "1F3864"
RAG_PRINT_HEX: dict[Rag, str] = {
    Rag.RED: "E06666",
    Rag.AMBER: "F6B26B",
    Rag.GREEN: "93C47D",
    Rag.BLUE: "6FA8DC",
}
