"""The architecture's arrows point one way, and a wrong import fails here (STYLE.md, "Layers").

The rules live in ``tests/architecture.py``. The meta-tests prove each rule bites: they add a wrong change to a
temporary copy of the package and run the same check on the copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.architecture import cycles, import_graph, module_files, reachable, violations

ROOT = Path(__file__).resolve().parents[1] / "forumdesk"


def test_the_package_keeps_the_layer_contract() -> None:
    assert violations(ROOT) == []


def test_no_module_imports_itself_round_a_circle() -> None:
    """Function-level and TYPE_CHECKING imports count: a circle is one, however late it is closed."""
    assert cycles(import_graph(ROOT)) == []


def test_every_module_is_reached_by_static_imports_from_the_command_line() -> None:
    """What the frozen build bundles: PyInstaller follows these imports from the entry point (build.spec)."""
    unreached = set(module_files(ROOT)) - reachable(import_graph(ROOT), "forumdesk.cli")
    assert unreached == {"forumdesk.__main__"}  # ``python -m forumdesk`` only: the build has its own entry point


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the package, checked clean first, so a breach found is the one a test adds."""
    target = tmp_path_factory.mktemp("layers") / "forumdesk"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("__pycache__"))
    assert violations(target) == []
    return target


@pytest.fixture
def add(copy: Path) -> Iterator[Callable[[str, str], Path]]:
    """``add("db/wrong.py", text)`` writes a module into the copy; it is removed after the test."""
    added: list[Path] = []

    def write(relative: str, text: str) -> Path:
        path = copy / relative
        path.write_text(f'"""A wrong change."""\n{text}', encoding="utf-8")
        added.append(path)
        return path

    yield write
    for path in added:
        path.unlink()


WRONG_CHANGES = {
    # (a) relative imports upward, at the top or inside a function
    "relative-up-from-db": (
        "db/wrong.py", "from ..ui import shell\n",
        "forumdesk.db.wrong:2: db imports forumdesk.ui.shell (ui): the arrows point the other way",
    ),
    "relative-up-in-a-function": (
        "services/wrong.py", "def later():\n    from ..ui.shell.tasks import TaskRunner\n",
        "forumdesk.services.wrong:3: services imports forumdesk.ui.shell.tasks (ui): the arrows point the other way",
    ),
    "relative-package-import": (
        "domain/wrong.py", "from .. import db\n",
        "forumdesk.domain.wrong:2: domain imports forumdesk.db (db): the arrows point the other way",
    ),
    "relative-beyond-the-package": (
        "db/wrong.py", "from ... import elsewhere\n",
        "forumdesk.db.wrong:2: a relative import beyond the package",
    ),
    # (b) loading by name in ui/
    "importlib-in-ui": (
        "ui/wrong.py", "import importlib\n\npage = importlib.import_module('forumdesk.ui.pages.forums')\n",
        "forumdesk.ui.wrong:2: imports importlib: modules are imported by name in the source, never loaded by string",
    ),
    "import-module-from-importlib": (
        "ui/wrong.py", "from importlib import import_module\n",
        "forumdesk.ui.wrong:2: imports importlib.import_module: modules are imported by name in the source,"
        " never loaded by string",
    ),
    "importlib-util-in-a-function": (
        "ui/pages/wrong.py", "def available():\n    import importlib.util\n",
        "forumdesk.ui.pages.wrong:3: imports importlib.util: modules are imported by name in the source,"
        " never loaded by string",
    ),
    "dunder-import": (
        "ui/wrong.py", "page = __import__('forumdesk.ui.pages.forums')\n",
        "forumdesk.ui.wrong:2: uses __import__: modules are imported by name in the source, never loaded by string",
    ),
    "sys-modules-under-another-name": (
        "ui/shell/wrong.py", "import sys as system\n\ncli = system.modules.get('forumdesk.cli')\n",
        "forumdesk.ui.shell.wrong:4: reads sys.modules: import the module instead",
    ),
    "modules-from-sys": (
        "ui/wrong.py", "from sys import modules\n",
        "forumdesk.ui.wrong:2: reads sys.modules: import the module instead",
    ),
    # (c) SQL outside forumdesk/db, in lower case too
    "lower-case-select": (
        "services/wrong.py", 'QUERY = "select * from actions"\n',
        "forumdesk.services.wrong:2: SQL outside forumdesk/db: 'select * from actions'",
    ),
    "lower-case-delete": (
        "commands/wrong.py", 'QUERY = "delete from actions where id = ?"\n',
        "forumdesk.commands.wrong:2: SQL outside forumdesk/db: 'delete from actions'",
    ),
    "sql-in-an-f-string": (
        "ui/wrong.py", 'def query(table):\n    return f"Update {table} Set title = ?"\n',
        "forumdesk.ui.wrong:3: SQL outside forumdesk/db: 'Update x Set title ='",
    ),
    "execute-outside-db": (
        "services/wrong.py", "def run(conn, text):\n    return conn.execute(text)\n",
        "forumdesk.services.wrong:3: calls .execute(): SQL runs in forumdesk/db only",
    ),
    # the rules there were before
    "qt-in-services": (
        "services/wrong.py", "from PySide6.QtCore import QObject\n",
        "forumdesk.services.wrong:2: services imports PySide6.QtCore.QObject: PySide6 only in ui/ and app.py",
    ),
    "qt-in-the-command-line": (
        "commands/wrong.py", "def later():\n    import PySide6\n",
        "forumdesk.commands.wrong:3: commands imports PySide6: PySide6 only in ui/ and app.py",
    ),
    "third-party-in-the-domain": (
        "domain/wrong.py", "import sqlite_utils\n",
        "forumdesk.domain.wrong:2: domain imports sqlite_utils: the domain is standard library only",
    ),
    "db-imports-services": (
        "db/wrong.py", "from forumdesk.services import Services\n",
        "forumdesk.db.wrong:2: db imports forumdesk.services (services): the arrows point the other way",
    ),
    "ui-imports-db": (
        "ui/wrong.py", "from forumdesk.db.connection import Store\n",
        "forumdesk.ui.wrong:2: ui imports forumdesk.db.connection (db): the arrows point the other way",
    ),
    "export-imports-ui-from-the-package": (
        "export/wrong.py", "from forumdesk import ui\n",
        "forumdesk.export.wrong:2: export imports forumdesk.ui (ui): the arrows point the other way",
    ),
    "ui-imports-the-command-line": (
        "ui/wrong.py", "import forumdesk.cli\n",
        "forumdesk.ui.wrong:2: ui imports forumdesk.cli (commands): the arrows point the other way",
    ),
    "a-module-in-no-layer": (
        "wrong.py", "VALUE = 1\n",
        "forumdesk.wrong:1: is in no layer (add it to tests/architecture.py's TOP_MODULES)",
    ),
}


@pytest.mark.parametrize(("relative", "text", "expected"), list(WRONG_CHANGES.values()), ids=list(WRONG_CHANGES))
def test_the_contract_fails_on_a_wrong_change(
    add: Callable[[str, str], Path], copy: Path, relative: str, text: str, expected: str
) -> None:
    add(relative, text)
    assert violations(copy) == [expected]


def test_the_circle_check_fails_on_a_circle(add: Callable[[str, str], Path], copy: Path) -> None:
    add("db/wrong_a.py", "from forumdesk.db import wrong_b\n")
    add("db/wrong_b.py", "def later():\n    from . import wrong_a\n")
    assert cycles(import_graph(copy)) == [["forumdesk.db.wrong_a", "forumdesk.db.wrong_b"]]


def test_the_reach_check_fails_on_a_module_nothing_imports(add: Callable[[str, str], Path], copy: Path) -> None:
    add("ui/pages/orphan.py", "VALUE = 1\n")
    unreached = set(module_files(copy)) - reachable(import_graph(copy), "forumdesk.cli")
    assert unreached == {"forumdesk.__main__", "forumdesk.ui.pages.orphan"}
