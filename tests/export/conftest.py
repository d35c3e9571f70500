"""Helpers for reading exported files back."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def squash(text: str) -> str:
    """Text with all whitespace removed: line wrapping in a PDF cell must not matter."""
    return re.sub(r"\s+", "", text)


def pdf_images_and_links(path: Path) -> list[str]:
    """Every image XObject and every link annotation in the PDF: user text must never become either."""
    found = []
    for page in PdfReader(str(path)).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject", {}) if resources is not None else {}
        for name, ref in xobjects.get_object().items() if xobjects else []:
            if ref.get_object().get("/Subtype") == "/Image":
                found.append(f"image {name}")
        for annot in page.get("/Annots", []) or []:
            obj = annot.get_object()
            if obj.get("/Subtype") == "/Link" and "/URI" in str(obj.get("/A", {})):
                found.append(f"link {obj.get('/A')}")
    return found
