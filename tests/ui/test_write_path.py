"""One write path from the GUI: every write is a ``WriteOp`` (ui/shell/write_op.py), the only caller of the
task runner's write lane, and it always applies the ``Outcome``'s changes. Edit > Undo and Redo replay the
file's own history, so an edit made in the window is taken back by ``forumdesk undo`` and one made by the
command line by Ctrl+Z."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from forumdesk.domain.changes import Changes, Outcome
from forumdesk.domain.patches import ActionPatch
from forumdesk.services import open_services
from tests.conftest import TODAY
from tests.ui.conftest import close_window, make_window

UI = Path(__file__).resolve().parents[2] / "forumdesk" / "ui"
LANE = UI / "shell" / "write_op.py"


def _write_lane_callers(root: Path) -> list[str]:
    """Every ``<anything>.write(...)`` call on a ``tasks`` object, outside write_op.py, by file and line."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == LANE or path.name == "tasks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "write"
                and "tasks" in ast.unparse(node.func.value)
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_of_the_gui_but_write_op_calls_the_write_lane() -> None:
    assert _write_lane_callers(UI) == []


def test_the_check_finds_a_write_that_goes_around_write_op(tmp_path: Path) -> None:
    (tmp_path / "page.py").write_text(
        "def save(self):\n    self._ctx.tasks.write(lambda s: s.actions.edit(1, patch), self.done)\n",
        encoding="utf-8",
    )
    assert _write_lane_callers(tmp_path) == ["page.py:2"]


def test_a_write_that_returns_no_outcome_is_refused_not_guessed(qtbot: Any, ui_ctx: Any) -> None:
    from forumdesk.ui.shell.write_op import WriteOp

    errors: list[BaseException] = []
    applied: list[Changes] = []
    ui_ctx.changes_applied.connect(lambda changes, _initiator: applied.append(changes))
    WriteOp(ui_ctx, lambda s: (1, Changes(actions=True))).failure(errors.append).run()  # type: ignore[arg-type, return-value]
    qtbot.waitUntil(lambda: not ui_ctx.tasks.busy())
    assert [type(e) for e in errors] == [TypeError]
    assert applied == []


def test_the_outcome_s_changes_reach_every_view_with_the_initiator(qtbot: Any, demo_ctx: Any) -> None:
    from forumdesk.ui.shell.write_op import WriteOp

    action_id = demo_ctx.services.actions.ids(_open_query())[0]
    heard: list[tuple[Changes, object]] = []
    values: list[object] = []
    demo_ctx.changes_applied.connect(lambda changes, initiator: heard.append((changes, initiator)))
    me = object()
    WriteOp(demo_ctx, lambda s: s.actions.edit(action_id, ActionPatch(description="Walk the route at dusk"))) \
        .success(values.append).run(initiator=me)
    qtbot.waitUntil(lambda: values == [None])
    assert heard[0][1] is me and heard[0][0].actions


def _open_query() -> Any:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery(open_only=True)


def test_ctrl_z_in_the_window_undoes_an_edit_made_by_the_command_line(qtbot: Any, demo_copy: Path) -> None:
    from forumdesk.ui.shell.context import AppContext

    services = open_services(demo_copy, today=lambda: TODAY)
    action = services.actions.get(services.actions.ids(_open_query())[0])
    _cli("--db", str(demo_copy), "undo", expect=1)  # a fresh demo: nothing to undo yet
    ctx = AppContext(services)
    window = make_window(qtbot, ctx)
    try:
        # the command line has no edit command: make the edit from another connection, as another program would
        other = open_services(demo_copy, today=lambda: TODAY)
        outcome: Outcome[None] = other.actions.edit(action.id, ActionPatch(description="Changed by the clerk"))
        other.close()
        assert outcome.op_id is not None
        window.ctx.apply(Changes.everything())  # what the file watcher does when another program writes
        qtbot.waitUntil(lambda: window.undo_action.isEnabled())
        assert window.undo_action.text() == "&Undo Edit action"
        window.show_page("actions").table.setFocus()
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: services.actions.get(action.id).description == action.description)
        qtbot.waitUntil(lambda: window.redo_action.isEnabled())
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: services.actions.get(action.id).description == "Changed by the clerk")
    finally:
        close_window(qtbot, window)
        ctx.close()
        services.close()


def test_an_edit_made_in_the_window_is_undone_by_forumdesk_undo(qtbot: Any, demo_window: Any) -> None:
    services = demo_window.ctx.services
    page = demo_window.show_page("actions")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not demo_window.ctx.tasks.busy())
    action = page.model.action(0)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))  # the first row, as a click or the arrow keys choose it
    assert page.selected_ids() == [action.id]
    page.set_status_of_selected(_complete())
    qtbot.waitUntil(lambda: services.actions.get(action.id).status is _complete())
    qtbot.waitUntil(lambda: not demo_window.ctx.tasks.busy())
    out = _cli("--db", str(services.path), "undo", expect=0)
    assert out.startswith("Undone: Edit action")
    assert services.actions.get(action.id).status is action.status
    out = _cli("--db", str(services.path), "redo", expect=0)
    assert services.actions.get(action.id).status is _complete()


def _complete() -> Any:
    from forumdesk.domain.enums import ActionStatus

    return ActionStatus.COMPLETE


def _cli(*args: str, expect: int) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "forumdesk", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == expect, done.stderr
    return done.stdout.strip() or done.stderr.strip()



def test_an_import_made_by_the_command_line_is_undone_by_ctrl_z(qtbot: Any, demo_window: Any) -> None:
    services = demo_window.ctx.services
    forum = services.forums.forums()[0]
    before = services.actions.count(_all_query())
    data = Path(__file__).resolve().parents[1] / "data" / "basildon_csp_actions.xlsx"
    out = _cli("--db", str(services.path), "import", "actions", "--forum", forum.name, str(data), expect=0)
    assert out.startswith("Imported basildon_csp_actions.xlsx:")
    added = services.actions.count(_all_query()) - before
    assert added > 0
    demo_window.ctx.apply(Changes.everything())  # what the file watcher does when another program writes
    qtbot.waitUntil(lambda: demo_window.undo_action.text() == "&Undo Import actions")
    demo_window.show_page("dashboard").setFocus()
    qtbot.keyClick(demo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: services.actions.count(_all_query()) == before)
    qtbot.waitUntil(lambda: demo_window.redo_action.text() == "&Redo Import actions")


def _all_query() -> Any:
    from forumdesk.domain.queries import ActionQuery

    return ActionQuery()
