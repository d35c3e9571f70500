"""Erasure reaches every way a name is written: what the subject access export reports about a person,
erase removes, from every table, the search index, the audit values, agencies and import records, and from
the file's bytes (-wal included) and the backups taken afterwards.

The byte scan reads the database file after erase (which checkpoints and vacuums), like ``strings``: the
bytes decoded as UTF-8, folded (accents, case, Unicode form), and searched for every word of the name, in
plain and JSON-escaped form.
"""

from __future__ import annotations

import csv
import json
import secrets
import shutil
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from forumdesk.domain.patches import ActionPatch
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from tests.conftest import TODAY

NAME = "Zoë Wright"
WRITTEN = [
    "ZOË WRIGHT",
    "Zoe Wright",
    "zoe  wright",
    unicodedata.normalize("NFD", "Zoë Wright"),
    "Zoë\u00a0Wright",
    "Zoë\nWright",
    "ＺＯＥ　ＷＲＩＧＨＴ",  # full-width letters and space
]


def fold(text: str) -> str:
    """The test's own folding (not the app's): compatibility decomposition, no accents, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def file_text(*paths: Path) -> tuple[str, bytes]:
    """Every byte of the files (and their -wal), decoded as UTF-8 and folded; and the raw bytes lower-cased."""
    raw = b""
    for path in paths:
        for part in (path, Path(f"{path}-wal")):
            if part.exists():
                raw += part.read_bytes()  # closed files only: no connection is open on them here
    return fold(raw.decode("utf-8", "replace")), raw.lower()


def traces(words: list[str], *paths: Path) -> list[str]:
    """The words of a name still found in the files' bytes, in any form."""
    folded, raw = file_text(*paths)
    found = []
    for word in words:
        escaped = json.dumps(word)[1:-1].lower().encode()
        if fold(word) in folded or word.lower().encode() in raw or escaped in raw:
            found.append(word)
    return found


def write_tracker(folder: Path, name: str, owner: str, description: str) -> Path:
    path = folder / f"{name} tracker.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ref", "Action", "Owner", "Due date", "Status"])
        writer.writerow(["DAB/1", description, owner, "05/12/2026", "Open"])
    return path


def plant(services: Services, tmp_path: Path, person: str, forms: list[str]) -> int:
    """A person, and their name written in each form in a different place of free text."""
    forum = services.forums.forums()[0]
    person_id = services.directory.add_person(person, "Essex Police", "Inspector").value
    meeting_id = services.meetings.schedule(forum.id, datetime(2026, 11, 20, 10, 0)).value
    item_id = services.cycle.add_item(meeting_id, "Night-time economy").value
    imports = services.imports
    places: list[Callable[[str], object]] = [
        lambda text: services.room.save_notes(item_id, f"{text} reported a rise in incidents."),
        lambda text: services.room.add_decision(meeting_id, item_id, f"Agreed that {text} leads the review."),
        lambda text: services.actions.record(NewAction(forum.id, f"Send {text} the CCTV map")),
        lambda text: services.actions.add_update(
            services.actions.record(NewAction(forum.id, "Check lighting")).value, f"Spoke to {text} today"
        ),
        lambda text: services.directory.add_person("Sam Other", f"Team ({text})"),
        # an owner cell on one line: the importer reads a line break there as a second owner
        lambda text: imports.import_actions(
            imports.read_actions(write_tracker(tmp_path, text, f"Team ({' '.join(text.split())})", f"Brief {text}")),
            forum.id,
        ),
        lambda text: services.actions.edit(
            services.actions.record(NewAction(forum.id, f"Call {text} back")).value,
            ActionPatch(description="Call back"),
        ),
    ]
    for n, form in enumerate(forms):
        places[n % len(places)](form)
    return person_id


def test_the_export_reports_every_spelling_and_erase_leaves_none(services: Services, tmp_path: Path) -> None:
    person_id = plant(services, tmp_path, NAME, WRITTEN)
    report = services.privacy.subject_access(person_id)
    reported = "\n".join(r.text for r in report.records)
    for form in WRITTEN:
        assert form in reported, f"the subject access export misses {form!r}"
    services.privacy.erase(person_id)
    after = "\n".join(r.text for r in services.privacy.subject_access(person_id).records)
    assert fold("Wright") not in fold(after)
    backup = services.backups.backup_now("after-erase").path
    services.close()
    assert traces(["Zoë", "Zoe", "Wright", "WRIGHT"], services.path, backup) == []


def test_erase_keeps_the_unrelated_text(services: Services, tmp_path: Path) -> None:
    person_id = plant(services, tmp_path, NAME, ["Zoë Wright"])
    forum = services.forums.forums()[0]
    kept = services.actions.record(NewAction(forum.id, "Ask Zoë Wrightson and Zoe about Wright Street")).value
    services.privacy.erase(person_id)
    assert services.actions.get(kept).description == "Ask Zoë Wrightson and Zoe about Wright Street"


_LETTERS = "abcdefghijklmnopqrstuvwxyzäëïöüéèàçñøßłæ"
_word = st.text(_LETTERS, min_size=4, max_size=9).map(str.capitalize)
_separator = st.sampled_from([" ", "  ", "\n", "\u00a0", "\t", " - ", ". ", "\u3000"])
_case = st.sampled_from([str, str.upper, str.lower, str.title])
_KEYBOARD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE"})
_form = st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"])


@st.composite
def names_and_forms(draw: st.DrawFn) -> tuple[str, list[str]]:
    first, last = draw(_word), draw(_word)
    name = f"{first} {last}"
    forms = []
    for _ in range(draw(st.integers(1, 7))):
        text = draw(_case)(first) + draw(_separator) + draw(_case)(last)
        if draw(st.booleans()):  # the accents left off, as people type on an English keyboard
            text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
            text = text.translate(_KEYBOARD)
        forms.append(unicodedata.normalize(draw(_form), text))
    return name, forms


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from forumdesk.services.setup import create_database

    path = tmp_path_factory.mktemp("template") / "forum.sqlite"
    create_database(path)
    return path


@settings(
    max_examples=int(__import__("os").environ.get("FORUMDESK_ERASE_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=names_and_forms())
def test_any_spelling_the_export_reports_leaves_no_trace_after_erase(
    template: Path, tmp_path: Path, case: tuple[str, list[str]]
) -> None:
    name, forms = case
    words = name.split()
    baseline, _ = file_text(template)
    assume(all(fold(w) not in baseline and fold(w) not in fold("Former member Team Sam Other") for w in words))
    run = tmp_path / f"run-{secrets.token_hex(4)}"
    run.mkdir()
    db = run / "forum.sqlite"
    shutil.copy(template, db)
    services = open_services(db, create=False, today=lambda: TODAY)
    try:
        person_id = plant(services, run, name, forms)
        reported = "\n".join(r.text for r in services.privacy.subject_access(person_id).records)
        for form in forms:
            assert form in reported, f"the subject access export misses {form!r}"
        services.privacy.erase(person_id)
        backup = services.backups.backup_now("after-erase").path
    finally:
        services.close()
    assert traces(words, db, backup) == []


def test_every_text_column_is_either_searched_for_names_or_known_to_hold_none(services: Services) -> None:
    """A migration that adds a text column must say whether erasure and subject access read it."""
    from forumdesk.db.repositories.privacy import FREE_TEXT, STRUCTURAL

    listed = {(t, c) for t, _, cols in FREE_TEXT for c in cols}
    listed |= {(t, c) for t, cols in STRUCTURAL.items() for c in cols}
    rows = services.store.query("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    virtual = [r[0] for r in rows if r[1].startswith("CREATE VIRTUAL TABLE")]
    shadows = {f"{v}_{s}" for v in virtual for s in ("data", "idx", "config", "docsize", "content")}
    tables = [r[0] for r in rows if not r[0].startswith("sqlite") and r[0] not in {*virtual, *shadows}]
    text_columns = {
        (table, r[1])
        for table in tables
        for r in services.store.query(f"PRAGMA table_info({table})")
        if r[2] == "TEXT"
    }
    assert text_columns - listed == set()
    assert listed - text_columns == set()


def test_the_cli_says_which_backups_still_hold_the_person(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from forumdesk.cli import main

    person_id = plant(services, tmp_path, NAME, ["Zoë Wright"])
    earlier = [services.backups.backup_now("manual").path]
    services.close()
    assert traces(["Wright"], earlier[0]) == ["Wright"]
    assert main(["person", "erase", str(person_id), "--yes", "--db", str(services.path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Erased: now Former member {person_id};")
    # what the app does about earlier backups: nothing, and it says so
    assert out[1].startswith("1 backup taken before this erasure still holds the person's data")
    assert str(earlier[0].parent) in out[1]
    assert traces(["Wright"], earlier[0]) == ["Wright"] and traces(["Wright"], services.path) == []


def test_agencies_named_after_the_person_are_renamed_without_clashing(services: Services, tmp_path: Path) -> None:
    person_id = plant(services, tmp_path, NAME, [])
    for spelling in ("Team (Zoë Wright)", "Team (ZOE WRIGHT)"):
        services.directory.add_person(f"Member of {spelling}", spelling)
    services.privacy.erase(person_id)
    names = sorted(o.name for o in services.directory.organisations() if o.name.startswith("Team"))
    assert names == [f"Team (Former member {person_id})", f"Team (Former member {person_id}) (2)"]
    assert services.admin.check().ok


def test_an_erasure_while_another_program_reads_says_the_file_was_not_compacted(
    services: Services, tmp_path: Path
) -> None:
    import sqlite3

    person_id = plant(services, tmp_path, NAME, ["Zoë Wright"])
    services.store.conn.execute("PRAGMA busy_timeout = 100")
    reader = sqlite3.connect(services.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM actions").fetchone()
    try:
        result = services.privacy.erase(person_id).value
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert not result.compacted and services.directory.person(person_id).anonymised
    assert services.privacy.subject_access(person_id).count("minutes") == 1  # the mention, under the new name
