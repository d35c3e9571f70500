"""The one dialog base, ``FormDialog`` (a form, a one-line error, OK and Cancel, opened on its first field, asks
before discarding what was typed), used by the meeting room's capture and planning dialogs; and ``WriteDialog``,
the add/edit dialog built on it: Save runs a write off the GUI thread.

A ``WriteDialog`` subclass builds its fields into ``self.form`` (registering each under the service's field name with
``add_field``, so a ``ValidationError(field=...)`` puts the cursor where the mistake is) and implements
``prepare()``, which reads the fields and returns the write: a function of ``Services`` returning
``(value, Changes)``. Nothing is saved unless the whole write succeeds (one transaction in the service).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.changes import Outcome
from forumdesk.domain.dates import parse_uk_date
from forumdesk.domain.errors import ForumDeskError, ValidationError
from forumdesk.services import Services
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.shell.write_op import WriteOp
from forumdesk.ui.widgets.capture_text import CaptureText
from forumdesk.ui.widgets.discard_guard import DiscardGuard
from forumdesk.ui.widgets.folding import FoldingCompleter
from forumdesk.ui.widgets.screen_fit import available_size

log = logging.getLogger(__name__)

Write = Callable[[Services], Outcome[Any]]


class FormDialog(QDialog):
    """The one dialog base: a form, a one-line error, OK and Cancel (or Save), opened on its first field.

    A subclass adds its fields to ``self.form`` (``add_field`` registers one under a name, so an error can put
    the cursor on it; ``_line`` and ``_text`` add a one-line or a several-line field) and says what is wrong
    with the input in ``problem()``: while it says anything, OK shows it on the error line and the dialog stays
    open to correct it. Esc or Cancel asks first when something was typed (issue 15 item 13).
    """

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.discard_guard = DiscardGuard(self)
        self.form_widget = QWidget(self)
        self.form = QFormLayout(self.form_widget)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(4)  # ten rows still fit a 768-pixel screen at 150%
        self._fields: dict[str, QWidget] = {}
        self.error_icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.error_icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        self.error_label = QLabel(self)
        self.error_label.setAccessibleName("Problem")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # may quote what was typed
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.error_label.font()
        font.setBold(True)
        self.error_label.setFont(font)
        error_row = QHBoxLayout()
        error_row.addWidget(self.error_icon, 0, Qt.AlignmentFlag.AlignTop)
        error_row.addWidget(self.error_label, 1)
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        self.body.addWidget(self.form_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addLayout(error_row)
        layout.addWidget(self.buttons)
        # wide enough that wrapped hints stay short (and so the dialog low) on a small or scaled screen
        self.setMinimumWidth(min(560, available_size(self).width() - 40))
        self.show_error("")

    # -- for subclasses -----------------------------------------------------------------------------------
    def add_field(self, label: str, widget: QWidget, name: str, *, accessible: str | None = None) -> None:
        widget.setAccessibleName(accessible or label.replace("&", ""))
        self.form.addRow(label, widget)
        self._fields[name] = widget

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def _line(self, label: str, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit

    def _text(self, label: str, name: str, placeholder: str) -> CaptureText:
        edit = CaptureText(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.submitted.connect(self.accept)
        self.form.addRow(label, edit)
        return edit

    def problem(self) -> str:
        """What is wrong with the input, in a line; "" when OK may go ahead."""
        return ""

    # -- flow ---------------------------------------------------------------------------------------------
    def show_error(self, message: str, field: str | None = None) -> None:
        first_line = message.strip().splitlines()[0] if message.strip() else ""
        self.error_label.setText(first_line[:1].upper() + first_line[1:])
        self.error_label.setVisible(bool(first_line))
        self.error_icon.setVisible(bool(first_line))
        if field and field in self._fields:
            self._fields[field].setFocus()

    def error_text(self) -> str:
        return self.error_label.text()

    def accept(self) -> None:
        message = self.problem()
        if message:
            self.show_error(message)
            return
        super().accept()

    def reject(self) -> None:
        """Esc or Cancel: asks first when something was typed (issue 15 item 13)."""
        self.discard_guard.ask_or(super().reject)

    def showEvent(self, event: QShowEvent) -> None:
        """Open on the first field, not on OK (the buttons are made before the subclass's fields)."""
        super().showEvent(event)
        self.discard_guard.snapshot()
        focused = self.focusWidget()
        if focused is None or isinstance(focused, QAbstractButton):
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget | None:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            inner_layout = item.layout() if item is not None else None
            if widget is None and inner_layout is not None:
                inner = inner_layout.itemAt(0)
                widget = inner.widget() if inner is not None else None
            if widget is not None and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
        return None


class WriteDialog(FormDialog):
    """An add/edit dialog whose Save runs a write off the GUI thread (see the module's docstring)."""

    saved = Signal(object)  # the write's value (e.g. the new record's id)

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent, ok=QDialogButtonBox.StandardButton.Save)
        self.ctx = ctx
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._busy = False

    def prepare(self) -> Write:
        raise NotImplementedError

    def accept(self) -> None:
        if self._busy:  # Enter pressed again while saving
            return
        try:
            write = self.prepare()
        except ValidationError as error:
            self.show_error(str(error), error.field)
            return
        self.show_error("")
        self._set_busy(True)
        WriteOp(self.ctx, write).success(self._on_write_done).failure(self._on_write_failed).run(initiator=self)

    def _on_write_done(self, value: Any) -> None:
        self._set_busy(False)
        self.saved.emit(value)
        QDialog.accept(self)

    def _on_write_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError):
            self.show_error(str(error), error.field)
        elif isinstance(error, ForumDeskError):
            self.show_error(str(error))
        else:
            log.error("saving %s failed", self.windowTitle(), exc_info=error)
            self.show_error(f"Could not save ({type(error).__name__}); nothing was changed. See the log.")

    def reject(self) -> None:
        if not self._busy:  # a save under way finishes first (its result comes back to this dialog)
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)


# -- field helpers ------------------------------------------------------------------------------------------
W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str = "") -> W:
    """``widget`` with an object name (for tests and style sheets) and, if given, its accessible name."""
    widget.setObjectName(name)
    if accessible:
        widget.setAccessibleName(accessible)
    return widget


def optional_date(edit: QLineEdit, what: str, field: str) -> date | None:
    """A dd/mm/yyyy date from a line edit; empty is None; anything unreadable is a ``ValidationError``."""
    text = edit.text().strip()
    if not text:
        return None
    try:
        return parse_uk_date(text)
    except ValueError as error:
        raise ValidationError(f"{what}: {error}", field) from None


def date_edit(value: date | None, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(value.strftime("%d/%m/%Y") if value else "", parent)
    edit.setPlaceholderText("dd/mm/yyyy")
    return edit


def minutes_spin(parent: QWidget, minutes: int = 120) -> QSpinBox:
    """A meeting's length: 15 minutes to 8 hours, in quarter hours."""
    spin = QSpinBox(parent)
    spin.setRange(15, 480)
    spin.setSingleStep(15)
    spin.setValue(minutes)
    spin.setSuffix(" minutes")
    spin.setAccessibleName("Length in minutes")
    return spin


def text_combo(choices: Sequence[str], current: str, parent: QWidget, placeholder: str = "") -> QComboBox:
    """An editable combo: pick a known value or type a new one."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems([c for c in dict.fromkeys(choices) if c])
    combo.setCurrentText(current)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(placeholder)
    completer = FoldingCompleter(combo.model(), combo)  # "chloe" finds Chloé (issue 15 item 10)
    combo.setCompleter(completer)
    if completer is not None:
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = completer.popup()
        if popup is not None:
            popup.installEventFilter(_EnterSubmits(combo, popup))
    return combo


class _EnterSubmits(QObject):
    """Enter in a completion list that nobody has moved into closes it and goes on to the dialog (its
    default button), instead of only closing the list: the first Enter saves (issue 15 item 13)."""

    def __init__(self, combo: QComboBox, popup: QAbstractItemView) -> None:
        super().__init__(combo)
        self._combo, self._popup = combo, popup

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self._popup.currentIndex().isValid()
        ):
            self._popup.hide()
            dialog = self._combo.window()
            if isinstance(dialog, QDialog):
                QTimer.singleShot(0, dialog.accept)
            return True
        return False


def record_combo(
    items: Sequence[tuple[str, int]], current: int | None, parent: QWidget, *, none_text: str | None = None,
    placeholder: str = "",
) -> QComboBox:
    """A combo of records (label, id) that can be searched by typing; ``none_text`` offers "no choice"."""
    combo = text_combo([], "", parent, placeholder)
    if none_text is not None:
        combo.addItem(none_text, None)
    for label, record_id in items:
        combo.addItem(label, record_id)
    index = combo.findData(current) if current is not None else (0 if none_text is not None else -1)
    combo.setCurrentIndex(index)
    if index < 0:
        combo.setCurrentText("")
    return combo


def chosen_id(combo: QComboBox, what: str, field: str, *, required: bool) -> int | None:
    """The id of the record whose label is typed or picked; text that names no record is refused."""
    text = combo.currentText().strip()
    if not text:
        if required:
            raise ValidationError(f"choose {what}", field)
        return None
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index < 0:
        raise ValidationError(f"{text!r} is not in the list: choose {what} from it", field)
    value = combo.itemData(index)
    if value is None and required:
        raise ValidationError(f"choose {what}", field)
    return None if value is None else int(value)
