"""The meeting page's papers (issue 16), driven by keyboard: Tab from the agenda form to "Attach paper…"
(the file dialog replaced by a chooser), the refusal of a damaged PDF shown as one line with nothing written,
Enter on a paper opens a temp copy in the system's viewer, Delete removes it, and Edit > Undo (the file's
history) puts it back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from forumdesk.services import Services, open_services
from forumdesk.ui.meeting import papers as papers_ui
from forumdesk.ui.pages.meeting import MeetingPage
from forumdesk.ui.shell.context import AppContext
from tests.conftest import TODAY
from tests.papers import files
from tests.ui.test_live_minutes import plan_room


@pytest.fixture
def page(db_path: Path, qtbot: QtBot) -> Iterator[tuple[MeetingPage, Services, int]]:
    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    ctx = AppContext(services)
    widget = MeetingPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.show_filtered(meeting_id=meeting_id)
    yield widget, services, meeting_id
    ctx.close()
    services.close()


def tab_to(qtbot: QtBot, target: object, limit: int = 40) -> None:
    seen: list[str] = []
    for _ in range(limit):
        focus = QApplication.focusWidget()
        if focus is target:
            return
        seen.append(f"{type(focus).__name__} {focus.accessibleName()!r}")
        QTest.keyClick(focus, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target}: {seen}")


def test_papers_are_attached_opened_removed_and_undone_by_keyboard(
    page: tuple[MeetingPage, Services, int], qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget, services, meeting_id = page
    panel = widget.agenda.papers
    folder = tmp_path / "Pièces #4"
    folder.mkdir()
    good = files.reportlab_pdf(folder / "Hotspot map #2.pdf", 3)
    broken = files.corrupt_pdf(folder / "Broken é.pdf")
    chosen: list[Path] = [broken, good]
    monkeypatch.setattr(papers_ui, "choose_paper", lambda parent: str(chosen.pop(0)))
    opened: list[Path] = []
    monkeypatch.setattr(papers_ui, "open_file", lambda path: opened.append(path) or True)

    agenda = [i.id for i in services.cycle.items(meeting_id)]
    table = widget.agenda.table
    table.setFocus()
    table.setCurrentIndex(widget.agenda.model.index(3, 1))  # item 4
    QTest.keyClick(table, Qt.Key.Key_Up)  # item 3, chosen by keyboard
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.minute_ref == "3")
    assert panel.heading.text() == "Papers for item 3: none attached"
    QTest.keyClick(table, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Alt+T: the item's title
    assert widget.agenda.title.hasFocus()
    tab_to(qtbot, panel.attach_button)  # Tab on through the form to "Attach paper…"
    assert panel.attach_button.isVisible() and panel.attach_button.visibleRegion().boundingRect().height() > 10

    QTest.keyClick(panel.attach_button, Qt.Key.Key_Space)  # the damaged one first: one line, nothing written
    qtbot.waitUntil(lambda: panel.error_label.text() != "", timeout=10_000)
    assert panel.error_label.text().startswith("Broken é.pdf is damaged") and "\n" not in panel.error_label.text()
    assert services.papers.list(meeting_id) == []

    QTest.keyClick(panel.attach_button, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # Alt+H: Attach paper…
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    assert panel.error_label.text() == ""
    assert panel.list.item(0).text().startswith("Hotspot map #2.pdf · OFFICIAL · 3 pages")
    qtbot.waitUntil(panel.list.hasFocus)
    paper = services.papers.list(meeting_id)[0]
    assert (paper.item_number, paper.file_name) == ("3", "Hotspot map #2.pdf")

    QTest.keyClick(panel.list, Qt.Key.Key_Return)  # Enter: open it in the system's viewer
    assert len(opened) == 1 and opened[0].name == "Hotspot map #2.pdf"
    assert opened[0].read_bytes() == good.read_bytes()

    QTest.keyClick(panel.list, Qt.Key.Key_Delete)  # Delete removes the paper, not the agenda item
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=10_000)
    assert services.papers.list(meeting_id) == [] and [i.id for i in services.cycle.items(meeting_id)] == agenda
    services.history.undo()  # what Edit > Undo runs
    assert [p.file_name for p in services.papers.list(meeting_id)] == ["Hotspot map #2.pdf"]
    assert services.papers.content(paper.id) == good.read_bytes()


def test_the_papers_list_and_its_buttons_do_not_overlap_on_a_short_screen(
    db_path: Path, qtbot: QtBot
) -> None:
    """Found trying issue 16: on a 1366x768 laptop at 150% the meeting page is 719x423 (logical pixels) and the
    "Attach paper…" row was drawn over the bottom of the papers list, the height going to an empty error line."""
    services = open_services(db_path, today=lambda: TODAY)
    meeting_id = plan_room(services)
    ctx = AppContext(services)
    widget = MeetingPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(719, 423)
    widget.show()
    widget.show_filtered(meeting_id=meeting_id)
    panel = widget.agenda.papers
    qtbot.waitUntil(lambda: panel.item is not None)
    qtbot.wait(50)
    list_bottom = panel.list.mapTo(widget, panel.list.rect().bottomLeft()).y()
    buttons_top = panel.attach_button.mapTo(widget, panel.attach_button.rect().topLeft()).y()
    assert list_bottom < buttons_top, (list_bottom, buttons_top)
    ctx.close()
    services.close()
