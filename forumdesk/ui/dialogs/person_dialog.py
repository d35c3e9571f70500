"""Add or edit a person (name, role, agency, e-mail, phone) or an agency. Edits are undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from forumdesk.domain.model import Organisation, Person
from forumdesk.domain.patches import OrganisationPatch, PersonPatch
from forumdesk.ui.dialogs.base import WriteDialog, text_combo
from forumdesk.ui.shell.context import AppContext

AGENCY_KINDS = ("Police", "District or borough council", "County council", "Unitary authority", "NHS",
                "Fire and rescue", "Probation", "Education", "Housing", "Voluntary sector", "Other")


def _person_values(person: Person) -> dict[str, str]:
    return {"name": person.name, "role": person.role, "organisation": person.organisation,
            "email": person.email, "phone": person.phone}


class PersonDialog(WriteDialog):
    """Add a person (``person=None``) or edit one; a new agency name adds the agency."""

    def __init__(self, ctx: AppContext, person: Person | None = None, parent: QWidget | None = None,
                 *, organisation: str = "", name: str = "") -> None:
        super().__init__(ctx, "Edit person" if person else "Add person", parent)
        self._person = person
        values = _person_values(person) if person else {"organisation": organisation, "name": name}
        agencies = [o.name for o in ctx.services.directory.organisations()]
        self.name = QLineEdit(values.get("name", ""), self)
        self.role = QLineEdit(values.get("role", ""), self)
        self.role.setPlaceholderText("e.g. Community Safety Manager")
        self.agency = text_combo(agencies, values.get("organisation", ""), self, "choose or type a new agency")
        self.email = QLineEdit(values.get("email", ""), self)
        self.phone = QLineEdit(values.get("phone", ""), self)
        self.add_field("&Name", self.name, "name")
        self.add_field("&Role", self.role, "role", accessible="Job title or role")
        self.add_field("&Agency", self.agency, "organisation")
        self.add_field("&E-mail", self.email, "email")
        self.add_field("&Phone", self.phone, "phone")
        self.setMinimumWidth(460)
        self.name.setFocus()
        if name and person is None:  # typed elsewhere ("Add new person…"): on to the next field
            self.role.setFocus()

    def values(self) -> dict[str, str]:
        return {"name": self.name.text(), "role": self.role.text(), "organisation": self.agency.currentText(),
                "email": self.email.text(), "phone": self.phone.text()}

    def prepare(self) -> Any:
        values = self.values()
        if self._person is None:
            return lambda services: services.directory.add_person(**values)
        person_id = self._person.id
        return lambda services: services.directory.update_person(person_id, PersonPatch(**values)).with_value(person_id)


class AgencyDialog(WriteDialog):
    """Add an agency (``agency=None``) or edit one."""

    def __init__(self, ctx: AppContext, agency: Organisation | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Edit agency" if agency else "Add agency", parent)
        self._agency = agency
        kinds = AGENCY_KINDS + tuple(o.kind for o in ctx.services.directory.organisations())
        self.name = QLineEdit(agency.name if agency else "", self)
        self.short = QLineEdit(agency.short_name if agency else "", self)
        self.short.setPlaceholderText("e.g. ECFRS")
        self.kind = text_combo(kinds, agency.kind if agency else "", self)
        self.add_field("&Name", self.name, "name", accessible="Agency name")
        self.add_field("&Short name", self.short, "short_name")
        self.add_field("&Kind", self.kind, "kind", accessible="Kind of agency")
        self.setMinimumWidth(420)
        self.name.setFocus()

    def values(self) -> dict[str, str]:
        return {"name": self.name.text(), "short_name": self.short.text(), "kind": self.kind.currentText()}

    def prepare(self) -> Any:
        values = self.values()
        if self._agency is None:
            return lambda services: services.directory.add_organisation(**values)
        agency_id = self._agency.id
        return lambda services: services.directory.update_organisation(
            agency_id, OrganisationPatch(**values)
        ).with_value(agency_id)


def add_new_person(
    ctx: AppContext,
    parent: QWidget,
    typed: str,
    on_added: Callable[[Person], None],
    focus_after: Callable[[], QWidget],
) -> PersonDialog:
    """"Add new person…" from inside another dialog (issue 15 item 6): Add person opens with the name typed so
    far; the person saved is handed to ``on_added``; then the keyboard goes back to ``parent``, on the field
    ``focus_after`` names."""
    dialog = PersonDialog(ctx, None, parent, name=typed)

    def saved(value: Any) -> None:
        on_added(ctx.services.directory.person(int(value)))

    def finished() -> None:
        parent.activateWindow()  # back to the dialog (offscreen and some window managers leave it inactive)
        focus_after().setFocus()

    dialog.saved.connect(saved)
    dialog.finished.connect(finished)
    dialog.open()
    return dialog
