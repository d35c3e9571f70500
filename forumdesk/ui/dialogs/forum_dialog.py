"""Add or edit a forum: its register entry (name, parent, district, purpose, terms of reference, quorum,
marking, review date) and the priority areas and aims it serves. An edit is undoable (Edit > Undo)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.enums import Marking, QuorumKind
from forumdesk.domain.model import Forum
from forumdesk.domain.patches import ForumPatch
from forumdesk.domain.refs import short_code
from forumdesk.domain.validation import required_text
from forumdesk.services import Services
from forumdesk.services.forums import ForumState
from forumdesk.ui.dialogs.base import WriteDialog, chosen_id, date_edit, optional_date, record_combo, text_combo
from forumdesk.ui.shell.context import AppContext
from forumdesk.ui.widgets.screen_fit import default_size

FREQUENCIES = ("Monthly", "Every six weeks", "Bi-monthly", "Quarterly", "Six-monthly", "Annually", "As required")
KINDS = ("Strategic forum", "Family of local bodies", "Community Safety Partnership", "Board", "Sub-group",
         "Task and finish group", "Panel")
QUORUM_LABELS = {QuorumKind.NONE: "No quorum rule", QuorumKind.AGENCIES: "Agencies represented",
                 QuorumKind.HEADS: "Members present"}


class StrategyChecklist(QTreeView):
    """Priority areas with their aims, each with a tick box."""

    def __init__(self, services: Services, areas: set[int], aims: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Priority areas and aims served")
        self.model_ = QStandardItemModel(self)
        self.model_.setHorizontalHeaderLabels(["Priority area / aim"])
        aims_by_area: dict[int, list[Any]] = {}
        for aim in services.strategy.aims():
            aims_by_area.setdefault(aim.area_id, []).append(aim)
        for area in services.strategy.areas():
            area_item = _check_item(area.name, area.id, area.id in areas)
            for aim in aims_by_area.get(area.id, []):
                aim_item = _check_item(f"{aim.code}  {aim.text}", aim.id, aim.id in aims)
                aim_item.setToolTip(aim.text)
                area_item.appendRow(aim_item)
            self.model_.appendRow(area_item)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        for row in range(self.model_.rowCount()):  # open the areas where aims are ticked, to show them
            area_item = self.model_.item(row)
            if any(area_item.child(i).checkState() == Qt.CheckState.Checked for i in range(area_item.rowCount())):
                self.setExpanded(area_item.index(), True)

    def checked(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        areas: list[int] = []
        aims: list[int] = []
        for row in range(self.model_.rowCount()):
            area = self.model_.item(row)
            if area.checkState() == Qt.CheckState.Checked:
                areas.append(int(area.data()))
            for i in range(area.rowCount()):
                if area.child(i).checkState() == Qt.CheckState.Checked:
                    aims.append(int(area.child(i).data()))
        return tuple(areas), tuple(aims)

    def set_checked(self, label_start: str, checked: bool = True) -> None:
        """Tick the first area or aim whose label starts with ``label_start`` (tests, keyboard macros)."""
        for item in self.model_.findItems(label_start, Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive):
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            return


def _check_item(text: str, record_id: int, checked: bool) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(record_id)
    item.setEditable(False)
    item.setCheckable(True)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


class ForumDialog(WriteDialog):
    """Add a forum (``forum=None``) or edit one."""

    def __init__(self, ctx: AppContext, forum: Forum | None = None, parent: QWidget | None = None,
                 *, parent_id: int | None = None) -> None:
        super().__init__(ctx, "Edit forum" if forum else "Add forum", parent)
        self._forum = forum
        services = ctx.services
        self._old = services.forums.state(forum.id) if forum else None
        new = ForumPatch(parent_id=parent_id, marking=Marking.OFFICIAL, quorum_kind=QuorumKind.NONE, quorum_count=0)
        values: dict[str, Any] = (self._old.patch if self._old else new).given()
        forums = [f for f in services.forums.forums(include_archived=False) if not forum or f.id != forum.id]
        self.name = QLineEdit(values.get("name", ""), self)
        self.code = QLineEdit(values.get("short_code", ""), self)
        self.code.setPlaceholderText("from the name's initials")
        self.code.setMaxLength(12)
        self.kind = text_combo(KINDS + tuple(f.kind for f in forums), values.get("kind", ""), self)
        self.parent_forum = record_combo([(f.name, f.id) for f in forums], values.get("parent_id"), self,
                                         none_text="(none: reports to no other forum)")
        self.district = text_combo(services.strategy.districts(), values.get("district", ""), self)
        self.purpose = _text_box(values.get("purpose", ""), self)
        self.terms = _text_box(values.get("terms_of_reference", ""), self)
        self.frequency = text_combo(FREQUENCIES, values.get("frequency", ""), self)
        self.quorum_kind = QComboBox(self)
        for kind, label in QUORUM_LABELS.items():
            self.quorum_kind.addItem(label, kind)
        self.quorum_kind.setCurrentIndex(self.quorum_kind.findData(values["quorum_kind"]))
        self.quorum_count = QSpinBox(self)
        self.quorum_count.setRange(0, 99)
        self.quorum_count.setValue(int(values["quorum_count"]))
        self.quorum_count.setAccessibleName("Quorum number")
        self.marking = QComboBox(self)
        self.marking.addItems([m.value for m in Marking])
        self.marking.setCurrentText(Marking(values["marking"]).value)
        self.review = date_edit(values.get("review_date"), self)
        self._build(services)

    def _build(self, services: Services) -> None:
        quorum = QWidget(self)
        row = QHBoxLayout(quorum)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.quorum_kind, 1)
        row.addWidget(QLabel("at least", quorum))
        row.addWidget(self.quorum_count)
        quorum.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.add_field("&Name", self.name, "name")
        self.add_field("Short &code", self.code, "short_code", accessible="Short code for action references")
        self.add_field("&Type", self.kind, "kind")
        self.add_field("&Parent forum", self.parent_forum, "parent")
        self.add_field("&District", self.district, "district")
        self.add_field("P&urpose", self.purpose, "purpose")
        self.add_field("Terms of &reference", self.terms, "terms_of_reference")
        self.add_field("&Meets", self.frequency, "frequency", accessible="Meeting frequency")
        self.add_field("&Quorum", quorum, "quorum_count", accessible="Quorum rule")
        self.add_field("Default &marking", self.marking, "marking")
        self.add_field("Re&view date", self.review, "review_date", accessible="Terms of reference review date")
        old = self._old
        self.strategy = StrategyChecklist(services, set(old.area_ids if old else ()),
                                          set(old.aim_ids if old else ()), self)
        strategy_page = QWidget(self)
        column = QVBoxLayout(strategy_page)
        text = ("Tick the priority areas this forum serves; leave all unticked to inherit its parent's. "
                "Tick aims only to narrow it to some aims of those areas.")
        if self._forum is not None and old is not None and not old.area_ids and self._forum.priorities:
            text += f" Now inherited: {', '.join(self._forum.priorities)}."
        hint = QLabel(text, strategy_page)
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(self.strategy, 1)
        tabs = QTabWidget(self)
        tabs.setAccessibleName("Forum details and strategy")
        details = QScrollArea(self)  # scrolls on a small or scaled screen rather than running off it
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.NoFrame)
        details.setWidget(self.form_widget)
        tabs.addTab(details, "&Details")  # the base class's form moves into the first tab
        tabs.addTab(strategy_page, "&Strategy")
        self.body.addWidget(tabs)
        self.resize(default_size(self, 720, min(self.sizeHint().height(), 620)))
        self.name.setFocus()

    def state(self) -> ForumState:
        name = required_text(self.name.text(), "The forum's name", "name")
        quorum_kind = QuorumKind(self.quorum_kind.currentData())
        patch = ForumPatch(
            name=name,
            short_code=self.code.text().strip().upper() or short_code(name),
            kind=self.kind.currentText().strip(),
            parent_id=chosen_id(self.parent_forum, "a parent forum", "parent", required=False),
            district=self.district.currentText().strip(),
            purpose=self.purpose.toPlainText().strip(),
            terms_of_reference=self.terms.toPlainText().strip(),
            frequency=self.frequency.currentText().strip(),
            quorum_kind=quorum_kind,
            quorum_count=self.quorum_count.value() if quorum_kind is not QuorumKind.NONE else 0,
            marking=Marking(self.marking.currentText()),
            review_date=optional_date(self.review, "The review date", "review_date"),
        )
        return ForumState(patch, *self.strategy.checked())

    def prepare(self) -> Any:
        state = self.state()
        if self._forum is None:
            return lambda services: services.forums.create_linked(state)
        forum_id = self._forum.id
        return lambda services: services.forums.save(forum_id, state).with_value(forum_id)



def _text_box(text: str, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(text, parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 5 + 12)
    return box
