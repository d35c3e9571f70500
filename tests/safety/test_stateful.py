"""A hypothesis state machine over the services: add, edit, close, reopen, import, back up and restore.

After every step the database equals a simple model (id -> text and status) and passes its integrity,
foreign-key and search-index checks. A restore brings back exactly the model as it was at that backup,
and the content it replaced is itself kept as a backup that can be restored in turn.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from forumdesk.domain.enums import ActionStatus
from forumdesk.domain.errors import NotFoundError
from forumdesk.domain.patches import ActionPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.backups import BackupService
from forumdesk.services.setup import create_database
from tests.conftest import TODAY

try:  # the import engineer's service, where this build has it
    from forumdesk.services.imports import ImportService
except ImportError:  # pragma: no cover
    ImportService = None  # type: ignore[assignment,misc]

TEXT = st.text(alphabet="abcdefghij klmnoé", min_size=1, max_size=40).filter(lambda s: s.strip() != "")
Model = dict[int, tuple[str, str]]


class ServicesMachine(RuleBasedStateMachine):
    actions = Bundle("actions")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="forumdesk-stateful-"))
        path = self.folder / "model.sqlite"
        create_database(path)
        self.services = open_services(path, today=lambda: TODAY)
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
        self.services.backups = BackupService(self.services.store, self.folder / "backups", clock=self._clock)
        self.forum_id = self.services.forums.forums()[0].id
        self.model: Model = {}
        self.snapshots: dict[Path, Model] = {}
        self.imported = 0

    def _clock(self) -> datetime:
        self.now += timedelta(minutes=7)
        return self.now

    @rule(target=actions, text=TEXT)
    def add(self, text: str) -> int:
        action_id = self.services.actions.record(NewAction(self.forum_id, text)).value
        self.model[action_id] = (text.strip(), "open")
        return action_id

    def _existing(self, action_id: int) -> bool:
        if action_id in self.model:
            return True
        with pytest.raises(NotFoundError):  # gone since a restore to an earlier backup
            self.services.actions.get(action_id)
        return False

    @rule(action_id=actions, text=TEXT)
    def edit(self, action_id: int, text: str) -> None:
        if self._existing(action_id):
            self.services.actions.edit(action_id, ActionPatch(description=text))
            self.model[action_id] = (text.strip(), self.model[action_id][1])

    @rule(action_id=actions, status=st.sampled_from([ActionStatus.COMPLETE, ActionStatus.WITHDRAWN]))
    def close(self, action_id: int, status: ActionStatus) -> None:
        if self._existing(action_id):
            self.services.actions.set_status(action_id, status)
            self.model[action_id] = (self.model[action_id][0], status.value)

    @rule(action_id=actions)
    def reopen(self, action_id: int) -> None:
        if self._existing(action_id):
            self.services.actions.set_status(action_id, ActionStatus.OPEN)
            self.model[action_id] = (self.model[action_id][0], "open")

    @rule(words=st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=12), min_size=1, max_size=4))
    def import_rows(self, words: list[str]) -> None:
        """An import of a small tracker (CSV): one transaction, every row a new action."""
        if ImportService is None:
            return
        self.imported += 1
        texts = [f"imp{self.imported}x{n} {word}" for n, word in enumerate(words)]
        source = self.folder / f"tracker{self.imported}.csv"
        source.write_text("Action,Due\n" + "\n".join(f"{t},31/12/2026" for t in texts) + "\n", encoding="utf-8")
        importer = self.services.imports
        importer.import_actions(importer.read_actions(source), self.forum_id)
        by_text = {a.description: a for a in self.services.actions.list(ActionQuery()) if a.id not in self.model}
        assert sorted(by_text) == sorted(texts)
        self.model.update({a.id: (a.description, a.status.value) for a in by_text.values()})

    @rule()
    def backup(self) -> None:
        info = self.services.backups.backup_now("manual")
        self.snapshots[info.path] = dict(self.model)
        assert info.actions == len(self.model)

    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        if not self.snapshots:
            return
        chosen = data.draw(st.sampled_from(sorted(self.snapshots)))
        done = self.services.backups.restore(chosen)
        aside, changes = done.value, done.changes
        assert changes.any
        self.snapshots[aside.path] = dict(self.model)
        self.model = dict(self.snapshots[chosen])

    @invariant()
    def database_equals_the_model(self) -> None:
        actual = {a.id: (a.description, a.status.value) for a in self.services.actions.list(ActionQuery())}
        assert actual == self.model

    @invariant()
    def database_is_healthy(self) -> None:
        report = self.services.admin.check()
        assert report.ok, report.problems

    def teardown(self) -> None:
        self.services.close()
        shutil.rmtree(self.folder, ignore_errors=True)


ServicesMachine.TestCase.settings = settings(
    max_examples=10,
    stateful_step_count=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestServicesMachine = ServicesMachine.TestCase
