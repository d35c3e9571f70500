"""``forumdesk.app.Shell``: one database in one window; File > New or Open switches to another file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forumdesk.app import Shell
from forumdesk.ui.shell.main_menus import recent_paths


def test_switching_database_opens_a_new_window_and_remembers_the_old_file(
    qtbot: Any, db_path: Path, tmp_path: Path
) -> None:
    shell = Shell()
    first = shell.open(db_path, watch=False)
    first.show()
    new_path = tmp_path / "second.sqlite"
    first.open_database(new_path)  # what File > New database does once a name is chosen
    try:
        assert shell.window is not None and shell.window is not first
        assert shell.window.ctx.services.path == new_path
        assert new_path.exists() and shell.window.ctx.services.strategy.is_loaded()
        assert shell.window.db_label.text() == new_path.name  # the name; the whole path in its tooltip
        assert str(new_path) in shell.window.db_label.toolTip()
        assert str(db_path.resolve()) in recent_paths(shell.window)
    finally:
        shell.close()
    assert shell.window is None


def test_a_file_that_is_not_a_database_is_refused_and_the_window_stays(
    qtbot: Any, db_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    bad = tmp_path / "notes.sqlite"
    bad.write_text("just some notes", encoding="utf-8")
    shell = Shell()
    first = shell.open(db_path, watch=False)
    first.open_database(bad)
    try:
        assert shell.window is first
        assert shown == ["notes.sqlite is not a ForumDesk database (it is not an SQLite file)"]
        assert bad.read_text(encoding="utf-8") == "just some notes"
    finally:
        shell.close()
