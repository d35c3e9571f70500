"""What the Circulate and Chase dialogs share: ``MailDialog``, the frame both are built on (their choices above,
the folder the drafts are written to, a recipients preview, progress, and the drafts written with "Open in
mail" and "Open folder"), and the small helpers around it.

The drafts are written off the GUI thread by ``WriteOp`` (a circulation and a chase record audit and chase
rows). Nothing is sent: each draft is an unsent ``.eml`` that ``open_in_mail`` hands to the system's mail
client (Outlook, Thunderbird, Apple Mail), where the secretary reads it and presses Send.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import Outcome
from forumdesk.domain.errors import ForumDeskError
from forumdesk.services import Services
from forumdesk.ui.dialogs.base import named
from forumdesk.ui.dialogs.export_choices import documents_folder
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp
from forumdesk.ui.widgets.screen_fit import default_size, fit_on_screen

log = logging.getLogger(__name__)

FOLDER_KEY = "mail/last_folder"
DEFAULT_FOLDER_NAME = "ForumDesk e-mail drafts"
NAMES_SHOWN = 8  # a preview names this many people, then "and N more" (all of them in its tooltip)
WARNING_STYLE = "color: #8a4b00"  # amber on the default palette: a warning, not an error

Progress = Callable[[int, int], None]
MailWork = Callable[[Services, Path, Progress], Outcome[Any]]


def open_in_mail(path: Path) -> bool:
    """Hand one ``.eml`` draft to the system's mail client (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """Show a folder in the system's file manager (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def last_folder() -> Path:
    """The folder drafts were last written to, else one under the user's Documents."""
    value = QSettings().value(FOLDER_KEY, "")
    return Path(str(value)) if value else documents_folder() / DEFAULT_FOLDER_NAME


def remember_folder(folder: Path) -> None:
    QSettings().setValue(FOLDER_KEY, str(folder))


def names_line(names: Sequence[str], limit: int = NAMES_SHOWN) -> str:
    """"A, B and C" for a few names; the first ``limit`` and "and N more" for many."""
    names = list(names)
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) > 1:
        return ", ".join(names[:-1]) + f" and {names[-1]}"
    return names[0] if names else ""


def display_names(addresses: Sequence[str]) -> list[str]:
    """The names in a draft's To or Cc (``"Ann Lee <ann@x.gov.uk>"`` shows as Ann Lee; a bare address as itself)."""
    return [name or address for name, address in getaddresses(list(addresses))]


def plural(count: int, word: str, many: str = "") -> str:
    """"1 draft", "2 drafts"; ``many`` for a word whose plural is not just an s ("deputies")."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def result_warnings(result: Any, missing_note: str) -> str:
    """Who the drafts could not reach: the people without an address, and (chasers) the open actions owned by
    an agency or by nobody, which have no one to write to."""
    lines = []
    without = list(result.without_address)
    if without:
        lines.append(f"No e-mail address for {names_line(without, len(without))}: {missing_note}")
    unowned = list(getattr(result, "unowned", ()))
    if unowned:
        lines.append(f"{plural(len(unowned), 'open action')} of no named person (an agency's, or no one's) could "
                     f"not be chased: {names_line(unowned)}.")
    return "\n".join(lines)


class MailDialog(QDialog):
    """The frame of a dialog that writes e-mail drafts. A subclass adds its choices to ``self.form`` (above the
    Folder row, which ``_finish_form`` adds), sets the result columns, and implements ``work()``, the write
    (a function of the worker's ``Services``, the folder and a progress callback), ``preview()``, the recipients
    line, and ``result_rows()``, the rows shown for the drafts written."""

    COLUMNS: tuple[str, ...] = ("File",)
    TITLE = "E-mail drafts"
    MISSING_NOTE = "they were left out; send it to them another way."  # after the names without an address

    def __init__(self, ctx: AppContext, parent: QWidget | None, folder: Path | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services  # quick reads on the GUI thread: meetings, forums, people
        self.running = False
        self.last_result: Any = None
        self.last_error = ""
        self.setWindowTitle(self.TITLE)
        self.setAccessibleName(self.TITLE)
        self.form = QFormLayout()
        self.folder = named(QLineEdit(str(folder or last_folder()), self), "mail_folder", "Folder for the drafts")
        self.folder.textEdited.connect(self._on_choice_changed)
        self.browse = named(QPushButton("&Browse…", self), "mail_browse", "Choose the folder")
        self.browse.setAutoDefault(False)  # Enter writes the drafts; Space on Browse browses
        self.browse.clicked.connect(self._on_browse_clicked)
        self.recipients = named(QLabel(self), "mail_recipients", "Recipients")
        self.recipients.setWordWrap(True)
        self.recipients.setTextFormat(Qt.TextFormat.PlainText)  # names as typed into the register
        self.missing = named(QLabel(self), "mail_missing", "People without an e-mail address")
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setStyleSheet(WARNING_STYLE)
        self.progress = named(QProgressBar(self), "mail_progress", "Progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setVisible(False)  # shown once drafts are being written
        self.status = named(QLabel(self), "mail_status", "Status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setVisible(False)  # until there is something to say
        self.results = named(QTreeWidget(self), "mail_drafts", "Drafts written")
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setHeaderLabels(list(self.COLUMNS))
        rows = self.results.fontMetrics().height() + 6
        self.results.setMinimumHeight(self.results.header().sizeHint().height() + 4 * rows)  # 4 drafts in view
        self.results.doubleClicked.connect(lambda _index: self.open_selected())
        self.results_label = QLabel("&Drafts written", self)
        self.results_label.setBuddy(self.results)
        self.create_button = named(QPushButton("&Create drafts", self), "mail_create", "Create drafts")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_drafts)
        self.open_mail = named(QPushButton("Open in &mail", self), "mail_open", "Open the draft in the mail program")
        self.open_mail.clicked.connect(self.open_selected)
        self.open_folder_button = named(QPushButton("&Open folder", self), "mail_open_folder", "Open folder")
        self.open_folder_button.setAutoDefault(False)
        self.open_folder_button.clicked.connect(self._on_open_folder_clicked)
        self.close_button = named(QPushButton("Close", self), "mail_close", "Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

    def _finish_form(self) -> None:
        """Add the Folder row under the subclass's choices and lay the dialog out."""
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.browse)
        self.form.addRow("&Folder", where)
        label = self.form.labelForField(where)
        if isinstance(label, QLabel):
            label.setBuddy(self.folder)  # Alt+F goes to the folder's name
        buttons = QHBoxLayout()
        for button in (self.open_mail, self.open_folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.recipients)
        layout.addWidget(self.missing)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.results_label)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self._show_results(False)
        self.refresh_preview()
        self.resize(640, self.sizeHint().height())

    # -- for subclasses -----------------------------------------------------------------------------------
    def work(self) -> MailWork | None:  # pragma: no cover - every subclass implements it
        """The write, with everything chosen read now (on the GUI thread); None with ``status`` set when the
        choices cannot make drafts."""
        raise NotImplementedError

    def preview(self) -> tuple[str, str]:  # pragma: no cover
        """The recipients line, and the warning naming people without an address (or "")."""
        raise NotImplementedError

    def result_rows(self, result: Any) -> list[tuple[list[str], Path]]:  # pragma: no cover
        """One row per draft written: its cells and its file."""
        raise NotImplementedError

    def fields(self) -> dict[str, QWidget]:
        """The widgets a service's ``ValidationError(field=...)`` names (a subclass adds its own)."""
        return {"folder": self.folder}

    # -- reacting -----------------------------------------------------------------------------------------
    def _on_choice_changed(self, *_args: object) -> None:
        """A choice changed: Enter writes drafts again (not opens the last one)."""
        self.create_button.setDefault(True)

    def refresh_preview(self, *_args: object) -> None:
        try:
            recipients, missing = self.preview()
        except ForumDeskError as error:  # deleted meanwhile: say so, in one line
            recipients, missing = str(error), ""
        self.recipients.setText(recipients)
        self.missing.setText(missing)
        self.missing.setVisible(bool(missing))
        self._on_choice_changed()
        if self.isVisible():
            self._grow_to_fit()  # a longer preview, or a warning line, for the new choice

    def target_folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _on_browse_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Write the drafts to", self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self._on_choice_changed()
        self.folder.setFocus()

    # -- running ------------------------------------------------------------------------------------------
    def create_drafts(self) -> None:
        if self.running:
            return
        if not self.folder.text().strip():
            self._say_not_written("type the folder the drafts go to")
            self.folder.setFocus()
            return
        folder = self.target_folder()
        if folder.exists() and not folder.is_dir():
            self._say_not_written(f"{folder} is a file, not a folder")
            self.folder.setFocus()
            return
        work = self.work()
        if work is None:
            return
        self.running = True
        self.last_result, self.last_error = None, ""
        self._show_results(False)
        self._on_choice_changed()  # Enter writes again after a failure (Open in mail is hidden meanwhile)
        self.create_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self._say("Writing the drafts…")
        WriteOp(self.ctx, _in_folder(work, folder)).progress(self._on_progress).success(self._on_done).failure(
            self._on_failed
        ).run(initiator=self)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_done(self, result: Any) -> None:
        self._finished()
        self.last_result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        remember_folder(self.target_folder())
        drafts = result.drafts
        self.results.clear()
        for cells, path in self.result_rows(result):
            item = QTreeWidgetItem(self.results, cells)
            item.setData(0, Qt.ItemDataRole.UserRole, str(path))
            for column, text in enumerate(cells):
                item.setToolTip(column, str(path) if column == 0 else text)
        for column in range(self.results.columnCount() - 1):  # the last takes the rest
            self.results.resizeColumnToContents(column)
        done = (f"{plural(len(drafts), 'draft')} written to {result.folder}. Nothing has been sent: "
                "open each in your mail program to check and send it.")
        self._say(done if drafts else "No drafts written: there was no one to write to.")
        self.missing.setText(result_warnings(result, self.MISSING_NOTE))
        self.missing.setVisible(bool(self.missing.text()))
        self._show_results(bool(drafts))
        if drafts:
            first = self.results.topLevelItem(0)
            if first is not None:
                self.results.setCurrentItem(first)
            self.create_button.setDefault(False)
            self.open_mail.setDefault(True)  # Enter now opens the chosen draft
            self.results.setFocus()

    def _on_failed(self, error: BaseException) -> None:
        self._finished()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, ForumDeskError):
            self._say_not_written(str(error).rstrip("."))
            field = self.fields().get(getattr(error, "field", None) or "")
            if field is not None and field.isVisible():
                field.setFocus()  # the cursor where the mistake is
        else:
            log.error("writing e-mail drafts failed", exc_info=error)
            self._say_not_written(f"something unexpected went wrong ({type(error).__name__}); see the log")

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if text and self.isVisible():
            self._grow_to_fit()

    def _say_not_written(self, why: str) -> None:
        self.last_error = why
        self._say(f"No drafts written: {why}.")

    def _finished(self) -> None:
        self.running = False
        self.create_button.setEnabled(True)

    def _show_results(self, shown: bool) -> None:
        for widget in (self.results_label, self.results, self.open_mail, self.open_folder_button):
            widget.setVisible(shown)
        if shown:
            self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """As tall as the rows now shown need (the drafts' list appeared), on the screen and inside it."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        height = min(max(self.height(), self.sizeHint().height()), default_size(self, 0, 10_000).height())
        if height > self.height():
            self.resize(self.width(), height)
            fit_on_screen(self)

    # -- opening ------------------------------------------------------------------------------------------
    def selected_draft(self) -> Path | None:
        item = self.results.currentItem() or self.results.topLevelItem(0)
        return Path(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def open_selected(self) -> None:
        path = self.selected_draft()
        if path is None:
            return
        if not open_in_mail(path):
            self._say(f"No mail program opened {path.name}: open it from {path.parent} yourself.")

    def _on_open_folder_clicked(self) -> None:
        if self.last_result is not None:
            open_folder(Path(self.last_result.folder))

    def reject(self) -> None:  # Esc or the window's close button: not while the drafts are being written
        if self.running:
            self._say("Writing the drafts… please wait: it takes a moment.")
            return
        super().reject()


def _in_folder(work: MailWork, folder: Path) -> Callable[[Services, Progress], Outcome[Any]]:
    """``work`` on the worker thread, the folder made first when it is new (and taken away again, if still
    empty, when the drafts could not be written: nothing half-made is left behind)."""

    def run(services: Services, progress: Progress) -> Outcome[Any]:
        made = not folder.exists()
        try:
            if made:
                folder.mkdir(parents=True)
            return work(services, folder, progress)
        except OSError as error:
            if made:
                _remove_if_empty(folder)
            raise ForumDeskError(f"the folder {folder} could not be written to ({error.strerror or error})") from error
        except BaseException:
            if made:
                _remove_if_empty(folder)
            raise

    return run


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
