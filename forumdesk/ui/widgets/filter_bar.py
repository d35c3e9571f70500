"""The Actions tracker's filter bar: forum, owner, agency, status, RAG, aim, overdue and words.

It builds an ``ActionQuery`` (without the sort, which the table owns) and emits ``query_changed``. Typing
is debounced briefly so a fast typist starts one search, not five; the search itself is SQL + FTS5.
Filters the bar has no control for (due within 14 days, one meeting, one priority area), set by a
click-through from another page, show as a removable chip.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QToolButton, QWidget

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.queries import ActionQuery
from forumdesk.ui.widgets.choices import ChoiceLists, person_label
from forumdesk.ui.widgets.flow_layout import FlowLayout

DEBOUNCE_MS = 25
OPEN = "open"  # the status combo's "Open (any)" entry


def _combo(name: str, parent: QWidget, width_chars: int) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    combo.setMinimumContentsLength(width_chars)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class ActionFilterBar(QWidget):
    query_changed = Signal(object)  # ActionQuery

    def __init__(self, choices: ChoiceLists, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._extra: dict[str, Any] = {}
        self._quiet = False
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Search the actions' text (Ctrl+F)")
        self.text.setAccessibleName("Search actions")
        self.text.setClearButtonEnabled(True)
        self.forum = _combo("Forum", self, 14)
        self.owner = _combo("Owner", self, 12)
        self.agency = _combo("Agency", self, 12)
        self.status = _combo("Status", self, 9)
        self.rag = _combo("RAG", self, 6)
        self.aim = _combo("Aim", self, 6)
        self.overdue = QCheckBox("Overdue", self)
        self.overdue.setAccessibleName("Overdue only")
        self.chip = QToolButton(self)
        self.chip.setAccessibleName("Remove the extra filter")
        self.chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.chip.clicked.connect(self._on_chip_clicked)
        self.chip.hide()
        self._fill_static()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        layout = FlowLayout(self)  # wraps onto a second row on a small or scaled screen (issue 15 item 4)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance(self.text.placeholderText()) + 40)
        layout.addWidget(self.text)
        for widget in (self.forum, self.owner, self.agency, self.status, self.rag, self.aim):
            layout.addWidget(widget)
            widget.currentIndexChanged.connect(self._on_changed)
        layout.addWidget(self.overdue)
        layout.addWidget(self.chip)
        self.text.textChanged.connect(self._on_text_changed)
        self.overdue.toggled.connect(self._on_changed)
        choices.changed.connect(self._fill_lists)
        self._fill_lists()

    # -- building the query -------------------------------------------------------------------------------
    def query(self) -> ActionQuery:
        # Qt hands enum members back as their plain values: make them enums again.
        status = self.status.currentData()
        status = status if status in (None, OPEN) else ActionStatus(status)
        rag = self.rag.currentData()
        query = ActionQuery(
            forum_ids=(self.forum.currentData(),) if self.forum.currentData() is not None else (),
            owner_id=self.owner.currentData(),
            organisation_id=self.agency.currentData(),
            statuses=(status,) if isinstance(status, ActionStatus) else (),
            open_only=status == OPEN,
            rag=None if rag is None else Rag(rag),
            aim_code=self.aim.currentData(),
            overdue=self.overdue.isChecked(),
            text=self.text.text().strip(),
        )
        return dataclasses.replace(query, **self._extra) if self._extra else query

    def apply_filters(self, **filters: Any) -> None:
        """Set the bar from a click-through: ``overdue=True``, ``due_within_days=14``, ``aim_code="DA-1"``...

        Open actions are shown unless ``status`` names one, or ``open_only=False``/``any_status=True``.
        """
        filters = _normalised(filters)
        self._quiet = True
        try:
            self.clear()
            self.text.setText(str(filters.pop("text", "")))
            self.overdue.setChecked(bool(filters.pop("overdue", False)))
            for key, combo in (
                ("forum_id", self.forum), ("owner_id", self.owner), ("organisation_id", self.agency),
                ("rag", self.rag), ("aim_code", self.aim), ("status", self.status),
            ):
                if key in filters:
                    value = filters.pop(key)
                    value = Rag(value) if key == "rag" else ActionStatus(value) if key == "status" else value
                    index = combo.findData(value)
                    if index >= 0:
                        combo.setCurrentIndex(index)
                    elif key in _QUERY_FIELD:  # not in the list (yet, or archived): filter all the same
                        name, wrap = _QUERY_FIELD[key]
                        filters[name] = wrap(value)
            open_only = filters.pop("open_only", None)
            if open_only is False or filters.pop("any_status", False):
                self.status.setCurrentIndex(0)
            fields = {f.name for f in dataclasses.fields(ActionQuery)}
            self._extra = {k: v for k, v in filters.items() if k in fields}
            self._show_chip()
        finally:
            self._quiet = False
        self._emit()

    def clear(self) -> None:
        """Back to the default view: every open action."""
        self._extra = {}
        self._show_chip()
        for combo in (self.forum, self.owner, self.agency, self.rag, self.aim):
            combo.setCurrentIndex(0)
        self.status.setCurrentIndex(self.status.findData(OPEN))
        self.overdue.setChecked(False)
        self.text.clear()

    def _on_text_changed(self, _text: str) -> None:
        if not self._quiet:
            self._debounce.start()

    def _on_changed(self, *_args: object) -> None:
        if not self._quiet:
            self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        self.query_changed.emit(self.query())

    def _on_chip_clicked(self) -> None:
        self._extra = {}
        self._show_chip()
        self._emit()

    def _show_chip(self) -> None:
        parts = []
        if "due_within_days" in self._extra:
            parts.append(f"Due in the next {self._extra['due_within_days']} days")
        if "meeting_id" in self._extra:
            parts.append("Raised at one meeting")
        if "area_code" in self._extra:
            parts.append(f"Priority area {self._extra['area_code']}")
        if "forum_ids" in self._extra:
            parts.append("Chosen forums")
        if "statuses" in self._extra:
            parts.append(" or ".join(ActionStatus(s).label for s in self._extra["statuses"]))
        if "owner_id" in self._extra:
            parts.append("One owner")
        if "organisation_id" in self._extra:
            parts.append("One agency")
        if "aim_code" in self._extra:
            parts.append(f"Aim {self._extra['aim_code']}")
        self.chip.setText(" · ".join(parts) + "  ✕")
        self.chip.setToolTip("Remove this filter")
        self.chip.setVisible(bool(parts))

    # -- the lists ----------------------------------------------------------------------------------------
    def _fill_static(self) -> None:
        self.status.addItem("Any status", None)
        self.status.addItem("Open (any)", OPEN)
        for status in ActionStatus:
            self.status.addItem(status.label, status)
        self.status.setCurrentIndex(self.status.findData(OPEN))  # the live work, until asked for more
        self.rag.addItem("Any RAG", None)
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE):
            self.rag.addItem(rag.label, rag)

    def _fill_lists(self) -> None:
        choices = self._choices.current
        self._quiet = True
        try:
            _refill(self.forum, "All forums", [(f.name, f.id) for f in choices.forums])
            _refill(self.owner, "Any owner", [(person_label(p), p.id) for p in choices.people])
            _refill(self.agency, "Any agency", [(o.name, o.id) for o in choices.organisations])
            _refill(self.aim, "Any aim", [(a.code, a.code) for a in choices.aims], [a.text for a in choices.aims])
        finally:
            self._quiet = False


_QUERY_FIELD: dict[str, tuple[str, Any]] = {
    "forum_id": ("forum_ids", lambda v: (int(v),)),
    "owner_id": ("owner_id", int),
    "organisation_id": ("organisation_id", int),
    "aim_code": ("aim_code", str),
}


def _normalised(filters: dict[str, Any]) -> dict[str, Any]:
    """One forum or one status given as a tuple goes to its combo; several stay as extra filters."""
    values = dict(filters)
    forum_ids = tuple(values.pop("forum_ids", ()) or ())
    if len(forum_ids) == 1:
        values["forum_id"] = forum_ids[0]
    elif forum_ids:
        values["forum_ids"] = forum_ids
    statuses = tuple(ActionStatus(s) for s in values.pop("statuses", ()) or ())
    if len(statuses) == 1:
        values["status"] = statuses[0]
    elif statuses:
        values["statuses"] = statuses
        values["any_status"] = True
    return values


def _refill(combo: QComboBox, everything: str, items: list[tuple[str, Any]], tips: list[str] | None = None) -> None:
    """Replace a combo's items, keeping the current choice where it still exists."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for position, (text, data) in enumerate(items):
        combo.addItem(text, data)
        if tips:
            combo.setItemData(position + 1, tips[position], Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    combo.blockSignals(False)
