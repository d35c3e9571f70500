"""``make screenshots``: every page of the main window at 1366x768 on demo data, into docs/screenshots/; then
every window (each page, each dialog, the live minutes window) on small and scaled laptop screens, into
docs/screenshots/small/<screen>/ (issue 15 item 4).

Builds a demo database with ``forumdesk demo`` in a temp folder, opens the main window offscreen at the
size of a typical council laptop, lets each page finish loading (and picks a row where a page has a
detail panel), and saves ``docs/screenshots/<page>.png`` with ``QWidget.grab()``. Settings go to a
throwaway folder, so the developer's own window layout is untouched.

The small screens (``SMALL_SCREENS``) each run in a child process: ``QT_SCALE_FACTOR`` must be set before the
QApplication exists, and the offscreen platform is given a screen of that size by a config file. The same
walk over every window (``walk_windows``) is what tests/ui/test_small_screens.py checks for fit.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
DEMO_ACTIONS = "3000"
SMALL_OUT = OUT / "small"
# name: (width, height, QT_SCALE_FACTOR): a 10" netbook, and a 13" laptop at 125% and 150%
SMALL_SCREENS = {
    "1024x600": (1024, 600, 1.0),
    "1366x768-125": (1366, 768, 1.25),
    "1366x768-150": (1366, 768, 1.5),
}


def small_screen_env(name: str, folder: Path) -> dict[str, str]:
    """The environment for a child process whose (offscreen) screen is ``SMALL_SCREENS[name]``."""
    width, height, scale = SMALL_SCREENS[name]
    config = folder / f"screen-{name}.json"
    screen = {"name": name, "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["QT_SCALE_FACTOR"] = str(scale)
    env["XDG_CONFIG_HOME"] = str(folder / f"config-{name}")
    return env


def build_demo(folder: Path) -> Path:
    db = folder / "demo.sqlite"
    subprocess.run(
        [sys.executable, "-m", "forumdesk", "demo", "--db", str(db), "--actions", DEMO_ACTIONS],
        check=True, cwd=ROOT,
    )
    return db


def settle(app: object, ctx: object, seconds: float = 0.3) -> None:
    """Run the event loop until the background reads are in and painted."""
    deadline = time.monotonic() + 30
    while ctx.tasks.busy() and time.monotonic() < deadline:  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def prepare(key: str, page: object, ctx: object) -> None:
    """Put a page in the state a user would show: a row chosen where there is a detail panel."""
    if key == "actions":
        # Open actions in due order: centre the view where overdue (red) gives way to due soon (amber) and
        # on track (green), and pick an amber one with a history.
        from PySide6.QtWidgets import QAbstractItemView

        table = page.table  # type: ignore[attr-defined]
        model = page.model  # type: ignore[attr-defined]
        today = ctx.today()  # type: ignore[attr-defined]
        rows = range(min(model.rowCount(), 3000))
        first_not_late = next((r for r in rows if (a := model.action(r)) and a.effective_due
                               and a.effective_due >= today), 0)
        chosen = next((r for r in range(first_not_late, min(first_not_late + 40, model.rowCount()))
                       if (a := model.action(r)) and a.latest_update and a.aim_codes), first_not_late)
        table.selectRow(chosen)
        table.scrollTo(model.index(max(0, first_not_late - 4), 0), QAbstractItemView.ScrollHint.PositionAtTop)
        return
    if key == "forums" and hasattr(page, "select_forum"):
        forums = [f for f in ctx.services.forums.forums() if f.parent_id is not None]  # type: ignore[attr-defined]
        if forums:
            page.select_forum(forums[0].id)  # type: ignore[attr-defined]
            return
    for name in ("select_first", "_select_first"):
        select = getattr(page, name, None)
        if callable(select):
            select()
            return


# -- every window, on a small screen ---------------------------------------------------------------------
def _visible_top_levels() -> set[Any]:
    from PySide6.QtWidgets import QApplication

    return {w for w in QApplication.topLevelWidgets() if w.isVisible()}


def _opened(app: object, ctx: object, before: set[Any], trigger: Callable[[], object]) -> Any:
    """Run ``trigger`` (what a menu item or a button does) and return the window it opened."""
    trigger()
    settle(app, ctx, 0.15)
    new = [w for w in _visible_top_levels() - before if not w.inherits("QMenu")]
    if not new:
        raise RuntimeError("nothing opened")
    return new[-1]


def _close(app: object, ctx: object, widget: Any) -> None:
    from PySide6.QtWidgets import QDialog

    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()
    settle(app, ctx, 0.05)


def _pick_meetings(ctx: Any) -> tuple[int, int]:
    """A held meeting with draft (or later) minutes, and today's or the next planned meeting."""
    from forumdesk.domain.enums import MeetingStatus, MinutesStatus

    meetings = ctx.services.meetings.meetings()
    held = [m for m in meetings if m.status is MeetingStatus.HELD and m.minutes_status is not MinutesStatus.NONE]
    planned = [m for m in meetings if m.status is MeetingStatus.PLANNED]
    busiest_held = held[-1] if held else meetings[0]
    return busiest_held.id, (planned[0] if planned else busiest_held).id


def walk_windows(app: Any, ctx: Any, window: Any) -> Iterator[tuple[str, Any]]:
    """Each page of ``window``, each dialog and the live minutes window, opened as a user opens them;
    yields ``(name, top-level widget)`` with the window shown and loaded (the caller grabs or checks it)."""
    from forumdesk.ui.shell import main_menus
    from forumdesk.ui.shell.main_window import PAGE_KEYS

    for key in PAGE_KEYS:
        page = window.show_page(key)
        settle(app, ctx)
        prepare(key, page, ctx)
        settle(app, ctx)
        yield f"page-{key}", window

    def dialogs_of(prefix: str, triggers: list[tuple[str, Callable[[], object]]]) -> Iterator[tuple[str, Any]]:
        for name, trigger in triggers:
            opened = _opened(app, ctx, _visible_top_levels(), trigger)
            yield f"{prefix}-{name}", opened
            _close(app, ctx, opened)

    forums = window.show_page("forums")
    settle(app, ctx)
    prepare("forums", forums, ctx)
    settle(app, ctx)
    yield from dialogs_of("dialog", [
        ("add-forum", forums.new_item),
        ("edit-forum", forums.view.edit),
        ("add-member", forums.view.add_member),
        ("chase-forum-owners", forums.view.ask_chase),
        ("circulate-action-log", forums.view.ask_circulate),
    ])
    people = window.show_page("people")
    settle(app, ctx)
    yield from dialogs_of("dialog", [
        ("add-person", people.new_item),
        ("add-agency", people._on_add_agency_clicked),
    ])
    prepare("people", people, ctx)
    settle(app, ctx)
    yield from dialogs_of("dialog", [("chase-person", people.view.ask_chase)])
    meetings = window.show_page("meetings")
    settle(app, ctx)
    yield from dialogs_of("dialog", [("plan-meeting", meetings.new_item)])
    actions = window.show_page("actions")
    settle(app, ctx)
    prepare("actions", actions, ctx)
    settle(app, ctx)
    yield from dialogs_of("dialog", [
        ("new-action", actions.new_action),
        ("action-history", actions.show_audit),
        ("export", lambda: main_menus.open_menu_dialog(window, "export")),
        ("import", lambda: main_menus.open_menu_dialog(window, "import")),
        ("restore", lambda: main_menus.open_menu_dialog(window, "restore")),
        ("circulate", lambda: main_menus.open_menu_dialog(window, "circulate")),
        ("chase", lambda: main_menus.open_menu_dialog(window, "chase")),
    ])
    held_id, planned_id = _pick_meetings(ctx)
    ctx.navigate("meeting", meeting_id=held_id)
    settle(app, ctx)
    meeting = window.pages["meeting"]
    for index, name in enumerate(("agenda", "attendance", "matters")):
        meeting.tabs.setCurrentIndex(index)
        settle(app, ctx)
        yield f"page-meeting-{name}", window
    meeting.tabs.setCurrentIndex(0)
    yield from dialogs_of("dialog", [
        ("meeting-details", meeting.ask_details),
        ("plan-series", meeting.ask_series),
        ("standing-items", meeting.ask_template),
        ("export-minutes", meeting.ask_export),
        ("circulate-meeting", meeting.ask_circulate),
        ("agree-minutes", meeting.ask_agree),
        ("amend-minutes", meeting.ask_amend),
    ])
    ctx.navigate("meeting", meeting_id=planned_id)
    settle(app, ctx)
    yield from dialogs_of("dialog", [("move-meeting", meeting.ask_move)])
    live = _opened(app, ctx, _visible_top_levels(), meeting.open_live)
    live.step(3)
    settle(app, ctx)
    yield "live-minutes", live
    yield from dialogs_of("live", [
        ("decision", live.capture_decision),
        ("action", live.capture_action),
        ("attendance", live.show_attendance),
        ("export-minutes", live.ask_export),
    ])
    _close(app, ctx, live)


def small_screen_run(name: str, db: Path, out: Path | None, check: Callable[[str, Any], None] | None) -> None:
    """In this (child) process: open every window on screen ``name``; save each to ``out``, and/or ``check`` it."""
    from forumdesk.app import application
    from forumdesk.services import open_services
    from forumdesk.ui.shell.context import AppContext
    from forumdesk.ui.shell.main_window import MainWindow

    app = application()
    services = open_services(db)
    ctx = AppContext(services)
    window = MainWindow(ctx)
    window.show()
    settle(app, ctx)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for shot, widget in walk_windows(app, ctx, window):
        if out is not None:
            widget.grab().save(str(out / f"{shot}.png"))
        if check is not None:
            check(shot, widget)
    window.close()
    ctx.close()
    services.close()


def small_screens(db: Path, folder: Path) -> None:
    """Every window on every small screen, each screen in a child process (see the module docstring)."""
    for name in SMALL_SCREENS:
        out = SMALL_OUT / name
        for old in out.glob("*.png"):
            old.unlink()
        subprocess.run(
            [sys.executable, "-m", "tools.screenshots", "--small", name, "--db", str(db), "--out", str(out)],
            check=True, cwd=ROOT, env=small_screen_env(name, folder),
        )
        print(f"saved {out.relative_to(ROOT)}/ ({len(list(out.glob('*.png')))} windows)")



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", choices=sorted(SMALL_SCREENS), help="(child process) one small screen")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.small:
        small_screen_run(args.small, args.db, args.out, None)
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="forumdesk-shots-") as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        db = build_demo(Path(folder))
        from forumdesk.app import application
        from forumdesk.services import open_services
        from forumdesk.ui.shell.context import AppContext
        from forumdesk.ui.shell.main_window import PAGE_KEYS, MainWindow

        app = application()
        services = open_services(db)
        ctx = AppContext(services)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        OUT.mkdir(parents=True, exist_ok=True)
        for key in PAGE_KEYS:
            page = window.show_page(key)
            settle(app, ctx)
            prepare(key, page, ctx)
            settle(app, ctx)
            path = OUT / f"{key}.png"
            window.grab().save(str(path))
            print(f"saved {path.relative_to(ROOT)}")
        window.close()
        ctx.close()
        services.close()
        small_screens(db, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
