"""Temp file then os.replace: a failed export leaves no half file and keeps the old one; safe names."""

from __future__ import annotations

from pathlib import Path

import pytest

from forumdesk.domain.errors import ExportError
from forumdesk.export.files import atomic_output, safe_filename


def test_success_replaces_the_target_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    target.write_text("old")
    with atomic_output(target) as temp:
        assert temp.parent == tmp_path and temp != target
        temp.write_text("new")
        assert target.read_text() == "old"  # not touched until the end
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


def test_failure_keeps_the_old_file_and_removes_the_temp(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(target) as temp:
        temp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


def test_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"), atomic_output(tmp_path / "nope" / "x.pdf"):
        pass


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Basildon CSP: minutes 10/11/2026", "Basildon CSP- minutes 10-11-2026.pdf"),
        ('a<b>c"d|e?f*g\\h', "a-b-c-d-e-f-g-h.pdf"),
        ("  ..hidden.. ", "hidden.pdf"),
        ("CON", "export-CON.pdf"),
        ("", "export.pdf"),
        ("Zoë Łukasiewicz", "Zoë Łukasiewicz.pdf"),
        ("line\nbreak\ttab", "line-break-tab.pdf"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title, ".pdf") == expected


def test_safe_filename_is_bounded() -> None:
    assert len(safe_filename("x" * 500, ".xlsx")) <= 125
