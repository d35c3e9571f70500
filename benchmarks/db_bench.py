"""The data layer and the command line at county scale: demo build, full-text search, dashboard, ``list --json``.

Each function takes a demo database already built (``build_demo``) and returns seconds (or megabytes),
the median of ``runs`` runs. What is timed is what the app runs: the dashboard figure times
``services.dashboard.summary()`` (the one read the page makes off the GUI thread), search
times ``services.actions.ids(ActionQuery(text=...))`` (what the filter box asks for), and the command line
is timed as a whole process, interpreter start-up included.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from benchmarks.measure import RUNS, check, forumdesk_command, median_seconds, run_measured
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services, open_services

# Words a secretary types into the filter box: one common word, a rarer one, two words, a prefix.
SEARCHES = ("knife", "night-time economy", "safeguarding referral", "exploit")


def build_demo(folder: Path, actions: int, runs: int = RUNS) -> tuple[Path, float]:
    """``forumdesk demo --actions N`` as a whole process, ``runs`` times; keeps the last file."""
    times: list[float] = []
    kept = folder / f"demo-{actions}.db"
    for attempt in range(max(runs, 1)):
        target = kept if attempt == runs - 1 else folder / f"demo-{actions}-scratch.db"
        _remove_db(target)
        run = check(
            run_measured(forumdesk_command("demo", "--db", str(target), "--actions", str(actions))),
            f"forumdesk demo --actions {actions}",
        )
        times.append(run.seconds)
        if target != kept:
            _remove_db(target)
    return kept, statistics.median(times)


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def busiest_forum(services: Services) -> tuple[int, str]:
    """The forum with the most actions: the hardest case for a filtered listing."""
    counts = [
        (services.actions.count(ActionQuery(forum_ids=(f.id,))), f.id, f.name) for f in services.forums.forums()
    ]
    _, forum_id, name = max(counts)
    return forum_id, name


def bench_search(services: Services, runs: int = RUNS) -> float:
    """Full-text search: the slowest of ``SEARCHES`` (each a median of ``runs``), ids in due order."""
    return max(
        median_seconds(lambda text=text: services.actions.ids(ActionQuery(text=text)), runs)  # type: ignore[misc]
        for text in SEARCHES
    )


def bench_dashboard(services: Services, runs: int = RUNS) -> float:
    return median_seconds(lambda: services.dashboard.summary(), runs)


def bench_list_json(db: Path, forum: str, runs: int = RUNS) -> float:
    """``forumdesk list actions --forum F --overdue --json`` as a whole process."""
    command = forumdesk_command("list", "actions", "--db", str(db), "--forum", forum, "--overdue", "--json")
    times = []
    check(run_measured(command), "forumdesk list actions --json")  # warm-up: bytecode and file cache
    for _ in range(max(runs, 1)):
        run = check(run_measured(command), "forumdesk list actions --json")
        if not run.stdout.lstrip().startswith("["):
            raise RuntimeError(f"list --json printed no JSON array: {run.stdout[:80]!r}")
        times.append(run.seconds)
    return statistics.median(times)


STARTUP = re.compile(r"startup_ms=(\d+(?:\.\d+)?)")


def bench_smoke_test(db: Path, runs: int = RUNS) -> dict[str, float]:
    """The app's ``--smoke-test`` as a process: its peak RSS (MB) and the ``startup_ms`` it prints."""
    rss: list[float] = []
    startup: list[float] = []
    check(run_measured(forumdesk_command("--db", str(db), "--smoke-test")), "forumdesk --smoke-test")  # warm-up
    for _ in range(max(runs, 1)):
        run = check(run_measured(forumdesk_command("--db", str(db), "--smoke-test")), "forumdesk --smoke-test")
        rss.append(run.max_rss_mb)
        if found := STARTUP.search(run.stdout + run.stderr):
            startup.append(float(found.group(1)) / 1000)
    result = {"smoke_rss_mb": statistics.median(rss)}
    if startup:
        result["smoke_startup_s"] = statistics.median(startup)
    return result


def measure(db: Path, runs: int = RUNS) -> dict[str, float]:
    """Every data-layer figure for one database, in seconds (``*_mb`` in megabytes)."""
    services = open_services(db, create=False)
    try:
        _, forum = busiest_forum(services)
        figures = {
            "search_s": bench_search(services, runs),
            "dashboard_s": bench_dashboard(services, runs),
        }
    finally:
        services.close()
    figures["list_json_s"] = bench_list_json(db, forum, runs)
    figures.update(bench_smoke_test(db, runs))
    return figures
