"""``forumdesk init`` and ``forumdesk demo``: new databases."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from forumdesk.commands._common import MAX_DEMO_ACTIONS, action_count, add_command, nonblank
from forumdesk.domain.errors import StoreError
from forumdesk.paths import resolve_db


def register(sub: Any) -> None:
    init = add_command(sub, "init", run_init, help="a new database with the strategy loaded")
    init.add_argument("--strategy", metavar="FILE", type=nonblank, help="another force's strategy file (TOML or JSON)")

    demo = add_command(sub, "demo", run_demo, help="a new database filled with realistic demonstration data")
    demo.add_argument(
        "--actions",
        type=action_count,
        default=3000,
        metavar="N",
        help=f"how many actions, up to {MAX_DEMO_ACTIONS:,} (default 3000)",
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (same seed, same data)")


def _new_path(args: argparse.Namespace) -> Path:
    path = resolve_db(getattr(args, "db", None))
    if path.is_dir():
        raise StoreError(f"{path} is a folder: give a file name for the new database")
    if path.exists():
        raise StoreError(f"{path} already exists: choose a new file name (nothing was changed)")
    if not path.parent.exists():
        raise StoreError(f"The folder {path.parent} does not exist")
    return path


def run_init(args: argparse.Namespace) -> int:
    from forumdesk.services.setup import create_database

    path = _new_path(args)
    create_database(path, args.strategy)
    print(f"Created {path}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from forumdesk.services.setup import create_demo_database

    path = _new_path(args)
    summary = create_demo_database(path, actions=args.actions, seed=args.seed)
    print(f"Created {path}: {summary}")
    return 0
