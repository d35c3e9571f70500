"""The data-safety commands: backups, restore, recover, person export/erase, history, and check on damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forumdesk.cli import main
from forumdesk.services import open_services
from tests.safety.conftest import ACTIONS, descriptions, healthy
from tests.safety.test_damage import overwrite_header


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_backups_now_list_and_restore_latest(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(filled)
    assert cli(capsys, "backups", "--db", db)[1].startswith("No backups yet")
    code, out, _ = cli(capsys, "backups", "now", "--db", db)
    assert code == 0 and "Backed up to" in out
    code, out, _ = cli(capsys, "backups", "list", "--db", db)
    assert code == 0 and "Taken" in out and f"  {ACTIONS}  " in out
    code, out, _ = cli(capsys, "restore", "latest", "--db", db)
    assert code == 0 and "Restored the backup of" in out
    code, _, err = cli(capsys, "restore", "nonsense.sqlite", "--db", db)
    assert code == 1 and err.startswith("forumdesk: there is no backup 'nonsense.sqlite'")


def test_check_names_header_damage_and_recover_restores(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(filled)
    cli(capsys, "backups", "now", "--db", db)
    overwrite_header(filled)
    code, _, err = cli(capsys, "check", "--db", db)
    assert code == 1 and "is damaged (its header was overwritten)" in err and "forumdesk recover" in err
    assert err.count("\n") == 1
    code, out, _ = cli(capsys, "recover", "--db", db)
    assert code == 0 and "was set aside as forum.sqlite.damaged-" in out
    assert healthy(filled) and len(descriptions(filled)) == ACTIONS
    assert len(list(filled.parent.glob("forum.sqlite.damaged-*"))) == 1
    assert cli(capsys, "check", "--db", db)[0] == 0


def test_person_export_erase_and_history(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    services = open_services(filled, create=False)
    person_id = services.directory.add_person("Pat Example", "Essex Police", email="pat@example.org").value
    services.close()
    db = str(filled)
    target = tmp_path / "pat.json"
    code, out, _ = cli(capsys, "person", "export", "Pat Example", "-o", str(target), "--db", db)
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["person"]["email"] == "pat@example.org"
    code, _, err = cli(capsys, "person", "erase", "Pat Example", "--db", db)
    assert code == 1 and "--yes" in err
    code, out, _ = cli(capsys, "person", "erase", str(person_id), "--yes", "--db", db)
    assert code == 0 and f"Former member {person_id}" in out
    code, out, _ = cli(capsys, "history", "person", str(person_id), "--db", db)
    assert code == 0 and "erase" in out and "export" in out and "Pat Example" not in out
