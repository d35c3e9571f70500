"""Limits that hold on every path: a cell over 20,000 characters is cut with a warning and never held
whole (a 20 KB workbook can carry a 19-million-character string), a CSV file is read as it goes rather than
held in memory, NUL bytes are removed, and a line that is neither UTF-8 nor Windows-1252 is refused in one
line. The 84 MB CSV check runs only with FORUMDESK_LONG_TESTS=1 (about two minutes)."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from forumdesk.domain.errors import ImportFileError
from forumdesk.imports import load_tables, read_actions

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "data"))
import make_large_trackers  # noqa: E402


def workbook_with_a_huge_cell(path: Path, length: int) -> None:
    """An .xlsx whose one action text is ``length`` characters: it compresses to a few kilobytes."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Owner"])
    ws.append(["H1", "PLACEHOLDER", "Ann Lee"])
    ws.append(["H2", "A normal action", "Bob Day"])
    buffer = io.BytesIO()
    wb.save(buffer)
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # openpyxl writes the text inline
                data = data.replace(b"PLACEHOLDER", b"A" * length)
            target.writestr(item.filename, data)


def test_a_huge_cell_is_cut_while_read_never_held_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    workbook_with_a_huge_cell(path, 19_000_000)
    assert path.stat().st_size < 100_000
    tracemalloc.start()
    try:
        file = read_actions(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [len(r.description) for r in file.rows] == [20_000, 15]
    assert [(str(w.place), w.reason) for w in file.warnings] == [
        ("Sheet, row 2", "Action: cut to 20,000 characters (it had 19,000,000)")
    ]
    assert peak < 20_000_000  # the 19 MB string itself was never built


def test_a_huge_shared_string_is_cut_while_read(tmp_path: Path) -> None:
    """Excel writes text to the shared-string table, which openpyxl would read whole before any cell."""
    from forumdesk.imports.xlsx_strings import read_capped_strings

    part = b"".join(
        [
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
            b"<si><t>Short</t></si><si><t>" + b"B" * 19_000_000 + b"</t></si>",
            b"<si><r><t>Rich </t></r><r><t>text</t></r><rPh><t>phonetic</t></rPh></si></sst>",
        ]
    )
    tracemalloc.start()
    try:
        strings = read_capped_strings(io.BytesIO(part))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [len(s) for s in strings] == [5, 20_001, 9]
    assert strings[2] == "Rich text" and getattr(strings[1], "original_length", 0) == 19_000_000
    assert peak < 5_000_000


def test_a_csv_is_read_as_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    make_large_trackers.write_csv(path, 17_000)  # about 8 MB
    assert path.stat().st_size > 7_000_000
    tracemalloc.start()
    try:
        table = load_tables(path)[0]
        rows = sum(1 for _ in table.iter_rows())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == len(table.rows) == 17_002
    assert table.rows[1][0] == "Action Ref" and table.rows[17_001][0] == "LG-017000"
    assert peak < 2_000_000  # offsets only: the rows are read again from the file when needed


def test_nul_bytes_removed_and_a_line_in_no_known_encoding_refused(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Ref,Action\r\nN1,Check the\x00 log\r\n")
    assert [r.description for r in read_actions(path).rows] == ["Check the log"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Ref,Action\r\nB1,Fine\r\nB2,\x81\x8d\x8f\x90 undefined in Windows-1252\r\n")
    with pytest.raises(ImportFileError, match=r"^bad.csv: line 3 is not text in UTF-8 or Windows-1252"):
        read_actions(bad)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("FORUMDESK_LONG_TESTS") != "1", reason="set FORUMDESK_LONG_TESTS=1")
def test_an_84_mb_csv_dry_run_stays_under_300_mb(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "large.csv"
    make_large_trackers.write_csv(path, 174_000)
    assert path.stat().st_size > 80_000_000
    from forumdesk.services import open_services

    services = open_services(db_path)
    services.forums.create("Large Forum")
    services.close()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-m", "forumdesk", "import", "actions", "--db", str(db_path), str(path)]
        + ["--forum", "Large Forum", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("Summary: 170000 to add")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert max(peak_kb, before) < 300 * 1024


def test_the_sheet_filter_passes_whole_chunks_exactly_as_tag_by_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (a chunk with no long run passes in one piece) cuts and counts exactly as the loop does,
    whatever the chunk boundaries: random XML-ish bytes, a small limit, random chunk and read sizes."""
    import random

    from forumdesk.imports import xlsx_strings

    def filtered(data: bytes, chunk: int, whole: bool, rng: random.Random) -> tuple[bytes, bool, int | None]:
        monkeypatch.setattr(xlsx_strings, "_CHUNK", chunk)
        if not whole:
            monkeypatch.setattr(xlsx_strings.CappedSheetStream, "_passes_whole", lambda self, c: False)
        stream = xlsx_strings.CappedSheetStream(io.BytesIO(data))
        out = b"".join(iter(lambda: stream.read(rng.randint(1, 64)), b""))
        monkeypatch.undo()
        return out, stream.in_tag, None if stream.in_tag else stream.run

    rng = random.Random(13)
    parts = [b"<", b">", b"a", b"\xc3\xa9", b"&amp;", b" ", b"<t>", b"</t>", b"aaaaaaaa"]
    for _ in range(3000):
        data = b"".join(rng.choice(parts) for _ in range(rng.randint(0, 150)))
        limit, chunk, seed = rng.randint(3, 60), rng.randint(1, 80), rng.random()
        monkeypatch.setattr(xlsx_strings, "TEXT_RUN_LIMIT", limit)
        fast = filtered(data, chunk, True, random.Random(seed))
        monkeypatch.setattr(xlsx_strings, "TEXT_RUN_LIMIT", limit)
        assert fast == filtered(data, chunk, False, random.Random(seed)), (data, limit, chunk)
