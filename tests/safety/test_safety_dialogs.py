"""The restore dialog (File > Restore from backup) and the audit dialog, driven offscreen with qtbot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from forumdesk.domain.changes import Changes
from forumdesk.domain.patches import ActionPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.actions import NewAction
from forumdesk.ui.dialogs.audit_dialog import AuditColumn, AuditDialog
from forumdesk.ui.dialogs.restore_dialog import BackupColumn, RestoreDialog
from forumdesk.ui.shell.context import AppContext


def test_the_restore_dialog_lists_backups_with_dates_and_counts_and_restores(qtbot: QtBot, services: Services) -> None:
    forum = services.forums.forums()[0]
    services.actions.record(NewAction(forum.id, "in the backup"))
    services.backups.backup_now("manual")
    services.actions.record(NewAction(forum.id, "added later"))
    ctx = AppContext(services)
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 1
    assert model.index(0, BackupColumn.ACTIONS).data() == "1"
    assert model.index(0, BackupColumn.REASON).data() == "By hand"
    assert model.index(0, BackupColumn.TAKEN).data().count("/") == 2  # dd/mm/yyyy
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(ctx.changes_applied) as applied, qtbot.waitSignal(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert applied.args == [Changes.everything(), dialog]  # everything changed; the dialog asked for it
    assert [a.description for a in services.actions.list(ActionQuery())] == ["in the backup"]
    assert model.rowCount() == 2 and "Restored the backup" in dialog.message.text()
    ctx.close()


def test_back_up_now_adds_a_row(qtbot: QtBot, services: Services) -> None:
    ctx = AppContext(services)
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    assert "no backups" in dialog.message.text()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)  # taken on the write lane
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.message.text().startswith("Backed up at ")
    ctx.close()


def test_the_audit_dialog_shows_one_records_history_read_only(qtbot: QtBot, services: Services) -> None:
    forum = services.forums.forums()[0]
    action_id = services.actions.record(NewAction(forum.id, "Old text")).value
    services.actions.edit(action_id, ActionPatch(description="New text"))
    services.actions.record(NewAction(forum.id, "Another record"))
    dialog = AuditDialog(services, "action", action_id, "the action")
    qtbot.addWidget(dialog)
    table = dialog.table.model()
    assert table.rowCount() == 2
    newest = [table.index(0, c).data() for c in AuditColumn]
    assert newest[AuditColumn.OPERATION] == "update" and newest[AuditColumn.FIELD] == "description"
    assert (newest[AuditColumn.OLD], newest[AuditColumn.NEW]) == ("Old text", "New text")
    assert not table.flags(table.index(0, AuditColumn.NEW)) & Qt.ItemFlag.ItemIsEditable
    assert dialog.windowTitle() == "History of the action"
