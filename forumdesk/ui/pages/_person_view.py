"""One person's page: contact details, the forums they sit on, and every action they own across all
forums (the list a partner officer is chased with), an export of that chase list (PDF or XLSX), and an e-mail
draft chasing them (the Chase dialog)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from forumdesk.domain.dates import format_uk_date
from forumdesk.domain.model import Membership, Person
from forumdesk.domain.queries import ActionQuery
from forumdesk.ui.dialogs.chase_dialog import ChaseDialog
from forumdesk.ui.dialogs.export_dialog import ExportDialog
from forumdesk.ui.dialogs.person_dialog import PersonDialog
from forumdesk.ui.models.records import Column, RecordTableModel, sorting_proxy
from forumdesk.ui.pages._action_list import ActionListPanel
from forumdesk.ui.pages._common import fit_columns, heading, record_table, selected_record, stretch_column
from forumdesk.ui.shell.context import AppContext

log = logging.getLogger(__name__)

MEMBERSHIP_COLUMNS: list[Column[Membership]] = [
    Column("Forum", lambda m: m.forum_name, tooltip=True),
    Column("Role", lambda m: m.role),
    Column("Deputy", lambda m: m.deputy_name),
    Column("Decides", lambda m: "Yes" if m.decision_maker else "No"),
    Column("From", lambda m: format_uk_date(m.from_date), lambda m: m.from_date.isoformat() if m.from_date else ""),
    Column("Left", lambda m: format_uk_date(m.to_date), lambda m: m.to_date.isoformat() if m.to_date else ""),
]


class PersonView(QWidget):
    """Shows one person: details, forums (double-click opens one) and actions; exports their chase list."""

    chase_list_exported = Signal(str)  # the file written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.person: Person | None = None
        self.title = heading("", self)
        self.details = QLabel(self)
        self.details.setAccessibleName("Contact details")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setOpenExternalLinks(True)
        self.details.setWordWrap(True)
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setAccessibleName("Edit this person")
        self.edit_button.clicked.connect(self.edit)
        self.export_button = QPushButton("E&xport chase list…", self)
        self.export_button.setAccessibleName("Export this person's open actions as a chase list")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.chase_button = QPushButton("C&hase by e-mail…", self)
        self.chase_button.setAccessibleName("An e-mail draft chasing this person for updates on their open actions")
        self.chase_button.clicked.connect(self.ask_chase)
        self.memberships = RecordTableModel(MEMBERSHIP_COLUMNS, self)
        self.memberships.set_muted(lambda m: m.to_date is not None)
        self.memberships_view = record_table("Forum memberships", self)
        self.memberships_view.setModel(sorting_proxy(self.memberships, self))
        self.memberships_view.doubleClicked.connect(self._on_membership_activated)
        self.memberships_view.setToolTip("Double-click a forum to open it")
        fit_columns(self.memberships_view, [42, 12, 22, 7, 10])
        stretch_column(self.memberships_view, 0)
        self.memberships_label = QLabel("Forums", self)
        self.action_list = ActionListPanel(ctx, forum=True, owner=False, parent=self)
        self.actions_label = QLabel("Actions across all forums", self)
        for label in (self.memberships_label, self.actions_label):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self._build()
        self.show_person(None)

    def _build(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.chase_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addWidget(self.memberships_label)
        layout.addWidget(self.memberships_view)
        layout.addWidget(self.actions_label)
        layout.addWidget(self.action_list, 1)

    def show_person(self, person_id: int | None) -> None:
        services = self._ctx.services
        person = services.directory.person(person_id) if person_id is not None else None
        self.person = person
        self.edit_button.setEnabled(person is not None)
        self.export_button.setEnabled(person is not None)
        self.chase_button.setEnabled(person is not None)
        if person is None:
            self.title.setText("No one chosen")
            self.details.setText("Choose a person in the list, or add one with Ctrl+N.")
            self.memberships.set_records([])
            self.action_list.clear()
            return
        self.title.setText(person.name)
        self.details.setText(_details_html(person))
        memberships = services.forums.memberships_of(person.id)
        self.memberships.set_records(memberships)
        current = sum(1 for m in memberships if m.to_date is None)
        self.memberships_label.setText(f"Forums ({current} current)" if memberships else "Forums: none")
        self._fit_memberships(len(memberships))
        self.action_list.load(ActionQuery(owner_id=person.id))

    def _fit_memberships(self, rows: int) -> None:
        """As tall as its rows (two to five), so the actions below get the rest of the page."""
        view = self.memberships_view
        shown = max(2, min(rows, 5))
        height = view.horizontalHeader().sizeHint().height() + view.verticalHeader().defaultSectionSize() * shown
        view.setFixedHeight(height + 2 * view.frameWidth() + 2)

    def edit(self) -> None:
        if self.person is not None:
            PersonDialog(self._ctx, self.person, self).open()

    def _on_membership_activated(self) -> None:
        membership: Membership | None = selected_record(self.memberships_view)
        if membership is not None:
            self._ctx.navigate("forums", forum_id=membership.forum_id)

    def _on_export_clicked(self) -> None:
        """The one Export dialog, on this person's chase list (PDF or Excel, marking, where to save)."""
        if self.person is None:
            return
        dialog = ExportDialog(self._ctx, self, owner_id=self.person.id, kind="owner")
        dialog.exported.connect(lambda result: self.chase_list_exported.emit(str(result.path)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.export_dialog = dialog  # reachable by tests
    def ask_chase(self) -> None:
        """An e-mail draft to this person listing every open action they own, with a calendar of due dates."""
        if self.person is None:
            return
        dialog = ChaseDialog(self._ctx, self, person_id=self.person.id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.chase_dialog = dialog  # reachable by tests


def _details_html(person: Person) -> str:
    parts = [p for p in (_esc(person.role), _esc(person.organisation)) if p]
    if person.email:
        parts.append(f'<a href="mailto:{_esc(person.email)}">{_esc(person.email)}</a>')
    if person.phone:
        parts.append(_esc(person.phone))
    return " · ".join(parts) or "<i>No role, agency or contact details recorded</i>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
