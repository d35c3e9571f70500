"""Reading Word documents back (python-docx): the body's text, the headers and footers, the styles used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn


def open_docx(path: Path) -> Any:
    return docx.Document(str(path))


def body_text(doc: Any) -> str:
    """Every run's text in the body, paragraphs and table cells alike, one paragraph a line."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p")))


def all_paragraphs(doc: Any) -> Iterator[Any]:
    """The body's paragraphs, those in table cells included."""
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def headers_and_footers(doc: Any) -> Iterator[tuple[str, str, str]]:
    """(section number, "header"/"footer" and which, text) for every section's default, first and even parts."""
    for n, section in enumerate(doc.sections):
        for which in ("", "first_page_", "even_page_"):
            for part in ("header", "footer"):
                hf = getattr(section, f"{which}{part}")
                text = "\n".join(p.text for p in hf.paragraphs)
                yield str(n), f"{which}{part}", text


def header_text(doc: Any) -> str:
    return "\n".join(text for _, part, text in headers_and_footers(doc) if part.endswith("header"))


def languages(doc: Any) -> set[str]:
    """Every w:lang value in styles.xml (document defaults and styles)."""
    return {lang.get(qn("w:val")) for lang in doc.styles.element.iter(qn("w:lang"))}
