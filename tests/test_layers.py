"""The architecture's arrows point one way; a wrong import fails here (STYLE.md, "Layers").

domain <- db, export, imports <- services <- ui, cli/commands. PySide6 only in ui and app.py.
Imports inside functions count too: the rule is about what a layer may know, not when it loads it.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "forumdesk"
UTILITIES = {"forumdesk", "forumdesk.resources", "forumdesk.paths", "forumdesk.frozen", "forumdesk.tempfiles"}
# What each layer may import from the project (beyond the utilities above).
ALLOWED = {
    "domain": {"domain"},
    "db": {"domain", "db"},
    "export": {"domain", "export"},
    "imports": {"domain", "imports"},
    "services": {"domain", "db", "export", "imports", "services"},
    "commands": {"domain", "services", "commands", "app", "cli"},
    "ui": {"domain", "services", "ui"},
}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else None


def modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_module_imports_only_what_its_layer_may(path: Path) -> None:
    layer = layer_of(path)
    if layer is None:
        layer = {"cli.py": "commands", "app.py": "app", "__main__.py": "commands"}.get(path.name, "utility")
    wrong = []
    for name in imports_of(path):
        top = name.split(".")[0]
        if top == "forumdesk":
            target = name.split(".")[1] if "." in name else ""
            if layer in ("app", "utility") or f"forumdesk.{target}" in UTILITIES or not target:
                continue
            if target not in ALLOWED.get(layer, set()):
                wrong.append(name)
        elif top in sys.stdlib_module_names or top == "__future__":
            continue
        elif top in ("PySide6", "shiboken6"):
            if layer not in ("ui", "app"):
                wrong.append(name)
        elif layer == "domain":
            wrong.append(name)  # the domain is standard library only
    assert not wrong, f"{path.relative_to(ROOT.parent)} imports across the layers: {wrong}"


def test_the_rule_catches_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from forumdesk.ui.shell.tasks import TaskRunner\nimport PySide6\n")
    assert imports_of(bad) == ["forumdesk.ui.shell.tasks", "PySide6"]


def test_no_sql_outside_the_db_layer() -> None:
    keywords = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE")
    offenders = []
    for path in modules():
        if layer_of(path) == "db":
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                upper = node.value.upper()
                if any(k in node.value for k in keywords) and (
                    " FROM " in upper or "INTO" in upper or "SET " in upper
                ):
                    offenders.append(f"{path.relative_to(ROOT.parent)}: {node.value[:40]!r}")
    assert not offenders, "SQL outside forumdesk/db:\n" + "\n".join(offenders)
