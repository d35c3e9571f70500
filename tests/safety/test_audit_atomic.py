"""Every write that leaves a record (export, backup, import, erase) is all or nothing with its audit row.

The database is made busy by another connection holding ``BEGIN IMMEDIATE`` (our connection waits a short
busy timeout): then there is no target file, no temp file, no audit row, and a one-line message. When the
database is free, both the file and its audit row are there.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from forumdesk.cli import main
from forumdesk.domain.errors import DatabaseBusyError
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.actions import NewAction
from forumdesk.services.exports import ExportFormat

NAME = "Jane Smithson"


@contextlib.contextmanager
def busy(path: Path) -> Iterator[None]:
    """Another program writing: a second connection holds the write lock until the block ends."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def audit_rows(services: Services) -> list[tuple[str, str, str]]:
    rows = services.store.query("SELECT entity, operation, coalesce(new_value, '') FROM audit_log ORDER BY id")
    return [(r[0], r[1], r[2]) for r in rows]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def prepared(services: Services, tmp_path: Path) -> Services:
    forum = services.forums.forums()[0]
    person_id = services.directory.add_person(NAME, "Essex Police").value
    services.actions.record(NewAction(forum.id, f"Send {NAME} the map", owner_id=person_id))
    services.meetings.schedule(forum.id, datetime(2026, 11, 20, 10, 0))
    services.store.conn.execute("PRAGMA busy_timeout = 200")
    return services


def _person(services: Services) -> int:
    return services.directory.find_person(NAME).id


def _tracker(folder: Path) -> Path:
    path = folder / "in" / "tracker.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text("Ref,Action,Owner,Due date,Status\nX/1,Check the lights,Sam Other,05/12/2026,Open\n")
    return path


# (name, write(services, target) -> the file written or None, what the audit row names)
WRITES: list[tuple[str, Callable[[Services, Path], object], str]] = [
    ("actions csv", lambda s, t: s.exports.export_actions(ActionQuery(), ExportFormat.CSV, t), "export"),
    ("actions xlsx", lambda s, t: s.exports.export_actions(ActionQuery(), ExportFormat.XLSX, t), "export"),
    ("actions pdf", lambda s, t: s.exports.export_actions(ActionQuery(), ExportFormat.PDF, t), "export"),
    ("calendar", lambda s, t: s.exports.export_calendar(t), "export"),
    ("chase list", lambda s, t: s.exports.export_owner(_person(s), ExportFormat.PDF, t), "export"),
    ("subject access", lambda s, t: s.privacy.export_subject_access(_person(s), t), "export"),
    ("save a copy", lambda s, t: s.admin.backup(t), "backup"),
]
SUFFIX = {"actions csv": ".csv", "actions xlsx": ".xlsx", "calendar": ".ics", "subject access": ".json",
          "save a copy": ".sqlite"}


@pytest.mark.parametrize(("name", "write", "operation"), WRITES, ids=[w[0] for w in WRITES])
def test_a_busy_database_leaves_neither_the_file_nor_its_audit_row(
    prepared: Services, tmp_path: Path, name: str, write: Callable[[Services, Path], object], operation: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"file{SUFFIX.get(name, '.pdf')}"
    before = audit_rows(prepared)
    with busy(prepared.path), pytest.raises(DatabaseBusyError) as caught:
        write(prepared, target)
    assert str(caught.value) == f"{prepared.path.name} is busy in another program: try again in a moment"
    assert not target.exists() and leftovers(out) == []
    assert audit_rows(prepared) == before

    write(prepared, target)
    assert target.is_file() and leftovers(out) == []
    added = audit_rows(prepared)[len(before):]
    assert [(op, target.name in value) for _, op, value in added] == [(operation, True)]


def test_a_busy_database_takes_no_manual_backup_and_records_none(prepared: Services) -> None:
    before = audit_rows(prepared)
    with busy(prepared.path), pytest.raises(DatabaseBusyError):
        prepared.backups.backup_now("manual")
    assert prepared.backups.backups() == [] and audit_rows(prepared) == before
    assert leftovers(prepared.backups.folder) == []
    info = prepared.backups.backup_now("manual")
    added = audit_rows(prepared)[len(before):]
    assert [(op, info.path.name in value) for _, op, value in added] == [("backup", True)]


def test_a_busy_database_imports_nothing_and_records_nothing(prepared: Services, tmp_path: Path) -> None:
    imports = prepared.imports
    forum = prepared.forums.forums()[0]
    file = imports.read_actions(_tracker(tmp_path))
    before = audit_rows(prepared)
    with busy(prepared.path), pytest.raises(DatabaseBusyError):
        imports.import_actions(file, forum.id)
    assert imports.batches() == [] and audit_rows(prepared) == before
    imports.import_actions(file, forum.id)
    assert len(imports.batches()) == 1
    assert any(op == "create" and entity == "import" for entity, op, _ in audit_rows(prepared)[len(before):])


def test_a_busy_database_erases_nothing_and_records_nothing(prepared: Services) -> None:
    person_id = _person(prepared)
    before = audit_rows(prepared)
    with busy(prepared.path), pytest.raises(DatabaseBusyError):
        prepared.privacy.erase(person_id)
    assert prepared.directory.person(person_id).name == NAME and audit_rows(prepared) == before
    prepared.privacy.erase(person_id)
    assert prepared.directory.person(person_id).anonymised
    assert any(op == "erase" for _, op, _ in audit_rows(prepared)[len(before):])


@pytest.mark.parametrize(
    "args",
    [
        ["export", "actions", "--format", "csv", "-o", "{out}/log.csv"],
        ["person", "export", NAME, "-o", "{out}/sar.csv"],
    ],
    ids=["export actions", "person export"],
)
def test_the_cli_says_busy_in_one_line_and_leaves_no_file(
    prepared: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = audit_rows(prepared)
    argv = [a.format(out=out) for a in args] + ["--db", str(prepared.path)]
    with busy(prepared.path):
        code = main(argv)
    err = capsys.readouterr().err
    assert code == 1 and "busy" in err and err.count("\n") == 1
    assert list(out.iterdir()) == [] and audit_rows(prepared) == before
