"""Add a member to a forum: the person, their role, their deputy, whether they decide for their agency
(quorum counts agencies represented by decision-makers), and the date they joined. Undo removes them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Forum, Person
from forumdesk.ui.dialogs.base import WriteDialog, chosen_id, date_edit, optional_date, record_combo, text_combo
from forumdesk.ui.dialogs.person_dialog import PersonDialog, add_new_person
from forumdesk.ui.shell.context import AppContext

ROLES = ("Member", "Chair", "Vice-chair", "Secretary", "Adviser", "Observer")
NON_DECIDING_ROLES = {"secretary", "adviser", "observer"}


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
        # A secretary, adviser or observer services or advises the forum: not counted towards quorum unless
        # ticked (issue 15 item 17: the secretary counted by default).
        self.role.currentTextChanged.connect(self._on_role_changed)
        self.joined = date_edit(ctx.today(), self)
        # Someone not yet in the directory is added from here (issue 15 item 6): a fresh database has nobody.
        self.new_person_button = QPushButton("Add &new person…", self)
        self.new_person_button.setAccessibleName("Add a new person to the directory")
        self.new_person_button.setAutoDefault(False)
        self.new_person_button.clicked.connect(self.add_new_person)
        self.new_person_dialog: PersonDialog | None = None
        for combo in (self.person, self.deputy):  # sized for a name, not for the longest label in the list
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)
        person_row = QWidget(self)
        row = QHBoxLayout(person_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.person, 1)
        row.addWidget(self.new_person_button)
        self.add_field("&Person", person_row, "person_row", accessible="Person and Add new person")
        person_label_widget = self.form.labelForField(person_row)
        if isinstance(person_label_widget, QLabel):
            person_label_widget.setBuddy(self.person)
        self._fields["person"] = self.person
        self.person.setAccessibleName("Person")
        self.add_field("&Role", self.role, "role")
        self.add_field("&Deputy", self.deputy, "deputy")
        self.add_field("", self.decides, "decision_maker", accessible="Decision-maker for their agency")
        self.add_field("&From", self.joined, "from_date", accessible="Member from date")
        self.setMinimumWidth(520)
        QWidget.setTabOrder(self.person, self.role)  # Tab goes on through the form; Alt+N adds a person
        QWidget.setTabOrder(self.joined, self.new_person_button)
        self.person.setFocus()

    def _on_role_changed(self, role: str) -> None:
        self.decides.setChecked(role.strip().lower() not in NON_DECIDING_ROLES)

    def add_new_person(self) -> None:
        """The Add person dialog, with the name typed so far; the new person is then chosen here."""
        typed = self.person.currentText().strip()
        self.new_person_dialog = add_new_person(
            self.ctx, self, typed if self.person.findText(typed) < 0 else "", self._on_new_person_added,
            lambda: self.role if self.person.currentData() is not None else self.person,
        )

    def _on_new_person_added(self, person: Person) -> None:
        self.person.addItem(person_label(person), person.id)
        self.person.setCurrentIndex(self.person.count() - 1)
        self.deputy.addItem(person_label(person), person.id)
        self.show_error("")

    def prepare(self) -> Any:
        forum_id = self._forum.id
        try:
            person_id = chosen_id(self.person, "the person to add", "person", required=True)
        except ValidationError as error:
            raise ValidationError(f"{error}, or Add new person… (Alt+N) to add someone new", "person") from None
        assert person_id is not None
        args: dict[str, Any] = {
            "role": self.role.currentText().strip() or "Member",
            "deputy_id": chosen_id(self.deputy, "a deputy", "deputy", required=False),
            "decision_maker": self.decides.isChecked(),
            "from_date": optional_date(self.joined, "The date they joined", "from_date"),
        }
        return lambda services: services.forums.add_member(forum_id, person_id, **args)

