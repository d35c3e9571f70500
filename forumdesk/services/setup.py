"""New databases: the one way to make one, for the command line's ``init`` and ``demo`` and the app's first run.

``create_database`` makes a database holding a strategy (the bundled one unless another file is given);
``create_demo_database`` adds the demonstration data. Both build in a temp file and rename it into place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from forumdesk.db import health
from forumdesk.db.connection import refuse_long_name
from forumdesk.db.snapshots import os_error
from forumdesk.domain.errors import StoreError
from forumdesk.domain.strategy import StrategyDocument, load_strategy
from forumdesk.resources import bundled_strategy_path
from forumdesk.services import open_services
from forumdesk.services.demo import build_demo
from forumdesk.tempfiles import publish_new, remove_stale, remove_temp, temp_path


def create_database(path: Path, strategy_file: str | Path | None = None) -> None:
    """Create a database at a new ``path`` with a strategy loaded; leaves no file behind on failure."""
    doc = load_strategy(strategy_file or bundled_strategy_path())  # validate before creating anything
    build_new_database(path, doc)


def create_demo_database(path: Path, *, actions: int, seed: int = 1) -> str:
    """A new database at ``path`` filled with the demonstration data; returns its summary."""
    return build_new_database(path, load_strategy(bundled_strategy_path()), actions=actions, seed=seed)


def build_new_database(
    path: Path,
    strategy: StrategyDocument,
    *,
    actions: int | None = None,
    seed: int = 1,
    today: Callable[[], date] = date.today,
) -> str:
    """A new database at ``path`` holding ``strategy`` and, when ``actions`` is given, the demo's data.

    Built in a temp file beside ``path`` (``forumdesk.tempfiles``) that is marked unfinished until the
    last write, and renamed to ``path`` only when complete: a killed build never leaves a file under the
    target's name, and its temp file fails ``forumdesk check``; the next start removes it. Refuses, and
    changes nothing, when ``path`` appeared meanwhile. Returns the demo's summary ("" without a demo).
    """
    refuse_long_name(path)
    remove_stale(path.parent)
    temp = temp_path(path.parent)
    try:
        services = open_services(temp, today=today)
        try:
            health.mark_unfinished(services.store, "init" if actions is None else "demo")
            services.strategy.load(strategy)
            summary = "" if actions is None else build_demo(services, actions=actions, seed=seed)
            health.mark_finished(services.store)
        finally:
            services.close()
        wal = Path(f"{temp}-wal")
        if wal.exists() and wal.stat().st_size:
            raise StoreError(f"{path.name} could not be finished (its journal was not folded in): nothing was made")
        try:
            publish_new(temp, path)
        except FileExistsError:
            raise StoreError(f"{path} already exists: choose a new file name (nothing was changed)") from None
        except OSError as error:
            raise os_error(error, path.name) from error
    finally:
        remove_temp(temp)
    return summary
