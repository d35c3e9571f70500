"""Count the service and repository objects one connection's ``Services`` builds (issue 13's composition root).

Run ``.venv/bin/python -m tools.count_objects`` (from the repository root). Every class defined in a
``forumdesk.services.*`` or ``forumdesk.db.repositories.*`` module has its ``__init__`` wrapped while one
``Services(store)`` is built on a fresh temp-file database, so every object made during construction is
counted, however deep, even one that is built and thrown away; services built on first use (``imports``) are
asked for, so they count too. ``Services`` (the root) and ``Repositories`` (the
bundle that holds each repository once) are left out: they hold the objects counted.

``count_objects()`` is what tests/services/test_composition_root.py calls, so the figure cannot creep back.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PACKAGES = ("forumdesk.services", "forumdesk.db.repositories")
HOLDERS = {"Services", "Repositories"}


def _classes() -> list[type]:
    found: list[type] = []
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        names = [package_name] + [f"{package_name}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
        for name in names:
            module = importlib.import_module(name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == name and cls.__name__ not in HOLDERS and "__init__" in cls.__dict__:
                    found.append(cls)
    return found


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Inside, every construction of a services or repositories class adds one to its class's name."""
    counts: Counter[str] = Counter()
    patched: list[tuple[type, Callable[..., None]]] = []
    for cls in _classes():
        original = cls.__dict__["__init__"]

        def wrapper(self: Any, *args: Any, __original: Any = original, __cls: type = cls, **kwargs: Any) -> None:
            kind = type(self)  # counted once, by the outermost ``__init__`` (a subclass may inherit its base's)
            if next(c for c in kind.__mro__ if "__init__" in c.__dict__) is __cls:
                counts[kind.__name__] += 1
            __original(self, *args, **kwargs)

        functools.update_wrapper(wrapper, original)
        patched.append((cls, original))
        setattr(cls, "__init__", wrapper)  # noqa: B010 -- mypy refuses assigning a method
    try:
        yield counts
    finally:
        for cls, original in patched:
            setattr(cls, "__init__", original)  # noqa: B010


def count_objects(path: Path | None = None) -> tuple[Counter[str], Counter[str]]:
    """(services, repositories) built by one ``Services`` on ``path`` (a fresh database when None)."""
    from forumdesk.db import open_store
    from forumdesk.services import Services

    with tempfile.TemporaryDirectory() as folder:
        if path is None:
            path = Path(folder) / "count.sqlite"
            open_store(path, create=True).close()
        store = open_store(path, create=False)
        try:
            with counting() as counts:
                services = Services(store)
                for name, member in vars(Services).items():  # the ones built on first use count too
                    if isinstance(member, functools.cached_property):
                        getattr(services, name)
        finally:
            store.close()
    services = Counter({k: v for k, v in counts.items() if not k.endswith("Repository")})
    repositories = Counter({k: v for k, v in counts.items() if k.endswith("Repository")})
    return services, repositories


def main() -> int:
    services, repositories = count_objects()
    for title, counts in (("services", services), ("repositories", repositories)):
        print(f"{title}: {sum(counts.values())} objects")
        for name, n in sorted(counts.items()):
            print(f"  {n:3d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
