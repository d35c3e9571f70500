"""Test set-up shared by every layer: Qt offscreen before any Qt import, and fresh real databases.

Fixtures:
- ``db_path``: a new database file with the bundled strategy loaded (a real temp file).
- ``services``: ``Services`` open on ``db_path`` with the clock fixed at ``TODAY``.
- ``demo_path``: a small demo database built once per session; copy it before writing (``demo_copy``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
os.environ.pop("FORUMDESK_DB", None)

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's own data folder or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("FORUMDESK_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    from forumdesk.services.setup import create_database

    path = tmp_path / "forum.sqlite"
    create_database(path)
    return path


@pytest.fixture
def services(db_path: Path) -> Iterator[object]:
    from forumdesk.services import open_services

    svc = open_services(db_path, today=lambda: TODAY)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from forumdesk.services import open_services
    from forumdesk.services.demo import build_demo
    from forumdesk.services.setup import create_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    create_database(path)
    svc = open_services(path, today=lambda: TODAY)
    build_demo(svc, actions=600, seed=7)
    svc.close()
    return path


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, target)
    return target
