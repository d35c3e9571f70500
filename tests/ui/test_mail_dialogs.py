"""Circulate… and Chase… driven by keyboard as a secretary would (issue 16): the drafts are written by the real
``services.mail`` on the demo data, off the GUI thread, and read back with Python's e-mail parser."""

from __future__ import annotations

import threading
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from forumdesk.domain.enums import MeetingStatus, MinutesStatus
from forumdesk.domain.model import Meeting
from forumdesk.domain.patches import PersonPatch
from forumdesk.domain.queries import ActionQuery
from forumdesk.services import Services
from forumdesk.services.mail import Circulation, MailService
from forumdesk.ui.dialogs import mail_common
from forumdesk.ui.dialogs.chase_dialog import ChaseDialog
from forumdesk.ui.dialogs.circulate_dialog import CirculateDialog
from forumdesk.ui.dialogs.export_choices import exportable_meetings, latest_held
from tests.conftest import TODAY

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
# a folder name a secretary might well type: a hash, accents, spaces
AWKWARD_FOLDER = "Minutes #4 – réunion d'été (Chloé)"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    QTest.keyClick(widget, key, modifier)


def type_text(text: str) -> None:
    """Type ``text`` into the focused widget a key at a time; a letter beyond ASCII (é, –) as the key event
    a keyboard layout sends for it (QTest's own keyClicks knows only ASCII)."""
    widget = QApplication.focusWidget()
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def focused(widget: QWidget) -> bool:
    return QApplication.focusWidget() is widget


def read_eml(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    return message


def addresses(message: EmailMessage, header: str) -> set[str]:
    value = message[header]
    return {a.addr_spec.lower() for a in value.addresses} if value is not None else set()


def held_with_minutes(services: Services) -> Meeting:
    """The latest held meeting whose minutes are not yet agreed (the demo has them circulated), of a forum with
    several current members."""
    meetings = sorted(services.meetings.meetings(), key=lambda m: m.starts_at, reverse=True)
    return next(
        m for m in meetings
        if m.status is MeetingStatus.HELD and m.minutes_status in (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED)
        and len(services.forums.members(m.forum_id, on=TODAY)) >= 3
    )


def wait_for_drafts(qtbot: Any, dialog: Any) -> None:
    qtbot.waitUntil(lambda: dialog.last_result is not None or bool(dialog.last_error), timeout=60_000)
    assert not dialog.last_error, dialog.status.text()
    assert not dialog.running


def open_active(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_circulate_draft_minutes_from_the_meeting_page_by_keyboard(
    demo_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    services: Services = window.ctx.services
    meeting = held_with_minutes(services)
    members = services.forums.members(meeting.forum_id, on=TODAY)
    silent = members[1]
    services.directory.update_person(silent.person_id, PersonPatch(email=""))  # a member with no address
    people = {p.id: p for p in services.directory.people()}
    expected_to = {people[m.person_id].email.lower() for m in members if people[m.person_id].email}
    window.ctx.navigate("meeting", meeting_id=meeting.id)
    page = window.pages["meeting"]
    open_active(qtbot, window)
    page.live_button.setFocus()

    press(Qt.Key.Key_B, ALT)  # Circulate &by e-mail…
    qtbot.waitUntil(lambda: isinstance(page.dialog, CirculateDialog) and focused(page.dialog.what))
    dialog: CirculateDialog = page.dialog
    assert dialog.chosen_meeting() is not None and dialog.chosen_meeting().id == meeting.id
    # before anything is written: who it goes to, and the member without an address named
    assert dialog.recipients.text().startswith(f"To: {len(expected_to)} members")
    assert silent.person_name in dialog.missing.text() and dialog.missing.isVisible()

    press(Qt.Key.Key_Home)  # Agenda and papers, then "D" picks Draft minutes as a secretary types it
    press(Qt.Key.Key_D)
    assert dialog.circulation is Circulation.MINUTES
    press(Qt.Key.Key_F, ALT)
    assert focused(dialog.folder)
    folder = tmp_path / AWKWARD_FOLDER
    press(Qt.Key.Key_A, CTRL)
    type_text(str(folder))
    assert dialog.folder.text() == str(folder)
    press(Qt.Key.Key_Return)  # Enter: Create drafts
    wait_for_drafts(qtbot, dialog)

    result = dialog.last_result
    assert result.drafts and all(d.path.parent == folder for d in result.drafts)
    draft = result.drafts[0]
    message = read_eml(draft.path)
    assert message["X-Unsent"] == "1"
    assert addresses(message, "To") == expected_to
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert attached and set(attached) == set(draft.attachments)
    for name, content in attached.items():
        kept = folder / name  # exported beside the draft (and audited): the very bytes attached
        assert kept.read_bytes() == content
    assert any(name.lower().endswith(".pdf") for name in attached)
    # the result: the draft listed, the member without an address named, the folder remembered
    assert dialog.results.topLevelItemCount() == len(result.drafts)
    assert dialog.results.topLevelItem(0).text(0) == draft.path.name
    assert dialog.results.topLevelItem(0).text(1) == str(len(draft.attachments))
    assert silent.person_name in result.without_address
    assert silent.person_name in dialog.missing.text()
    assert mail_common.last_folder() == folder
    shown: list[Path] = []
    monkeypatch.setattr(mail_common, "open_folder", lambda path: shown.append(Path(path)) or True)
    press(Qt.Key.Key_O, ALT)  # Open folder
    qtbot.waitUntil(lambda: shown == [folder])
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)


def test_chase_a_forum_from_the_file_menu_and_open_a_draft_in_mail(
    demo_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    services: Services = window.ctx.services
    forum = next(f for f in services.forums.forums(include_archived=False)
                 if services.actions.count(ActionQuery(forum_ids=(f.id,), open_only=True)) >= 5)
    actions = services.actions.list(ActionQuery(forum_ids=(forum.id,), open_only=True))
    owners = {a.owner_id for a in actions if a.owner_id is not None}
    silent = services.directory.person(min(owners))
    services.directory.update_person(silent.id, PersonPatch(email=""))  # an owner with no address
    people = {p.id: p for p in services.directory.people()}
    with_address = {people[o].email.lower() for o in owners if people[o].email}
    assert len(with_address) < len(owners)
    opened: list[Path] = []
    monkeypatch.setattr(mail_common, "open_in_mail", lambda path: opened.append(Path(path)) or True)
    open_active(qtbot, window)

    press(Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier)  # File > Chase…
    qtbot.waitUntil(lambda: isinstance(window.open_dialog, ChaseDialog) and window.open_dialog.isVisible())
    dialog: ChaseDialog = window.open_dialog
    qtbot.waitUntil(lambda: focused(dialog.mode))
    assert dialog.mode.currentText() == "All owners of a forum"
    press(Qt.Key.Key_R, ALT)  # Fo&rum
    assert focused(dialog.forum)
    dialog.forum.setCurrentIndex(0)
    for _ in range(dialog.forum.findData(forum.id)):
        press(Qt.Key.Key_Down)
    assert dialog.forum.currentData() == forum.id
    assert f"{len(owners)} owners" in dialog.recipients.text()
    assert silent.name in dialog.missing.text()  # named before anything is written
    assert dialog.reply_by.text() == "02/12/2026"  # a week from today, dd/mm/yyyy
    press(Qt.Key.Key_Y, ALT)  # Reply b&y: Up moves the day on by one
    assert focused(dialog.reply_by)
    press(Qt.Key.Key_Up)
    assert dialog.reply_by.text() == "03/12/2026"
    press(Qt.Key.Key_F, ALT)
    press(Qt.Key.Key_A, CTRL)
    type_text(str(tmp_path / "Chasers #1 – Noël"))
    press(Qt.Key.Key_Return)
    wait_for_drafts(qtbot, dialog)

    result = dialog.last_result
    assert len(result.drafts) == len(owners)  # one draft per owner with open actions
    seen: list[str] = []
    for draft in result.drafts:
        message = read_eml(draft.path)
        assert message["X-Unsent"] == "1"
        seen += sorted(addresses(message, "To"))
        assert draft.actions > 0
        assert "03/12/2026" in message["Subject"]  # the reply-by date chosen
    assert sorted(seen) == sorted(with_address)  # each owner with an address in the To of one draft
    # the owner without an address: a draft with no To (to be addressed by hand), and named in the result
    assert result.without_address == (silent.name,) and silent.name in dialog.missing.text()
    rows = [dialog.results.topLevelItem(i) for i in range(dialog.results.topLevelItemCount())]
    assert [r.text(0) for r in rows].count("(no e-mail address)") == 1
    assert [r.text(2) for r in rows] == [d.path.name for d in result.drafts]
    assert [r.text(1) for r in rows] == [str(d.actions) for d in result.drafts]
    # Enter now opens the chosen draft in the mail program; Down and Alt+M the next one
    assert focused(dialog.results)
    press(Qt.Key.Key_Return)
    assert opened == [result.drafts[0].path]
    if len(result.drafts) > 1:
        press(Qt.Key.Key_Down)
        press(Qt.Key.Key_M, ALT)  # a mnemonic "animates" the click: it lands a moment later
        qtbot.waitUntil(lambda: len(opened) == 2)
        assert opened[-1] == result.drafts[1].path
    # each chase is recorded: the tracker can say when an action was last chased
    assert services.mail.last_chased([a.id for a in actions if a.owner_id in owners])
    dialog.reject()


def test_the_window_stays_responsive_while_drafts_are_written(
    demo_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real circulation runs on the write lane: it waits (in the worker) until a GUI timer has ticked
    five times, which could never happen if it ran on the GUI thread."""
    window = demo_window
    services: Services = window.ctx.services
    meeting = held_with_minutes(services)
    ticks: list[int] = []
    ticked = threading.Event()
    threads: list[int] = []
    real = MailService.circulate

    def circulate(self: MailService, *args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        ticked.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(MailService, "circulate", circulate)
    timer = QTimer()
    timer.setInterval(10)

    def tick() -> None:
        ticks.append(1)
        if len(ticks) >= 5:
            ticked.set()

    timer.timeout.connect(tick)
    dialog = CirculateDialog(window.ctx, window, meeting_id=meeting.id, what=Circulation.ACTIONS,
                             folder=tmp_path / "drafts")
    qtbot.addWidget(dialog)
    dialog.show()
    timer.start()
    dialog.create_drafts()
    assert dialog.running and dialog.progress.isVisible()
    wait_for_drafts(qtbot, dialog)
    timer.stop()
    assert ticked.is_set() and len(ticks) >= 5
    assert threads and threads[0] != threading.get_ident()
    assert dialog.last_result.drafts


def test_a_folder_that_cannot_be_made_is_said_in_one_line_and_nothing_is_left(
    demo_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    window = demo_window
    meeting = held_with_minutes(window.ctx.services)
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    dialog = CirculateDialog(window.ctx, window, meeting_id=meeting.id, folder=blocker)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.create_drafts()
    assert dialog.status.text() == f"No drafts written: {blocker} is a file, not a folder."
    dialog.folder.setText(str(blocker / "drafts"))  # a folder inside a file cannot be made
    dialog.create_drafts()
    qtbot.waitUntil(lambda: bool(dialog.last_error), timeout=30_000)
    assert dialog.status.text().startswith("No drafts written: the folder") and "\n" not in dialog.status.text()
    assert dialog.last_result is None and not dialog.results.isVisible()
    assert sorted(p.name for p in out.iterdir()) == ["a file"]


def test_chasing_a_forum_with_no_open_actions_says_no_draft_was_written(
    demo_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    """Found trying issue 16: File > Chase… from the forums page preselects the first forum; where no one owns an
    open action, Create drafts said "0 drafts written. Nothing has been sent: open each in your mail program"."""
    window = demo_window
    forum_id = window.ctx.services.forums.create("Aardvark Watch Forum").value
    dialog = ChaseDialog(window.ctx, window, forum_id=forum_id, folder=tmp_path / "chasers")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "no one to chase" in dialog.recipients.text()
    dialog.create_drafts()
    qtbot.waitUntil(lambda: dialog.last_result is not None or bool(dialog.last_error), timeout=30_000)
    assert dialog.last_result is not None and not dialog.last_result.drafts
    said = dialog.status.text()
    assert said.startswith("No drafts written") and "0 drafts" not in said and "open each" not in said, said
    assert not dialog.results.isVisible()


def test_a_refused_circulation_says_why_in_one_line_and_leaves_no_folder_behind(
    demo_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    window = demo_window
    services: Services = window.ctx.services
    planned = next(m for m in services.meetings.meetings() if m.status is MeetingStatus.PLANNED)
    folder = tmp_path / "new drafts"
    dialog = CirculateDialog(window.ctx, window, meeting_id=planned.id, what=Circulation.MINUTES, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    open_active(qtbot, dialog)
    dialog.create_drafts()
    qtbot.waitUntil(lambda: bool(dialog.last_error), timeout=30_000)
    text = dialog.status.text()
    assert text.startswith("No drafts written: the meeting of") and "has not been held" in text and "\n" not in text
    assert not folder.exists()  # made for the drafts, taken away again when none could be written
    assert dialog.create_button.isEnabled() and not dialog.running
    assert dialog.meeting.hasFocus()  # the cursor on the choice to correct


def test_the_forum_and_person_pages_open_their_chase_and_circulation(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    services: Services = window.ctx.services
    forum = next(f for f in services.forums.forums(include_archived=False)
                 if services.meetings.meetings(forum_id=f.id))
    window.ctx.navigate("forums", forum_id=forum.id)
    view = window.pages["forums"].view
    qtbot.waitUntil(lambda: view.forum is not None and view.forum.id == forum.id)
    view.ask_chase()
    chase = view.dialog
    assert isinstance(chase, ChaseDialog) and chase.forum.currentData() == forum.id
    assert chase.whom == "forum" and not chase.form.isRowVisible(chase.person)
    chase.reject()
    view.ask_circulate()
    circulate = view.dialog
    assert isinstance(circulate, CirculateDialog) and circulate.circulation is Circulation.ACTIONS
    assert {circulate.meeting.itemData(i) for i in range(circulate.meeting.count())} <= {
        m.id for m in services.meetings.meetings(forum_id=forum.id)}
    circulate.reject()
    owner = next(p for p in services.directory.people()
                 if services.actions.count(ActionQuery(owner_id=p.id, open_only=True)))
    window.ctx.navigate("people", person_id=owner.id)
    person_view = window.pages["people"].view
    qtbot.waitUntil(lambda: person_view.person is not None and person_view.person.id == owner.id)
    person_view.ask_chase()
    dialog = person_view.chase_dialog
    assert dialog.whom == "person" and dialog.person.currentData() == owner.id
    assert owner.name in dialog.recipients.text()
    dialog.reject()


def test_chase_from_the_meeting_page_by_keyboard_chases_its_forum(
    demo_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    window = demo_window
    services: Services = window.ctx.services
    meeting = held_with_minutes(services)
    window.ctx.navigate("meeting", meeting_id=meeting.id)
    page = window.pages["meeting"]
    open_active(qtbot, window)
    page.live_button.setFocus()
    press(Qt.Key.Key_W, ALT)  # Chase o&wners…
    qtbot.waitUntil(lambda: isinstance(page.dialog, ChaseDialog) and page.dialog.isVisible())
    dialog: ChaseDialog = page.dialog
    assert dialog.whom == "forum" and dialog.forum.currentData() == meeting.forum_id
    press(Qt.Key.Key_F, ALT)
    press(Qt.Key.Key_A, CTRL)
    type_text(str(tmp_path / AWKWARD_FOLDER))
    press(Qt.Key.Key_Return)
    wait_for_drafts(qtbot, dialog)
    owners = {a.owner_id for a in services.actions.list(ActionQuery(forum_ids=(meeting.forum_id,), open_only=True))
              if a.owner_id is not None}
    assert len(dialog.last_result.drafts) == len(owners) > 0
    assert all(read_eml(d.path)["X-Unsent"] == "1" for d in dialog.last_result.drafts)
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    # File > Chase… from the meeting page presets the meeting's forum too
    open_active(qtbot, window)
    page.live_button.setFocus()
    press(Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(window.open_dialog, ChaseDialog) and window.open_dialog.isVisible())
    assert window.open_dialog.forum.currentData() == meeting.forum_id
    window.open_dialog.reject()


def mnemonics(widget: QWidget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.text() for w in widget.findChildren(QLabel) if w.buddy() is not None]
    keys = []
    for text in texts:
        plain = text.replace("&&", "")
        if "&" in plain:
            keys.append(plain[plain.index("&") + 1].lower())
    return keys


def test_shortcuts_and_mnemonics_do_not_clash(demo_window: Any, qtbot: Any) -> None:
    from PySide6.QtGui import QAction

    window = demo_window
    shortcuts = [a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), sorted(shortcuts)
    assert {"Ctrl+Shift+M", "Ctrl+Shift+H"} <= set(shortcuts)
    file_menu = window.menuBar().actions()[0].menu()
    keys = mnemonics_of_actions(file_menu.actions())
    assert len(keys) == len(set(keys)), keys
    # File > Circulate… away from a meeting: the latest held meeting is chosen
    open_active(qtbot, window)
    press(Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(window.open_dialog, CirculateDialog) and window.open_dialog.isVisible())
    chosen = window.open_dialog.chosen_meeting()
    assert chosen == latest_held(exportable_meetings(window.ctx.services))
    window.open_dialog.reject()
    meeting = held_with_minutes(window.ctx.services)
    for dialog in (CirculateDialog(window.ctx, window, meeting_id=meeting.id), ChaseDialog(window.ctx, window)):
        qtbot.addWidget(dialog)
        keys = mnemonics(dialog)
        assert len(keys) == len(set(keys)), keys


def mnemonics_of_actions(actions: list[Any]) -> list[str]:
    keys = []
    for action in actions:
        text = action.text().replace("&&", "")
        if "&" in text:
            keys.append(text[text.index("&") + 1].lower())
    return keys


USABLE = ["jo@essex.gov.uk", " jo@essex.gov.uk ", "jo.b@x.co", '"jo b"@x.gov.uk']
UNUSABLE = [".briain@ecc.gov.uk", "jo@localhost", "", "jo", "jo@@x.gov.uk", "Jo <jo@x.gov.uk>",
            "jo@x.gov.uk, ann@x.gov.uk", "jó@x.gov.uk", "jo@x.gov.uk\r\nBcc: eve@x.org", "jo@x..gov.uk", "jo.@x.gov.uk"]


@pytest.mark.parametrize("email", USABLE + UNUSABLE)
def test_the_preview_judges_an_address_as_the_drafts_do(email: str) -> None:
    """The preview (services.mail.usable_address) and the drafts (export.mail.address) share one rule."""
    from forumdesk.export.mail import Recipient, address
    from forumdesk.services.mail import usable_address

    assert usable_address(email) is (email in USABLE)
    assert (address(Recipient("Jo", email)) is not None) is (email in USABLE)
