"""Ctrl+N on the Actions tracker: record an action (forum, text, owner, due date, aims).

The dialog stays open with the services' one-line reason when the action cannot be recorded, and closes
once the write has succeeded (so nothing is half-written and nothing typed is lost).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.dates import parse_due_date
from forumdesk.domain.errors import ForumDeskError
from forumdesk.services.actions import NewAction
from forumdesk.ui.models.roles import KEY_ROLE
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp
from forumdesk.ui.widgets.choices import ChoiceLists
from forumdesk.ui.widgets.folding import FoldingCompleter
from forumdesk.ui.widgets.message_bar import MessageBar


class NewActionDialog(QDialog):
    def __init__(
        self, ctx: AppContext, choices: ChoiceLists, forum_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._choices = choices
        self.new_id: int | None = None
        self.setWindowTitle("New action")
        self.setAccessibleName("New action")
        self.message = MessageBar(self)
        self.forum = QComboBox(self)
        self.forum.setAccessibleName("Forum")
        for forum in choices.current.forums:
            self.forum.addItem(forum.name, forum.id)
        if forum_id is not None:
            self.forum.setCurrentIndex(max(0, self.forum.findData(forum_id)))
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("The action")
        self.text.setPlaceholderText("What is to be done, by whom, as agreed")
        self.text.setTabChangesFocus(True)
        self.owner = QLineEdit(self)
        self.owner.setAccessibleName("Owner")
        self.owner.setPlaceholderText("Start typing a name")
        self.owner.setCompleter(FoldingCompleter(choices.people_names, self.owner))  # accents aside
        self.due = QLineEdit(self)
        self.due.setAccessibleName("Due date")
        self.due.setPlaceholderText("dd/mm/yyyy, or '2 weeks'")
        self.aims_model = QStandardItemModel(self)
        self.aims = QListView(self)
        self.aims.setModel(self.aims_model)
        self.aims.setAccessibleName("Strategic aims (tick with Space)")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record action")
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.forum.currentIndexChanged.connect(self._fill_aims)
        self._fill_aims()
        form = QFormLayout()
        form.addRow("&Forum:", self.forum)
        form.addRow("&Action:", self.text)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Due:", self.due)
        aims_label = QLabel("Ai&ms:", self)
        aims_label.setBuddy(self.aims)
        form.addRow(aims_label, self.aims)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(640, 520)

    def _fill_aims(self, *_args: object) -> None:
        """Every aim of the strategy, the chosen forum's own first (in bold); ticks are kept."""
        ticked = set(self.checked_aims())
        forum_id = self.forum.currentData()
        own: set[str] = set()
        if forum_id is not None:
            own = {aim.code for aim in self._ctx.services.forums.aims(int(forum_id))}
        aims = sorted(self._choices.current.aims, key=lambda aim: aim.code not in own)
        self.aims_model.clear()
        for aim in aims:
            item = QStandardItem(f"{aim.code}  {aim.text}")
            item.setData(aim.code, KEY_ROLE)
            item.setToolTip(f"{aim.area_name}: {aim.text}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if aim.code in ticked else Qt.CheckState.Unchecked)
            if aim.code in own:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.aims_model.appendRow(item)

    def checked_aims(self) -> list[str]:
        return [
            str(self.aims_model.item(row).data(KEY_ROLE))
            for row in range(self.aims_model.rowCount())
            if self.aims_model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _on_accepted(self) -> None:
        try:
            new = self._new_action()
        except (ForumDeskError, ValueError) as error:
            self.message.show_error(str(error))
            return
        self.buttons.setEnabled(False)
        WriteOp(self._ctx, lambda s: s.actions.record(new)).success(self._on_recorded).failure(self._on_failed).run(
            initiator=self
        )

    def _new_action(self) -> NewAction:
        if self.forum.currentData() is None:
            raise ValueError("Choose the forum the action belongs to")
        owner_text = self.owner.text().strip()
        owner_id = self._choices.resolve_person(owner_text) if owner_text else None
        due_text = self.due.text().strip()
        try:
            due = parse_due_date(due_text, self._ctx.today()) if due_text else None
        except ValueError as error:
            raise ValueError(f"The due date: {error}") from None
        return NewAction(
            forum_id=int(self.forum.currentData()),
            description=self.text.toPlainText(),
            owner_id=owner_id,
            due_date=due,
            aim_codes=tuple(self.checked_aims()),
        )

    def _on_recorded(self, action_id: int) -> None:
        self.new_id = action_id
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ForumDeskError):
            self.message.show_error(str(error))
        else:
            self._ctx.report(error)
