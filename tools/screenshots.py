"""``make screenshots``: every page of the main window at 1366x768 on demo data, into docs/screenshots/.

Builds a demo database with ``forumdesk demo`` in a temp folder, opens the main window offscreen at the
size of a typical council laptop, lets each page finish loading (and picks a row where a page has a
detail panel), and saves ``docs/screenshots/<page>.png`` with ``QWidget.grab()``. Settings go to a
throwaway folder, so the developer's own window layout is untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
DEMO_ACTIONS = "3000"


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


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="forumdesk-shots-") as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        db = build_demo(Path(folder))
        from forumdesk.app import application
        from forumdesk.services import open_services
        from forumdesk.ui.context import AppContext
        from forumdesk.ui.main_window import PAGE_KEYS, MainWindow

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
