"""The secretary's own name: signs the updates recorded from the desktop (issue 15 item 18).

Kept per user with ``QSettings`` (not in the database: two secretaries may share one file). Asked for on
first run when unset; File > Your name… changes it. With no name set, updates keep the OS login.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QWidget

from forumdesk.ui.dialogs.base import FormDialog

NAME_KEY = "user/name"
MAX_NAME = 100


def secretary_name() -> str:
    """The name set in File > Your name…, or "" when none is set."""
    value = QSettings().value(NAME_KEY, "")
    return " ".join(str(value or "").split())


def set_secretary_name(name: str) -> None:
    clean = " ".join(name.split())
    if clean:
        QSettings().setValue(NAME_KEY, clean)
    else:
        QSettings().remove(NAME_KEY)


class YourNameDialog(FormDialog):
    """One field: the name that signs your updates; OK stores it, an empty field goes back to the login."""

    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__("Your name", parent)
        intro = (
            "Welcome to ForumDesk. What name should sign the updates you record?"
            if first_run
            else "The name that signs the updates you record."
        )
        note = QLabel(f"{intro} Leave it empty to use your computer login.", self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.name = self._line("&Name:", "Your name", "e.g. Jo Bloggs, Community Safety Officer")
        self.name.setText(secretary_name())
        self.name.setMaxLength(MAX_NAME)
        self.name.setFocus()

    def accept(self) -> None:
        set_secretary_name(self.name.text())
        super().accept()


def ask_name(parent: QWidget, *, first_run: bool = False) -> YourNameDialog:
    dialog = YourNameDialog(parent, first_run=first_run)
    if hasattr(parent, "open_dialog"):
        parent.open_dialog = dialog  # reachable by tests, kept alive while open
    dialog.open()
    dialog.name.setFocus()
    return dialog


def ask_name_if_unset(parent: QWidget) -> YourNameDialog | None:
    """On first run (no name stored yet), ask for it; None when a name is already set."""
    if secretary_name():
        return None
    return ask_name(parent, first_run=True)
