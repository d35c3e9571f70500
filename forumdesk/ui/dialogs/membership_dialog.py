"""Add a member to a forum: the person, their role, their deputy, whether they decide for their agency
(quorum counts agencies represented by decision-makers), and the date they joined. Undo removes them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from forumdesk.domain.changes import Changes
from forumdesk.domain.model import Forum, Person
from forumdesk.services import Services
from forumdesk.ui.context import AppContext
from forumdesk.ui.dialogs.base import WriteDialog, chosen_id, date_edit, optional_date, record_combo, text_combo
from forumdesk.ui.dialogs.undo import push_edit

ROLES = ("Member", "Chair", "Vice-chair", "Secretary", "Adviser", "Observer")


def person_label(person: Person) -> str:
    return f"{person.name} ({person.organisation})" if person.organisation else person.name


class MembershipDialog(WriteDialog):
    """Add a member to ``forum``; ``person_id`` preselects the person."""

    def __init__(self, ctx: AppContext, forum: Forum, parent: QWidget | None = None,
                 *, person_id: int | None = None) -> None:
        super().__init__(ctx, f"Add member to {forum.name}", parent)
        self._forum = forum
        people = [(person_label(p), p.id) for p in ctx.services.directory.people() if not p.anonymised]
        current = {m.person_id for m in ctx.services.forums.members(forum.id) if m.to_date is None}
        candidates = [(label, pid) for label, pid in people if pid not in current or pid == person_id]
        self.person = record_combo(candidates, person_id, self, placeholder="type a name or agency")
        self.role = text_combo(ROLES, "Member", self)
        self.deputy = record_combo(people, None, self, none_text="(no named deputy)")
        self.decides = QCheckBox("Can make decisions for their agency (counts towards quorum)", self)
        self.decides.setChecked(True)
        self.joined = date_edit(ctx.today(), self)
        self.add_field("&Person", self.person, "person")
        self.add_field("&Role", self.role, "role")
        self.add_field("&Deputy", self.deputy, "deputy")
        self.add_field("", self.decides, "decision_maker", accessible="Decision-maker for their agency")
        self.add_field("&From", self.joined, "from_date", accessible="Member from date")
        self.setMinimumWidth(520)
        self.person.setFocus()

    def prepare(self) -> Any:
        forum_id = self._forum.id
        person_id = chosen_id(self.person, "the person to add", "person", required=True)
        assert person_id is not None
        args: dict[str, Any] = {
            "role": self.role.currentText().strip() or "Member",
            "deputy_id": chosen_id(self.deputy, "a deputy", "deputy", required=False),
            "decision_maker": self.decides.isChecked(),
            "from_date": optional_date(self.joined, "The date they joined", "from_date"),
        }
        self._args = (forum_id, person_id, args)
        return lambda services: services.forums.add_member(forum_id, person_id, **args)

    def after_save(self, value: Any, changes: Changes) -> None:
        forum_id, person_id, args = self._args
        holder = {"id": int(value)}

        def add(services: Services) -> Changes:
            holder["id"], added = services.forums.add_member(forum_id, person_id, **args)
            return added

        def remove(services: Services) -> Changes:
            return services.forums.remove_member(holder["id"])

        name = self.person.currentText().strip()
        push_edit(self.ctx, f"Add {name} to {self._forum.name}", add, remove)
