"""The selected agenda item's papers, beside the agenda editor's form (issue 16).

"Attach paper…" asks for a file (``choose_paper``: tests put their own chooser in its place) and attaches it
through the write lane; a refusal (damaged, encrypted, too big, another kind) is shown as one line under the
list. In the list, Enter (or "Open in viewer") saves a copy to a private temp folder and hands it to the
system's viewer; Delete (or "Remove paper") removes it, and Edit > Undo puts it back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forumdesk.domain.errors import ForumDeskError
from forumdesk.domain.model import AgendaItem
from forumdesk.domain.papers import MAX_PAPER_BYTES, Paper, human_size
from forumdesk.ui.meeting.common import shortcut, write
from forumdesk.ui.shell.context import AppContext

PAPER_FILTER = "Papers (*.pdf *.docx *.xlsx);;PDF (*.pdf);;Word (*.docx);;Excel (*.xlsx)"


def choose_paper(parent: QWidget) -> str:
    """The file the user picks, or "" when they cancel."""
    name, _ = QFileDialog.getOpenFileName(parent, "Attach a paper", "", PAPER_FILTER)
    return name


def open_file(path: Path) -> bool:
    """Hand a file to the system's viewer."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def paper_line(paper: Paper) -> str:
    pages = f"{paper.pages} page{'s' if paper.pages != 1 else ''}" if paper.kind.merged else "attached separately"
    return f"{paper.file_name} · {paper.marking.value} · {pages} · {human_size(paper.size)}"


class _ErrorLine(QLabel):
    """Shown only while it says something: empty, it took the height a short screen (150%) lacks, and the
    buttons were drawn over the list."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class PapersPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.item: AgendaItem | None = None
        self.heading = QLabel("Papers", self)
        self.heading.setStyleSheet("font-weight: bold")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Papers for this item")
        self.list.setMaximumHeight(72)
        self.list.setMinimumHeight(48)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.attach_button = QPushButton("Attac&h paper…", self)
        self.attach_button.setToolTip(f"PDF, Word or Excel, at most {MAX_PAPER_BYTES // 1_048_576} MB; PDF papers"
                                      " are merged into the board pack")
        self.attach_button.clicked.connect(self.attach)
        self.open_button = QPushButton("Open in &viewer", self)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton("Remove paper", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.error_label = _ErrorLine(self)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        shortcut("Delete", self.list, self.remove_selected)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self._enable()

    def set_item(self, meeting_id: int | None, item: AgendaItem | None) -> None:
        changed = item is None or self.item is None or item.id != self.item.id
        self.meeting_id, self.item = meeting_id, item
        if changed:
            self.error_label.clear()
        self.refresh()

    def refresh(self) -> None:
        current = self.selected()
        self.list.clear()
        papers = self.ctx.services.papers.for_item(self.item) if self.item is not None else []
        for paper in papers:
            entry = QListWidgetItem(paper_line(paper))
            entry.setData(Qt.ItemDataRole.UserRole, paper.id)
            self.list.addItem(entry)
            if current is not None and paper.id == current:
                self.list.setCurrentItem(entry)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        number = f" for item {self.item.minute_ref}" if self.item is not None and self.item.minute_ref else ""
        self.heading.setText(f"Papers{number}" + ("" if papers else ": none attached"))
        self._enable()

    def selected(self) -> int | None:
        entry = self.list.currentItem()
        return None if entry is None else int(entry.data(Qt.ItemDataRole.UserRole))

    def _enable(self) -> None:
        self.attach_button.setEnabled(self.item is not None)
        has = self.selected() is not None
        self.open_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    # -- actions ------------------------------------------------------------------------------------------
    def attach(self) -> None:
        meeting_id, item = self.meeting_id, self.item
        if meeting_id is None or item is None:
            return
        name = choose_paper(self)
        if not name:
            return
        number = item.minute_ref

        def done(paper: Paper) -> None:
            self.refresh()
            for row in range(self.list.count()):
                if self.list.item(row).data(Qt.ItemDataRole.UserRole) == paper.id:
                    self.list.setCurrentRow(row)
            self.list.setFocus()
            self.ctx.status_message.emit(f"Attached {paper.file_name} to item {paper.item_number}")

        write(self.ctx, lambda s: s.papers.add(meeting_id, number, name), on_done=done,
              error_label=self.error_label)

    def open_selected(self) -> None:
        paper_id = self.selected()
        if paper_id is None:
            return
        try:
            path = self.ctx.services.papers.temp_copy(paper_id)
        except (ForumDeskError, OSError) as error:
            self.error_label.setText(str(error))
            return
        if not open_file(path):
            self.error_label.setText(f"No program here opens {path.name}: it was saved as {path}")

    def remove_selected(self) -> None:
        paper_id = self.selected()
        if paper_id is None:
            return
        name = self.list.currentItem().text().split(" · ")[0]

        def done(_value: object) -> None:
            self.refresh()
            self.ctx.status_message.emit(f"Removed {name} (Edit > Undo puts it back)")

        write(self.ctx, lambda s: s.papers.remove(paper_id), on_done=done, error_label=self.error_label)
