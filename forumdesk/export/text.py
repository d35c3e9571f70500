"""Text stays text: user values never become formulas, links, markup or images in an export.

- XLSX: values are written as string cells (openpyxl would otherwise make ``=...`` a formula).
- CSV: a value that a spreadsheet would run (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a ``'`` prefix
  (the OWASP CSV-injection advice). The prefix is reversible: ``csv_unneutralise`` undoes it exactly.
- PDF: text for a Paragraph is escaped with ``xml.sax.saxutils.escape`` so ``<``, ``>`` and ``&`` print.
- Characters XML 1.0 cannot hold (most C0 controls) are dropped from XLSX and PDF text.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """The text without characters that XML 1.0 (XLSX, PDF metadata) cannot store."""
    return _XML_ILLEGAL.sub("", text)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def csv_neutralise(text: str) -> str:
    """Prefix ``'`` to a value a spreadsheet would treat as a formula (and to one already so prefixed)."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def csv_unneutralise(text: str) -> str:
    """The exact inverse of ``csv_neutralise``: what was typed, from what the CSV holds."""
    return text[1:] if _QUOTED.match(text) else text


def pdf_markup(text: str) -> str:
    """Text for a reportlab ``Paragraph``: escaped, with line breaks kept."""
    return escape(xml_safe(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")
