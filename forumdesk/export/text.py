"""Text stays text: user values never become formulas, links, markup or images in an export.

- XLSX: values are written as string cells (openpyxl would otherwise make ``=...`` a formula).
- CSV: a value that a spreadsheet would run (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a ``'`` prefix
  (the OWASP CSV-injection advice). The prefix is reversible: ``csv_unneutralise`` undoes it exactly.
- PDF: text for a Paragraph is escaped with ``xml.sax.saxutils.escape`` so ``<``, ``>`` and ``&`` print.
- Characters XML 1.0 cannot hold (most C0 controls) are dropped from XLSX and PDF text.
- PDF: a symbol the bundled DejaVu fonts cannot draw (an emoji, say) would print as an empty box; it is
  printed as its Unicode name in brackets instead (``👍`` -> ``[thumbs up sign]``), and the emoji modifiers
  (variation selectors, zero-width joiner, skin tones) that have no meaning without it are dropped.
  XLSX and CSV keep the character itself (spreadsheets have emoji fonts).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase.ttfonts import TTFontFile

from forumdesk.resources import resource_path

_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PDF_FONTS = ("DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "DejaVuSans-Bold.ttf")
_MODIFIERS = re.compile("[\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_BEYOND_LATIN = re.compile("[^\x00-\u024f]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def xml_safe(text: str) -> str:
    """The text without characters that XML 1.0 (XLSX, PDF metadata) cannot store."""
    return _XML_ILLEGAL.sub("", text)


def csv_neutralise(text: str) -> str:
    """Prefix ``'`` to a value a spreadsheet would treat as a formula (and to one already so prefixed)."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def csv_unneutralise(text: str) -> str:
    """The exact inverse of ``csv_neutralise``: what was typed, from what the CSV holds."""
    return text[1:] if _QUOTED.match(text) else text


@lru_cache(maxsize=1)
def _printable() -> frozenset[int]:
    """The code points every bundled PDF font can draw."""
    maps = [set(TTFontFile(str(resource_path("fonts", f))).charToGlyph) for f in _PDF_FONTS]
    return frozenset(set.intersection(*maps))


def _spelled(char: str) -> str:
    if ord(char) in _printable() or not unicodedata.category(char).startswith("S"):
        return char
    return f"[{unicodedata.name(char, 'symbol').lower()}]"


def pdf_symbols(text: str) -> str:
    """``text`` with each symbol the PDF fonts lack (an emoji) spelled out as ``[its name]``."""
    if not _BEYOND_LATIN.search(text):  # the common case: every Latin letter is in the fonts
        return text
    return "".join(_spelled(c) for c in _MODIFIERS.sub("", text))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs as typed: separated by a blank line (``\r\n`` or ``\n``), each without surrounding space."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _BLANK_LINE.split(plain) if p.strip()]


def pdf_markup(text: str) -> str:
    """Text for a reportlab ``Paragraph``: escaped, symbols printable, line breaks (and blank lines) kept."""
    plain = escape(pdf_symbols(xml_safe(text))).replace("\r\n", "\n").replace("\r", "\n")
    return plain.replace("\n", "<br/>")
