"""The layer contract, read from the source of a ``forumdesk`` package folder (the real one, or a test's copy).

``violations(root)`` lists every breach of STYLE.md's rules ("Layers", "Static imports only"); tests/test_layers.py
runs it on the package, and on copies with a wrong change added, to prove each rule bites. Every import counts:
absolute or relative, at the top of a module, under ``TYPE_CHECKING`` or inside a function.

- The arrows: domain <- db, export, imports <- services <- ui, cli/commands; app.py wires them all together.
- PySide6 only in ui/ and app.py; the domain imports the standard library only.
- Static imports only: no importlib (bar ``importlib.resources``), ``__import__``, ``sys.modules``, pkgutil,
  runpy, ``exec`` or ``eval``.
- SQL only in db/: no SQL text, in any case, and no ``execute`` calls anywhere else.
"""

from __future__ import annotations

import ast
import functools
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "forumdesk"
LAYERS = ("domain", "db", "export", "imports", "services", "commands", "ui")
# Top-level modules outside the layer packages, and the layer each belongs to.
TOP_MODULES = {
    "forumdesk": "utility",
    "forumdesk.__main__": "commands",
    "forumdesk.cli": "commands",
    "forumdesk.app": "app",
    "forumdesk.frozen": "utility",
    "forumdesk.paths": "utility",
    "forumdesk.resources": "utility",
    "forumdesk.tempfiles": "utility",
}
# What each layer may import from the project.
ALLOWED = {
    "utility": {"utility"},
    "domain": {"domain", "utility"},
    "db": {"domain", "db", "utility"},
    "export": {"domain", "export", "utility"},
    "imports": {"domain", "imports", "utility"},
    "services": {"domain", "db", "export", "imports", "services", "utility"},
    "commands": {"domain", "services", "commands", "app", "utility"},
    "ui": {"domain", "services", "ui", "utility"},
    "app": {"domain", "services", "ui", "commands", "app", "utility"},
}
QT = ("PySide6", "shiboken6")
QT_LAYERS = ("ui", "app")
# Loading code by name: a module that is not in the import graph, and a build that may lack it.
DYNAMIC_MODULES = ("importlib", "pkgutil", "runpy", "imp", "zipimport")
DATA_ONLY = ("importlib.resources", "importlib.metadata")  # read files, never load code
DYNAMIC_BUILTINS = ("__import__", "exec", "eval")
EXECUTE = ("execute", "executemany", "executescript")
SQL = re.compile(
    r"""\bselect\s+(?:distinct\s+)?(?:\*|[\w.()"']+(?:\s*,\s*[\w.()"']+)*)\s+from\s+[\w"]+
      | \binsert\s+(?:or\s+\w+\s+)?into\s+[\w"]+
      | \breplace\s+into\s+[\w"]+
      | \bupdate\s+[\w"]+\s+set\s+[\w"]+\s*=
      | \bdelete\s+from\s+[\w"]+
      | \b(?:create|drop)\s+(?:temp\s+|temporary\s+|virtual\s+|unique\s+)?(?:table|index|view|trigger)\b
      | \balter\s+table\s+[\w"]+
      | \bpragma\s+\w+
      | \bwhere\s+[\w.]+\s*(?:=|<|>|!=|\bis\b|\bin\b|\blike\b)\s*(?:\?|:\w+|'|\d|\()
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Import:
    target: str  # the absolute module (or, for ``from m import name``, ``m.name`` when that is a module)
    line: int
    top_level: bool  # run when the module is imported (TYPE_CHECKING blocks count), not only inside a function


def module_files(root: Path) -> dict[str, Path]:
    """Every module of the package in ``root`` (the ``forumdesk`` folder), by dotted name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def layer_of(module: str) -> str | None:
    """The layer a project module belongs to; None for one that is in none (itself a breach)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return TOP_MODULES.get(".".join(parts[:2]))


def parse(path: Path) -> list[tuple[ast.AST, bool]]:
    """Every node of the module with whether it runs at import time (not only inside a function body)."""
    return _parse_text(path.read_text(encoding="utf-8"))


@functools.cache
def _parse_text(text: str) -> list[tuple[ast.AST, bool]]:  # by text: the meta-tests' copies share the work
    return list(_walk(ast.parse(text)))


def imports_of(module: str, path: Path, known: set[str], nodes: list[tuple[ast.AST, bool]]) -> Iterator[Import]:
    """Every import in the module, relative ones resolved; a relative import beyond the top gives ``..``."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    for node, top_level in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, node.lineno, top_level)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                if node.level - 1 >= len(parts):
                    yield Import("..", node.lineno, top_level)
                    continue
                base = ".".join(parts[: len(parts) - (node.level - 1)] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            project = base == PACKAGE or base.startswith(PACKAGE + ".")
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield Import(sub if sub in known or not project else base, node.lineno, top_level)


def _walk(tree: ast.AST) -> Iterator[tuple[ast.AST, bool]]:
    stack: list[tuple[ast.AST, bool]] = [(tree, True)]
    while stack:
        node, top_level = stack.pop()
        yield node, top_level
        inner = top_level and not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def import_graph(root: Path, *, top_level_only: bool = False) -> dict[str, set[str]]:
    """Project module -> the project modules it imports."""
    files = module_files(root)
    known = set(files)
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        graph[module] = {
            i.target for i in imports_of(module, path, known, parse(path))
            if i.target in known and i.target != module and (i.top_level or not top_level_only)
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module reached from ``start`` by following imports, with the packages that hold them."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(graph.get(module, ()))
        parent = module.rpartition(".")[0]
        if parent:
            todo.append(parent)
    return seen


def violations(root: Path) -> list[str]:
    """Every breach of the layer contract in the package at ``root``, as ``module:line: what``."""
    files = module_files(root)
    known = set(files)
    found: list[str] = []
    for module, path in files.items():
        layer = layer_of(module)
        if layer is None:
            found.append(f"{module}:1: is in no layer (add it to tests/architecture.py's TOP_MODULES)")
            continue
        nodes = parse(path)
        for imp in imports_of(module, path, known, nodes):
            problem = _import_problem(layer, imp.target)
            if problem:
                found.append(f"{module}:{imp.line}: {problem}")
        found += [f"{module}:{line}: {problem}" for line, problem in _dynamic_loading(nodes)]
        if layer != "db":
            found += [f"{module}:{line}: {problem}" for line, problem in _sql(nodes)]
    return found


def _import_problem(layer: str, target: str) -> str | None:
    if target == "..":
        return "a relative import beyond the package"
    top = target.split(".")[0]
    if top == PACKAGE:
        target_layer = layer_of(target)
        if target_layer is None:
            return f"imports {target}, which is in no layer"
        if target_layer not in ALLOWED[layer]:
            return f"{layer} imports {target} ({target_layer}): the arrows point the other way"
        return None
    if top in QT and layer not in QT_LAYERS:
        return f"{layer} imports {target}: PySide6 only in ui/ and app.py"
    if any(target == m or target.startswith(m + ".") for m in DYNAMIC_MODULES) and not any(
        target == d or target.startswith(d + ".") for d in DATA_ONLY
    ):
        return f"imports {target}: modules are imported by name in the source, never loaded by string"
    if layer == "domain" and top not in sys.stdlib_module_names and top != "__future__":
        return f"domain imports {target}: the domain is standard library only"
    return None


def _dynamic_loading(nodes: list[tuple[ast.AST, bool]]) -> Iterator[tuple[int, str]]:
    """``__import__``, ``exec``, ``eval``, and ``sys.modules`` however ``sys`` is named."""
    sys_names = {"sys"} | {
        alias.asname or alias.name
        for node, _ in nodes if isinstance(node, ast.Import)
        for alias in node.names if alias.name == "sys"
    }
    for node, _ in nodes:
        line = getattr(node, "lineno", 1)
        if isinstance(node, ast.Name) and node.id in DYNAMIC_BUILTINS:
            yield line, f"uses {node.id}: modules are imported by name in the source, never loaded by string"
        elif isinstance(node, ast.Attribute) and node.attr == "__import__":
            yield line, f"uses {ast.unparse(node)}: modules are imported by name, never loaded by string"
        elif _reads_sys_modules(node, sys_names):
            yield line, "reads sys.modules: import the module instead"


def _reads_sys_modules(node: ast.AST, sys_names: set[str]) -> bool:
    """``sys.modules``, ``getattr(sys, "modules")`` or ``from sys import modules``."""
    if isinstance(node, ast.Attribute):
        return node.attr == "modules" and isinstance(node.value, ast.Name) and node.value.id in sys_names
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr":
        args = node.args
        return (
            len(args) >= 2 and isinstance(args[0], ast.Name) and args[0].id in sys_names
            and isinstance(args[1], ast.Constant) and args[1].value == "modules"
        )
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "sys":
        return any(alias.name == "modules" for alias in node.names)
    return False


def _sql(nodes: list[tuple[ast.AST, bool]]) -> Iterator[tuple[int, str]]:
    """SQL text in any case (docstrings aside) and ``execute`` calls: SQL belongs in forumdesk/db."""
    docstrings = {
        id(node.body[0].value)
        for node, _ in nodes
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    for node, _ in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            match = SQL.search(node.value)
            if match:
                yield node.lineno, f"SQL outside forumdesk/db: {match.group(0)!r}"
        elif isinstance(node, ast.JoinedStr):  # an f-string: its text with each placeholder as a name
            text = "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
            match = SQL.search(text)
            if match:
                yield node.lineno, f"SQL outside forumdesk/db: {match.group(0)!r}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in EXECUTE:
            yield node.lineno, f"calls .{node.func.attr}(): SQL runs in forumdesk/db only"
