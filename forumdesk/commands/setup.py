"""``forumdesk init`` and ``forumdesk demo``: new databases."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from forumdesk.commands._common import add_db_argument
from forumdesk.domain.errors import StoreError, ValidationError
from forumdesk.domain.strategy import load_strategy
from forumdesk.paths import resolve_db
from forumdesk.resources import bundled_strategy_path


def register(sub: Any) -> None:
    init = sub.add_parser("init", help="a new database with the strategy loaded")
    add_db_argument(init)
    init.add_argument("--strategy", metavar="FILE", help="another force's strategy file (TOML or JSON)")
    init.set_defaults(handler=run_init)

    demo = sub.add_parser("demo", help="a new database filled with realistic demonstration data")
    add_db_argument(demo)
    demo.add_argument(
        "--actions", type=int, default=3000, metavar="N", help="how many actions (default 3000)"
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (same seed, same data)")
    demo.set_defaults(handler=run_demo)


def _new_path(args: argparse.Namespace) -> Path:
    path = resolve_db(getattr(args, "db", None))
    if path.is_dir():
        raise StoreError(f"{path} is a folder: give a file name for the new database")
    if path.exists():
        raise StoreError(f"{path} already exists: choose a new file name (nothing was changed)")
    if not path.parent.exists():
        raise StoreError(f"The folder {path.parent} does not exist")
    return path


def create_database(path: Path, strategy_file: str | Path | None = None) -> None:
    """Create a database at a new ``path`` with a strategy loaded; leaves no file behind on failure."""
    from forumdesk.services import open_services

    doc = load_strategy(strategy_file or bundled_strategy_path())  # validate before creating anything
    services = open_services(path)
    try:
        services.strategy.load(doc)
    except BaseException:
        services.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    services.close()


def run_init(args: argparse.Namespace) -> int:
    path = _new_path(args)
    create_database(path, args.strategy)
    print(f"Created {path}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from forumdesk.services import open_services
    from forumdesk.services.demo import build_demo

    if args.actions < 0:
        raise ValidationError("--actions cannot be negative")
    path = _new_path(args)
    create_database(path)
    services = open_services(path)
    try:
        summary = build_demo(services, actions=args.actions, seed=args.seed)
    except BaseException:
        services.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    services.close()
    print(f"Created {path}: {summary}")
    return 0
