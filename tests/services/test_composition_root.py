"""The composition root (issue 13): one ``Services`` per connection builds each repository and each service once,
and nothing else builds them; the app and the GUI reach the database only through ``Services``.

The counts come from ``tools/count_objects.py`` (``python -m tools.count_objects``), which wraps the
constructors of every class in forumdesk.services.* and forumdesk.db.repositories.* while one ``Services``
is built. Before the change one connection built 20 service objects and 53 repository objects.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from forumdesk.db import open_store
from forumdesk.services import Services
from tools.count_objects import count_objects, counting

ROOT = Path(__file__).resolve().parents[2] / "forumdesk"
SERVICES = 17  # one of each service class Services wires (ImportService, MailService, HistoryService, ...)
REPOSITORIES = 13  # one of each repository class (history, search indexes and chases included)


def test_one_connection_builds_each_repository_and_each_service_once(db_path: Path) -> None:
    services, repositories = count_objects(db_path)
    assert set(repositories.values()) == {1}, f"a repository built more than once per connection: {repositories}"
    assert set(services.values()) == {1}, f"a service built more than once per connection: {services}"
    assert sum(repositories.values()) == REPOSITORIES
    assert sum(services.values()) == SERVICES


def test_a_worker_threads_services_get_their_own_repositories(services: Services) -> None:
    with counting() as counts:
        other = services.for_thread()
    try:
        assert other.repos is not services.repos
        assert other.repos.store is not services.store
        assert counts["ActionRepository"] == 1 and counts["ActionService"] == 1
        assert other.actions.repos is other.repos is other.room.repos
    finally:
        other.close()


def test_the_services_share_one_connections_repositories(services: Services) -> None:
    repos = services.repos
    backed = [services.actions, services.minutes, services.imports, services.forums, services.cycle, services.room,
              services.strategy, services.directory, services.meetings, services.admin, services.privacy,
              services.exports, services.history, services.mail]
    assert all(service.repos is repos and service.store is services.store for service in backed)
    assert services.room.cycle is services.cycle and services.room.actions is services.actions
    assert services.exports.actions is services.actions and services.exports.minutes is services.minutes
    assert services.imports.backups is services.backups is services.privacy.backups
    assert services.mail.exports is services.exports and services.mail.actions is services.actions


def _constructor_calls(path: Path) -> list[str]:
    """Names called in ``path`` that look like building a service or a repository."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if re.fullmatch(r"[A-Z]\w*(Service|Repository|Repositories)", name):
                names.append(name)
    return names


def test_only_the_composition_root_builds_services_and_repositories() -> None:
    roots = {ROOT / "services" / "__init__.py", ROOT / "db" / "repositories" / "__init__.py"}
    wrong = {
        str(path.relative_to(ROOT.parent)): calls
        for path in sorted(ROOT.rglob("*.py"))
        if path not in roots and (calls := _constructor_calls(path))
    }
    assert not wrong, f"built outside the composition root: {wrong}"


def test_the_rule_sees_a_service_building_another(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("class A:\n    def __init__(self, s):\n        self.x = ActionService(s, t)\n"
                   "        self.y = repositories.ForumRepository(s)\n")
    assert _constructor_calls(bad) == ["ActionService", "ForumRepository"]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


def test_the_app_and_the_gui_do_not_import_the_command_line() -> None:
    paths = [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py"))]
    wrong = {
        str(p.relative_to(ROOT.parent)): names
        for p in paths
        if (names := [n for n in _imports(p) if n.startswith(("forumdesk.commands", "forumdesk.cli"))])
    }
    assert not wrong, f"the app reaches into the command line: {wrong}"


def test_no_connection_or_transaction_in_the_gui_or_the_commands() -> None:
    pattern = re.compile(r"\.store\b|\bconn\b|\bBEGIN\b|\.transaction\(|sys\.modules")
    wrong = []
    for folder in ("ui", "commands"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if pattern.search(line):
                    wrong.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()}")
    assert not wrong, "the GUI and the commands go through Services:\n" + "\n".join(wrong)


def test_imports_are_the_services_own_on_the_same_connection(db_path: Path) -> None:
    store = open_store(db_path, create=False)
    services = Services(store)
    try:
        assert services.imports.store is store
        assert services.imports.repos is services.repos
    finally:
        services.close()


def test_services_load_the_spreadsheet_readers_only_when_an_import_is_asked_for() -> None:
    code = (
        "import sys, forumdesk.services\n"
        "assert 'forumdesk.imports' not in sys.modules, 'start-up pays for the import readers'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT.parent, timeout=60)


def test_the_import_service_is_built_once_per_connection_on_first_use(services: Services) -> None:
    assert services.imports is services.imports
    other = services.for_thread()
    try:
        assert other.imports is not services.imports and other.imports.store is other.store
    finally:
        other.close()
