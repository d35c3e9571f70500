"""The Dashboard: what needs the secretary today, each figure a click through to the filtered list.

Overdue actions, actions due in the next 14 days, upcoming meetings, minutes awaiting approval and the
strategy's gaps (aims with no open action). Everything is one service query (``services.dashboard.summary``),
read in one task off the GUI thread and read again when a write changes actions, meetings or the strategy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from forumdesk.domain.changes import Changes
from forumdesk.domain.dates import format_uk_date, format_uk_datetime
from forumdesk.domain.enums import Rag
from forumdesk.domain.model import Action, Meeting
from forumdesk.domain.rag import DUE_SOON_DAYS
from forumdesk.services.dashboard import UPCOMING_DAYS, DashboardData
from forumdesk.ui.models.rag_colours import RAG_COLOURS
from forumdesk.ui.models.roles import TARGET_ROLE
from forumdesk.ui.shell.context import AppContext


class _Tile(QFrame):
    """A big figure with its caption; Enter, Space or a click goes to the list behind it."""

    clicked = Signal()

    def __init__(self, caption: str, accent: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setObjectName("tile")
        self.setAccessibleName(caption)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Colours come from the palette (light or dark); only the accent stripe is fixed.
        self.setStyleSheet(
            "QFrame#tile { border: 1px solid palette(mid); border-radius: 4px; background: palette(base);"
            f" border-left: 6px solid {accent}; }}"
            f" QFrame#tile:focus {{ border: 2px solid palette(highlight); border-left: 6px solid {accent}; }}"
            " QLabel { color: palette(text); background: transparent; }"
        )
        self.figure = QLabel("…", self)
        font = self.figure.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.figure.setFont(font)
        self.label = QLabel(caption, self)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 8)
        layout.setSpacing(0)
        layout.addWidget(self.figure)
        layout.addWidget(self.label)
        self.set_value(None)

    def set_value(self, value: int | None) -> None:
        figure = "…" if value is None else f"{value:,}"
        self.figure.setText(figure)
        self.setAccessibleDescription(f"{figure} {self.caption}. Press Enter to see them.")
        self.setToolTip(f"{figure} {self.caption}: click or press Enter to see them")

    def text(self) -> str:
        return f"{self.figure.text()}\n{self.caption}"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()


class _Panel(QWidget):
    """A titled list whose rows lead somewhere: ``on_activated(target)`` with the row's target."""

    def __init__(self, title: str, empty: str, on_activated: Callable[[Any], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.empty = empty
        self.title = QLabel(f"<b>{title}</b>", self)
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.title.setBuddy(self.view)
        self.view.activated.connect(lambda index: self._activate(index, on_activated))
        self.view.clicked.connect(lambda index: self._activate(index, on_activated))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def set_rows(self, rows: list[tuple[str, str, Any]]) -> None:
        """(text, tooltip, target) per row; an empty list shows the panel's empty message."""
        self.model.clear()
        for text, tip, target in rows:
            item = QStandardItem(text)
            item.setToolTip(tip)
            item.setData(target, TARGET_ROLE)
            self.model.appendRow(item)
        if not rows:
            item = QStandardItem(self.empty)
            item.setEnabled(False)
            self.model.appendRow(item)

    @staticmethod
    def _activate(index: QModelIndex, on_activated: Callable[[Any], None]) -> None:
        target = index.data(TARGET_ROLE)
        if target is not None:
            on_activated(target)


class _GettingStarted(QFrame):
    """First-run guidance on a database with no people yet: each step a button that takes you there."""

    def __init__(self, steps: list[tuple[str, str, Callable[[], None]]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Getting started")
        layout = QVBoxLayout(self)
        title = QLabel("<b>Getting started</b>", self)
        intro = QLabel(
            "This database has no people yet. Start here, in this order, or bring in the tracker you keep now.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for n, (text, tip, slot) in enumerate(steps, start=1):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAccessibleName(f"Step {n}: {text.replace('&', '')}")
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)


class DashboardPage(QWidget):
    title = "Dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.data: DashboardData | None = None
        self.setAccessibleName("Dashboard")
        nav = ctx.navigate
        self.tiles = {
            "overdue": _Tile("Overdue actions", RAG_COLOURS[Rag.RED][1].name(), self),
            "due_soon": _Tile(f"Due in the next {DUE_SOON_DAYS} days", RAG_COLOURS[Rag.AMBER][1].name(), self),
            "upcoming": _Tile(f"Meetings in the next {UPCOMING_DAYS} days", "#2f6fb5", self),
            "awaiting": _Tile("Minutes awaiting approval", "#7a5bb5", self),
            "gaps": _Tile("Aims with no open action", "#5f6b7a", self),
        }
        self.tiles["overdue"].clicked.connect(lambda: nav("actions", overdue=True))
        self.tiles["due_soon"].clicked.connect(lambda: nav("actions", due_within_days=DUE_SOON_DAYS))
        self.tiles["upcoming"].clicked.connect(lambda: nav("meetings", upcoming=True))
        self.tiles["awaiting"].clicked.connect(lambda: nav("meetings", awaiting_approval=True))
        self.tiles["gaps"].clicked.connect(lambda: nav("strategy", gaps=True))
        go_action = lambda target: nav("actions", **target)  # noqa: E731
        self.overdue_list = _Panel("Overdue, oldest first", "Nothing overdue", go_action, self)
        self.due_list = _Panel(f"Due in the next {DUE_SOON_DAYS} days", "Nothing due soon", go_action, self)
        self.upcoming_list = _Panel(
            "Upcoming meetings", "No meetings planned", lambda t: nav("meeting", **t), self
        )
        self.awaiting_list = _Panel(
            "Minutes awaiting approval", "All minutes agreed", lambda t: nav("meeting", **t), self
        )
        self.gaps_list = _Panel(
            "The strategy's gaps: aims with no open action", "Every aim has open work",
            lambda t: nav("strategy", **t), self,
        )
        self.areas_list = _Panel(
            "Open actions by priority area", "No actions linked to the strategy yet",
            lambda t: nav("actions", **t), self,
        )
        self.getting_started = _GettingStarted([
            ("Add &people…", "Open People and add the first person", lambda: nav("people", new=True)),
            ("Add a forum's mem&bers", "Open Forums: choose a forum, then its Members tab", lambda: nav("forums")),
            ("Plan a &meeting…", "Open Meetings and plan a forum's next meeting", lambda: nav("meetings", new=True)),
            ("&Import an existing tracker…", "Bring in a spreadsheet of actions or people", self._open_import),
        ], self)
        self.getting_started.hide()
        self.rag_summary = QLabel(self)
        self.rag_summary.setAccessibleName("Actions by RAG")
        self.updated = QLabel(self)
        self._layout()
        ctx.changes_applied.connect(self._on_changes_applied)
        self.reload()

    def _layout(self) -> None:
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        columns = QHBoxLayout()
        for top, bottom, stretch in (
            (self.overdue_list, self.due_list, (1, 1)),
            (self.upcoming_list, self.awaiting_list, (1, 1)),
            (self.areas_list, self.gaps_list, (3, 2)),
        ):
            column = QVBoxLayout()
            column.addWidget(top, stretch[0])
            column.addWidget(bottom, stretch[1])
            columns.addLayout(column, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.rag_summary, 1)
        footer.addWidget(self.updated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.getting_started)
        layout.addLayout(tiles)
        layout.addSpacing(8)
        layout.addLayout(columns, 1)
        layout.addLayout(footer)

    # -- the page protocol --------------------------------------------------------------------------------
    def show_filtered(self, **_filters: Any) -> None:
        self.reload()

    def reload(self) -> None:
        self._ctx.tasks.read(lambda s: s.dashboard.summary(), on_done=self._on_loaded, on_error=self._ctx.report)

    def _on_changes_applied(self, changes: Changes) -> None:
        if changes.actions or changes.meetings or changes.minutes or changes.strategy or changes.people:
            self.reload()

    def _open_import(self) -> None:
        from forumdesk.ui.shell.main_menus import open_menu_dialog

        open_menu_dialog(self.window(), "import")  # type: ignore[arg-type]

    def _on_loaded(self, data: DashboardData) -> None:
        self.getting_started.setVisible(not data.has_people)
        self.data = data
        self.tiles["overdue"].set_value(data.overdue)
        self.tiles["due_soon"].set_value(data.due_soon)
        self.tiles["upcoming"].set_value(len(data.upcoming))
        self.tiles["awaiting"].set_value(len(data.awaiting))
        self.tiles["gaps"].set_value(len(data.gaps))
        self.overdue_list.set_rows([_action_row(a, data.today) for a in data.overdue_top])
        self.due_list.set_rows([_action_row(a, data.today) for a in data.due_soon_top])
        self.upcoming_list.set_rows([_meeting_row(m, "upcoming") for m in data.upcoming])
        self.awaiting_list.set_rows([_meeting_row(m, "awaiting") for m in data.awaiting])
        self.gaps_list.set_rows(
            [(f"{a.code}  {a.text}", f"{a.area_name}: {a.text}", {"aim_code": a.code}) for a in data.gaps]
        )
        self.areas_list.set_rows([_area_row(*area) for area in data.areas])
        self.rag_summary.setText(_rag_html(data))
        self.updated.setText(f"Today is {format_uk_date(data.today)}")


def _action_row(action: Action, today: date) -> tuple[str, str, Any]:
    owner = action.owner_name or "no owner"
    due = format_uk_date(action.effective_due)
    text = f"{due}  {action.ref}  {action.description}  — {owner}"
    tip = f"{action.forum_name}\n{action.description}\nOwner: {owner}\nDue: {due}"
    return text, tip, {"text": "", "forum_id": action.forum_id, "select_id": action.id}


def _meeting_row(meeting: Meeting, kind: str) -> tuple[str, str, Any]:
    when = format_uk_datetime(meeting.starts_at)
    extra = f" ({meeting.minutes_status.label.lower()})" if kind == "awaiting" else ""
    text = f"{when}  {meeting.forum_name}{extra}"
    return text, meeting.venue or meeting.link or meeting.forum_name, {"meeting_id": meeting.id}


def _area_row(code: str, name: str, open_count: int, overdue: int, closed: int) -> tuple[str, str, Any]:
    text = f"{name}: {open_count:,} open, {overdue:,} overdue"
    tip = f"{name}\n{open_count:,} open ({overdue:,} overdue), {closed:,} closed"
    return text, tip, {"area_code": code, "open_only": True}


def _rag_html(data: DashboardData) -> str:
    parts = []
    for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE):
        background, foreground = RAG_COLOURS[rag]
        count = data.rag.get(rag.value, 0)
        parts.append(
            f'<span style="background:{background.name()}; color:{foreground.name()};">'
            f"&nbsp;{rag.label}: {count:,}&nbsp;</span>"
        )
    return f"{data.open:,} open actions &nbsp; " + " ".join(parts)
