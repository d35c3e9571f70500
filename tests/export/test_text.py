"""Text stays text: CSV neutralising is reversible; PDF markup is escaped."""

from __future__ import annotations

import pytest

from forumdesk.export.text import csv_neutralise, csv_unneutralise, pdf_markup, xml_safe


@pytest.mark.parametrize("value", ["=1+1", "+44 1234", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''-y"])
def test_formula_like_values_get_a_quote_and_come_back(value: str) -> None:
    cooked = csv_neutralise(value)
    assert cooked.startswith("'")
    assert csv_unneutralise(cooked) == value


@pytest.mark.parametrize("value", ["plain", "'quoted", "a=b", "", "5 - 3"])
def test_ordinary_values_are_untouched(value: str) -> None:
    assert csv_neutralise(value) == value
    assert csv_unneutralise(value) == value


def test_pdf_markup_escapes_and_keeps_line_breaks() -> None:
    assert pdf_markup("Smith <john@x.gov.uk> & co\nnext") == "Smith &lt;john@x.gov.uk&gt; &amp; co<br/>next"


def test_xml_safe_drops_only_illegal_characters() -> None:
    assert xml_safe("a\x00b\x1fc\td\ne\u00e9") == "abc\td\ne\u00e9"
