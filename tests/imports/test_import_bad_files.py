"""Bad files are refused in one line, before any parser is trusted with them."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest

from forumdesk.domain.errors import ImportFileError
from forumdesk.imports import read_actions, read_people, safety
from forumdesk.imports.sources import read_xlsx

DATA = Path(__file__).resolve().parents[1] / "data"

REFUSALS = [
    ("not_a_spreadsheet.xlsx", "is not a spreadsheet"),
    ("notes.pdf", "is not a spreadsheet"),
    ("password_protected.xlsx", "is password protected"),
    ("no_header.xlsx", "has no recognisable header in the first 20 rows"),
    ("billion_laughs.xlsx", "XML entity declarations"),
    ("zip_bomb.xlsx", "refused as a possible zip bomb"),
    ("zip_bomb_bz2.xlsx", "refused as a possible zip bomb"),
    ("too_many_rows.xlsx", "more than 200,000 rows"),
]


@pytest.mark.parametrize(("name", "message"), REFUSALS)
def test_refused_in_one_line(name: str, message: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        read_actions(DATA / name)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(name)
    assert time.perf_counter() - started < 5  # refused cheaply, not after parsing for minutes


@pytest.mark.parametrize("name", ["zip_bomb.xlsx", "zip_bomb_bz2.xlsx", "billion_laughs.xlsx", "too_many_rows.xlsx"])
def test_hostile_files_never_reach_openpyxl(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was handed a hostile file")

    monkeypatch.setattr(openpyxl, "load_workbook", fail)
    with pytest.raises(ImportFileError):
        read_actions(DATA / name)


def test_zip_bomb_is_small_on_disk_and_judged_by_the_zip_directory() -> None:
    assert (DATA / "zip_bomb_bz2.xlsx").stat().st_size < 10_000
    assert (DATA / "zip_bomb.xlsx").stat().st_size < 100_000


def test_openpyxl_parses_through_defusedxml() -> None:
    """The second lock: should the entity scan ever miss, openpyxl's own parser refuses entities."""
    assert openpyxl.DEFUSEDXML is True
    from openpyxl.xml import functions

    assert functions.iterparse.__module__.startswith("defusedxml")
    with pytest.raises(ImportFileError, match="XML entity declarations"):
        read_xlsx(DATA / "billion_laughs.xlsx")  # straight to openpyxl, past the scan


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="There is no file"):
        read_actions(tmp_path / "gone.xlsx")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_actions(tmp_path)


def test_csv_with_too_many_rows(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Ref,Action\n" + "1,x\n" * (safety.MAX_ROWS + 1), encoding="utf-8")
    with pytest.raises(ImportFileError, match="more than 200,000 rows"):
        read_actions(path)


def test_csv_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"Ref,Action\x00\x01\x02" * 10)
    with pytest.raises(ImportFileError, match="not a CSV text file"):
        read_actions(path)


def test_open_document_and_damaged_zip(tmp_path: Path) -> None:
    import zipfile

    ods = tmp_path / "log.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ImportFileError, match="OpenDocument"):
        read_actions(ods)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportFileError, match="damaged"):
        read_actions(damaged)


def test_member_list_without_header() -> None:
    with pytest.raises(ImportFileError, match="no recognisable header"):
        read_people(DATA / "no_header.xlsx")


def test_named_sheet_that_is_missing() -> None:
    with pytest.raises(ImportFileError, match="has no sheet called 'Archive'"):
        read_actions(DATA / "basildon_csp_actions.xlsx", sheet="Archive")


def test_zip_of_too_many_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    monkeypatch.setattr(safety, "MAX_MEMBERS", 5)
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(6):
            archive.writestr(f"xl/media/{i}.bin", "x")
    with pytest.raises(ImportFileError, match="holds 7 parts"):
        read_actions(path)
