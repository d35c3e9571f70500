"""The desktop app under load, for the torture test: run as ``python -m tests.safety.torture_app DB RUN_DIR``.

Opens DB the way ``forumdesk`` does (the shell, its watchers, the safe open), then keeps saving through the
window's write lane: the notes of one agenda item (as live minutes are typed) and new actions, one every
~25 ms. Each write acknowledged by the lane is appended to ``RUN_DIR/acked``; every error the window would
show goes to ``RUN_DIR/errors``; every moment the journal files were missing goes to ``RUN_DIR/journal``.
It stops when ``RUN_DIR/stop`` appears, and prints ``ready`` once writing has begun.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer

from forumdesk.app import Shell, application
from forumdesk.services.actions import NewAction

TICK_MS = 25


def main(db: Path, run: Path) -> int:
    app = application()
    shell = Shell()
    window = shell.open(db, watch=True, safe=True)
    assert window is not None and shell.ctx is not None
    ctx = shell.ctx
    services = ctx.services
    forum = services.forums.forums()[0]
    meeting_id = services.cycle.plan_meeting(forum.id, datetime(2026, 12, 10, 10, 0), apply_template=False).value
    items = [services.cycle.add_item(meeting_id, f"Torture item {n}").value for n in range(1, 4)]
    acked = (run / "acked").open("a", encoding="utf-8")
    errors = (run / "errors").open("a", encoding="utf-8")
    journal = (run / "journal").open("a", encoding="utf-8")
    ctx.error_reported.connect(lambda message: (errors.write(f"{message}\n"), errors.flush()))
    state = {"n": 0, "notes": "", "item": 0, "in_flight": 0}

    def acknowledge(line: str) -> None:
        state["in_flight"] -= 1
        acked.write(line + "\n")
        acked.flush()

    def failed(error: BaseException) -> None:
        state["in_flight"] -= 1
        errors.write(f"{type(error).__name__}: {error}\n")
        errors.flush()

    def tick() -> None:
        if (run / "stop").exists():
            timer.stop()
            ctx.tasks.wait()
            app.quit()
            return
        for suffix in ("-wal", "-shm"):
            if not Path(f"{db}{suffix}").exists():
                journal.write(f"{datetime.now().isoformat()} {suffix} missing\n")
                journal.flush()
        if state["in_flight"] >= 2:
            return  # the lane is behind: wait, as typing in the app waits for its save
        n = state["n"] = state["n"] + 1
        state["in_flight"] += 1
        if n % 2:
            text = f"torture action {n}"
            ctx.tasks.write(
                lambda s, text=text: s.actions.record(NewAction(forum.id, text)),
                lambda _result, text=text: acknowledge(f"action\t{text}"),
                failed,
            )
        else:
            if len(state["notes"]) > 2000:  # the next item, as the meeting moves on
                state["notes"], state["item"] = "", (state["item"] + 1) % len(items)
            state["notes"] += f"word{n} "
            notes, item_id = state["notes"], items[state["item"]]
            ctx.tasks.write(
                lambda s, notes=notes, item_id=item_id: s.room.save_notes(item_id, notes),
                lambda _result, notes=notes, item_id=item_id: acknowledge(f"notes\t{item_id}\t{len(notes)}"),
                failed,
            )
        if n == 4:
            print("ready", flush=True)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(TICK_MS)
    code = int(app.exec())
    shell.close()
    for handle in (acked, errors, journal):
        handle.close()
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
