"""Fixtures for the data-safety tests: a database with some actions in it, and helpers to read it back."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from forumdesk.db import open_store
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from tests.conftest import TODAY

ACTIONS = 30


@pytest.fixture
def filled(db_path: Path) -> Path:
    """A closed database with ``ACTIONS`` actions and one meeting."""
    services = open_services(db_path, today=lambda: TODAY)
    try:
        forum = services.forums.forums()[0]
        for n in range(ACTIONS):
            services.actions.record(NewAction(forum.id, f"Action number {n} about street lighting"))
        from datetime import datetime

        services.meetings.schedule(forum.id, datetime(2026, 12, 3, 10, 0))
    finally:
        services.close()
    return db_path


def descriptions(path: Path) -> list[str]:
    store = open_store(path, create=False, migrate=False, read_only=True)
    try:
        return [r[0] for r in store.query("SELECT description FROM actions ORDER BY id")]
    finally:
        store.close()


def healthy(path: Path) -> bool:
    services = open_services(path, create=False, today=lambda: TODAY)
    try:
        return services.admin.check().ok
    finally:
        services.close()


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small RAM disk (root only); skips the test where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def open_services_fixed(path: Path) -> Services:
    return open_services(path, create=False, today=lambda: TODAY)
