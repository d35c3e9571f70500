"""The Chase dialog: e-mail drafts asking action owners for their updates, one draft per owner listing every
open action they own across all forums, with a calendar (.ics) of their due dates.

``ChaseDialog(ctx, parent, forum_id=..., person_id=...)``: "all owners of a forum" (the forum page presets its
forum; the File menu chooses one) or one person (the People page presets its person). Before anything is
written it previews the owners and names those without an e-mail address; ``services.mail.chase_forum`` or
``chase_owner`` writes the drafts off the GUI thread and records each chase (see ``mail_common``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.mail import MailResult, usable_address
from forumdesk.ui.dialogs.base import named
from forumdesk.ui.dialogs.mail_common import (
    MailDialog,
    MailWork,
    Progress,
    display_names,
    names_line,
    plural,
)
from forumdesk.ui.shell.context import AppContext

FORUM, PERSON = "forum", "person"


class ChaseDialog(MailDialog):
    COLUMNS = ("Owner", "Open actions", "File")
    TITLE = "Chase action owners"
    MISSING_NOTE = "their drafts have no recipient yet: add the address in your mail program before sending."

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        forum_id: int | None = None,
        person_id: int | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(ctx, parent, folder)
        self.mode = named(QComboBox(self), "mail_chase_mode", "Whom to chase")
        self.mode.addItem("All owners of a forum", FORUM)
        self.mode.addItem("One person", PERSON)
        self.forum = named(QComboBox(self), "mail_forum", "Forum")
        for forum in self.services.forums.forums(include_archived=False):
            self.forum.addItem(forum.name, forum.id)
        self.forum.setCurrentIndex(max(0, self.forum.findData(forum_id)))
        self.person = named(QComboBox(self), "mail_person", "Person")
        for person in self.services.directory.people():
            self.person.addItem(person.name, person.id)
        self.person.setCurrentIndex(max(0, self.person.findData(person_id)))
        self.reply_by = named(QDateEdit(self), "mail_reply_by", "Reply by")
        self.reply_by.setDisplayFormat("dd/MM/yyyy")
        self.reply_by.setCalendarPopup(True)
        reply = self.services.mail.default_reply_by()
        self.reply_by.setDate(QDate(reply.year, reply.month, reply.day))
        today = ctx.today()
        self.reply_by.setMinimumDate(QDate(today.year, today.month, today.day))  # a reply by a day gone is refused
        self.mode.setCurrentIndex(1 if person_id is not None and forum_id is None else 0)
        self.form.addRow("Cha&se", self.mode)
        self.form.addRow("Fo&rum", self.forum)
        self.form.addRow("&Person", self.person)
        self.form.addRow("Reply b&y", self.reply_by)
        self._on_mode_changed()  # the rows of the other mode hidden before the dialog takes its size
        self._finish_form()
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.forum.currentIndexChanged.connect(self.refresh_preview)
        self.person.currentIndexChanged.connect(self.refresh_preview)
        self.reply_by.dateChanged.connect(self._on_choice_changed)
        # opened on a forum or a person: straight to the reply-by date; else choose whom first
        (self.reply_by if forum_id is not None or person_id is not None else self.mode).setFocus()

    # -- the choices --------------------------------------------------------------------------------------
    @property
    def whom(self) -> str:
        return str(self.mode.currentData())

    def reply_date(self) -> date:
        chosen = self.reply_by.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def _on_mode_changed(self) -> None:
        self.form.setRowVisible(self.forum, self.whom == FORUM)
        self.form.setRowVisible(self.person, self.whom == PERSON)
        self.refresh_preview()

    def fields(self) -> dict[str, QWidget]:
        return {**super().fields(), "reply_by": self.reply_by}

    def preview(self) -> tuple[str, str]:
        if self.whom == PERSON:
            return self._person_preview()
        forum_id = self.forum.currentData()
        if forum_id is None:
            return "There is no forum to chase the owners of yet.", ""
        actions = self.services.actions.list(ActionQuery(forum_ids=(int(forum_id),), open_only=True))
        owners = {a.owner_id: a.owner_name for a in actions if a.owner_id is not None}
        if not owners:
            return f"No one owns an open action of {self.forum.currentText()}: there is no one to chase.", ""
        people = {p.id: p for p in self.services.directory.people()}
        names = sorted(owners.values(), key=str.casefold)
        missing = sorted((name for pid, name in owners.items() if pid not in people
                          or not usable_address(people[pid].email)), key=str.casefold)
        text = (f"One draft to each of {plural(len(owners), 'owner')} with open actions here, listing every open "
                f"action they own across all forums: {names_line(names)}")
        self.recipients.setToolTip(", ".join(names))
        drafts = "their draft will" if len(missing) == 1 else "their drafts will"
        warning = (f"No e-mail address for {names_line(missing, len(missing))}: {drafts} have no recipient."
                   if missing else "")
        return text, warning

    def _person_preview(self) -> tuple[str, str]:
        person_id = self.person.currentData()
        if person_id is None:
            return "There is no one in the directory yet.", ""
        person = self.services.directory.person(int(person_id))
        count = self.services.actions.count(ActionQuery(owner_id=person.id, open_only=True))
        self.recipients.setToolTip("")
        if not count:
            return f"{person.name} owns no open actions: there is nothing to chase.", ""
        if not usable_address(person.email):
            return (f"One draft listing {plural(count, 'open action')} of {person.name}.",
                    f"No e-mail address for {person.name}: the draft will have no recipient.")
        return f"One draft to {person.name} <{person.email}> listing {plural(count, 'open action')}.", ""

    def work(self) -> MailWork | None:
        reply_by = self.reply_date()
        if self.whom == PERSON:
            person_id = self.person.currentData()
            if person_id is None:
                self._say_not_written("choose a person")
                return None
            pid = int(person_id)

            def owner(services: Services, folder: Path, progress: Progress) -> Any:
                return services.mail.chase_owner(pid, folder, reply_by, progress)

            return owner
        forum_id = self.forum.currentData()
        if forum_id is None:
            self._say_not_written("choose a forum")
            return None
        fid = int(forum_id)

        def forum(services: Services, folder: Path, progress: Progress) -> Any:
            return services.mail.chase_forum(fid, folder, reply_by, progress)

        return forum

    def result_rows(self, result: MailResult) -> list[tuple[list[str], Path]]:
        rows = []
        for draft in result.drafts:
            # a chaser to an owner without an address is written too (add the address, or print it): the file
            # name carries their name
            owner = ", ".join(display_names(draft.to)) or "(no e-mail address)"
            rows.append(([owner, str(draft.actions), draft.path.name], draft.path))
        return rows
