"""The window's open: a risky folder is asked about, a damaged file is offered its newest backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from forumdesk.services.actions import NewAction
from forumdesk.ui.shell.safe_open import open_safely
from tests.safety.conftest import ACTIONS, open_services_fixed
from tests.safety.test_damage import scribble_interior_page


class Answers:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.told: list[str] = []

    def ask(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def tell(self, title: str, text: str) -> None:
        self.told.append(text)


def test_a_healthy_file_opens_without_questions(qtbot: QtBot, filled: Path) -> None:
    answers = Answers(False)
    result = open_safely(filled, ask=answers.ask, tell=answers.tell)
    assert result is not None and result.banner is None and answers.asked == []
    result.services.close()


@pytest.mark.parametrize("answer", [True, False])
def test_a_synced_folder_is_asked_about(qtbot: QtBot, filled: Path, tmp_path: Path, answer: bool) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    moved = filled.rename(synced / "forum.sqlite")
    answers = Answers(answer)
    result = open_safely(moved, ask=answers.ask, tell=answers.tell)
    assert len(answers.asked) == 1 and "Dropbox" in answers.asked[0]
    assert (result is not None) is answer
    if result is not None:
        assert result.banner and "shared or synced" in result.banner
        result.services.close()


def test_a_damaged_file_is_restored_from_its_backup_when_accepted(qtbot: QtBot, filled: Path) -> None:
    services = open_services_fixed(filled)
    services.backups.backup_now()
    services.actions.record(NewAction(services.forums.forums()[0].id, "after the backup"))
    services.close()
    scribble_interior_page(filled)
    declined = Answers(False)
    assert open_safely(filled, ask=declined.ask, tell=declined.tell) is None
    assert "newest good backup" in declined.asked[0] and not list(filled.parent.glob("*.damaged-*"))
    accepted = Answers(True)
    result = open_safely(filled, ask=accepted.ask, tell=accepted.tell)
    assert result is not None and result.banner and "damaged file was kept as forum.sqlite.damaged-" in result.banner
    assert len(result.services.actions.list(_query())) == ACTIONS
    result.services.close()
    assert len(list(filled.parent.glob("forum.sqlite.damaged-*"))) == 1


def test_a_damaged_file_without_backup_is_explained_and_left(qtbot: QtBot, filled: Path) -> None:
    scribble_interior_page(filled)
    answers = Answers(True)
    assert open_safely(filled, ask=answers.ask, tell=answers.tell) is None
    assert answers.told and "No backup" in answers.told[0] and filled.exists()


def _query() -> object:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery()
