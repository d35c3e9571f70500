"""The pick lists the Actions tracker offers: forums, people, agencies and aims, read off the GUI thread.

People are offered as "Name (Agency)" so two people of the same name can be told apart; a bare name is
resolved by the directory service, which refuses an unknown or ambiguous one with a clear line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QStringListModel, Signal

from forumdesk.domain.errors import ValidationError
from forumdesk.domain.model import Aim, Forum, Organisation, Person
from forumdesk.services import Services
from forumdesk.ui.shell.context import AppContext


@dataclass(frozen=True)
class Choices:
    forums: list[Forum] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    aims: list[Aim] = field(default_factory=list)


def person_label(person: Person) -> str:
    return f"{person.name} ({person.organisation})" if person.organisation else person.name


def read_choices(services: Services) -> Choices:
    return Choices(
        forums=services.forums.forums(include_archived=False),
        people=services.directory.people(),
        organisations=services.directory.organisations(),
        aims=services.strategy.aims(),
    )


class ChoiceLists(QObject):
    """Holds the current ``Choices`` and a completer model of people; reloads when they change."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.current = Choices()
        self.people_names = QStringListModel(self)
        self._by_label: dict[str, int] = {}
        ctx.changes_applied.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        self._ctx.tasks.read(read_choices, on_done=self._on_loaded, on_error=self._ctx.report)

    def _on_loaded(self, choices: Choices) -> None:
        self.current = choices
        self._by_label = {person_label(p): p.id for p in choices.people}
        self.people_names.setStringList(list(self._by_label))
        self.changed.emit()

    def _on_changes(self, changes: object) -> None:
        if any(getattr(changes, name, False) for name in ("people", "organisations", "forums", "strategy")):
            self.reload()

    def resolve_person(self, text: str) -> int:
        """The id of the person typed or picked; raises ``ValidationError`` with the reason."""
        label = text.strip()
        if label in self._by_label:
            return self._by_label[label]
        if not label:
            raise ValidationError("type the owner's name", "owner")
        return self._ctx.services.directory.find_person(label).id
