"""MailService on a real temp-file database: circulation drafts to the register, chasers to owners, their
records, and every draft read back with ``email.parser.BytesParser(policy=default)`` and ``icalendar``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from icalendar import Calendar

from forumdesk.domain.enums import ActionStatus, Marking, MeetingStatus
from forumdesk.domain.errors import ValidationError
from forumdesk.domain.patches import ForumPatch, MembershipPatch
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.services import Services, open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.mail import Circulation
from tests.conftest import TODAY

NOW = datetime(2026, 11, 25, 10, 30)


def parse(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage) and not message.defects
    return message


def addresses(message: EmailMessage, header: str) -> list[str]:
    value = message[header]
    return [] if value is None else [a.addr_spec for a in value.addresses]


def attachments(message: EmailMessage) -> dict[str, bytes]:
    return {str(a.get_filename()): bytes(a.get_payload(decode=True)) for a in message.iter_attachments()}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder the drafts go to (the database sits in ``tmp_path`` itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@dataclass
class Register:
    forum: int
    other_forum: int
    meeting: int
    people: dict[str, int]


@pytest.fixture
def svc(db_path: Path) -> Iterator[Services]:
    services = open_services(db_path, today=lambda: TODAY)
    services.mail.now = lambda: NOW
    yield services
    services.close()


@pytest.fixture
def register(svc: Services) -> Register:
    forum = svc.forums.create("Harlow Community Safety Partnership", marking=Marking.OFFICIAL_SENSITIVE).value
    other = svc.forums.create("Epping Forest CSP").value
    people = {
        name: svc.directory.add_person(name, agency, email=email).value
        for name, agency, email in [
            ("Jo Bloggs", "Harlow Council", "jo.bloggs@harlow.gov.uk"),
            ("Ravi Patel", "Essex Police", "ravi.patel@essex.police.uk"),
            ("Dee Puty", "Essex Police", "dee.puty@essex.police.uk"),
            ("Noel Address", "Harlow Council", ""),
            ("Lee Vaughan", "Essex Fire", "lee@essexfire.gov.uk"),
            ("Nora Member", "NHS", "nora@nhs.net"),
            ("Sam Secretary", "Harlow Council", "sam.secretary@harlow.gov.uk"),
        ]
    }
    svc.forums.update(forum, ForumPatch(secretary_id=people["Sam Secretary"]))
    svc.forums.add_member(forum, people["Jo Bloggs"], role="Chair")
    svc.forums.add_member(forum, people["Ravi Patel"], deputy_id=people["Dee Puty"])
    svc.forums.add_member(forum, people["Noel Address"])
    left = svc.forums.add_member(forum, people["Lee Vaughan"], from_date=date(2024, 1, 1)).value
    svc.forums.update_member(left, MembershipPatch(to_date=TODAY - timedelta(days=30)))
    svc.forums.add_member(other, people["Nora Member"])
    meeting = svc.cycle.plan_meeting(forum, datetime(2026, 11, 12, 14, 0)).value
    svc.cycle.close(meeting)
    return Register(forum, other, meeting, people)


# -- circulate ----------------------------------------------------------------------------------------------
def test_circulating_the_minutes_addresses_the_register_and_attaches_the_exported_pdf(
    svc: Services, register: Register, out: Path
) -> None:
    result = svc.mail.circulate(register.meeting, Circulation.MINUTES, out).value
    (draft,) = result.drafts
    message = parse(draft.path)
    assert message["X-Unsent"] == "1"
    assert addresses(message, "To") == ["jo.bloggs@harlow.gov.uk", "ravi.patel@essex.police.uk"]
    assert addresses(message, "Cc") == ["dee.puty@essex.police.uk"]  # Ravi's deputy
    assert addresses(message, "From") == ["sam.secretary@harlow.gov.uk"]
    assert result.without_address == ("Noel Address",)  # a member, no address; the leaver is not addressed
    assert message["Subject"] == (
        "OFFICIAL-SENSITIVE: Harlow Community Safety Partnership – draft minutes of 12/11/2026"
    )
    assert draft.subject == message["Subject"] and draft.to == (
        "Jo Bloggs <jo.bloggs@harlow.gov.uk>", "Ravi Patel <ravi.patel@essex.police.uk>")
    files = attachments(message)
    assert list(files) == list(draft.attachments) == ["Harlow Community Safety Partnership minutes 2026-11-12.pdf",
                                                      "Harlow Community Safety Partnership minutes 2026-11-12.docx"]
    exported, word = (out / name for name in draft.attachments)
    assert files[draft.attachments[0]] == exported.read_bytes() and exported.read_bytes().startswith(b"%PDF")
    assert files[draft.attachments[1]] == word.read_bytes() and word.read_bytes().startswith(b"PK")
    kinds = [r[0] for r in svc.store.query("SELECT new_value FROM audit_log WHERE operation = 'export' ORDER BY id")]
    assert any(str(k).startswith("pdf OFFICIAL-SENSITIVE") for k in kinds)
    assert any(str(k).startswith("eml circulate minutes") for k in kinds)
    assert sorted(p.name for p in out.iterdir()) == sorted([draft.path.name, exported.name, word.name])


def test_the_action_log_goes_as_pdf_and_spreadsheet_and_the_agenda_as_a_pdf(
    svc: Services, register: Register, out: Path
) -> None:
    svc.actions.record(NewAction(register.forum, "Map the <b>hot spots</b>", register.people["Jo Bloggs"],
                                 date(2026, 12, 10)))
    actions = svc.mail.circulate(register.meeting, Circulation.ACTIONS, out).value.drafts[0]
    files = attachments(parse(actions.path))
    assert [Path(n).suffix for n in files] == [".pdf", ".xlsx"]
    assert all(files[n] == (out / n).read_bytes() for n in files)
    nxt = svc.cycle.plan_meeting(register.forum, datetime(2026, 12, 17, 10, 0)).value
    agenda = svc.mail.circulate(nxt, Circulation.AGENDA, out).value.drafts[0]
    message = parse(agenda.path)
    assert message["Subject"].endswith("agenda and papers for 17/12/2026")
    (name,) = attachments(message)
    assert name == "Harlow Community Safety Partnership agenda 2026-12-17.pdf"
    assert attachments(message)[name] == (out / name).read_bytes()


def test_minutes_of_a_meeting_not_held_are_refused_and_nothing_is_written(
    svc: Services, register: Register, out: Path
) -> None:
    planned = svc.cycle.plan_meeting(register.forum, datetime(2027, 1, 14, 10, 0)).value
    with pytest.raises(ValidationError, match="has not been held"):
        svc.mail.circulate(planned, Circulation.MINUTES, out)
    with pytest.raises(ValidationError, match="does not exist"):
        svc.mail.circulate(register.meeting, Circulation.MINUTES, out / "missing")
    assert list(out.iterdir()) == []


# -- chase --------------------------------------------------------------------------------------------------
@pytest.fixture
def owners(svc: Services, register: Register) -> dict[str, int]:
    jo, nora = register.people["Jo Bloggs"], register.people["Nora Member"]
    record = svc.actions.record
    ids = {
        "jo-1": record(NewAction(register.forum, "Map the hot spots", jo, date(2026, 12, 10), date(2026, 11, 1))).value,
        "jo-2": record(NewAction(register.other_forum, "Brief the council", jo, date(2027, 1, 5))).value,
        "jo-undated": record(NewAction(register.other_forum, "Find a venue", jo)).value,
        "jo-done": record(NewAction(register.forum, "Done already", jo, date(2026, 12, 1))).value,
        "nora-done": record(NewAction(register.forum, "Finished", nora, date(2026, 12, 1))).value,
        "agency": record(NewAction(register.forum, "Agency only", None, date(2026, 12, 1),
                                   owner_org_id=svc.directory.find_organisation("Essex Police").id)).value,
        "nobody": record(NewAction(register.forum, "Nobody yet", None, date(2026, 12, 2))).value,
    }
    svc.actions.add_update(ids["jo-1"], "Half the wards mapped", on=date(2026, 11, 20))
    for done in ("jo-done", "nora-done"):
        svc.actions.set_status(ids[done], ActionStatus.COMPLETE)
    return ids


def test_a_forum_chase_writes_one_draft_per_owner_listing_all_their_open_actions(
    svc: Services, register: Register, owners: dict[str, int], out: Path
) -> None:
    result = svc.mail.chase_forum(register.forum, out, reply_by=date(2026, 12, 4)).value
    (draft,) = result.drafts  # Jo only: Nora has no open action, the agency's and nobody's have no one to write to
    assert draft.actions == 3  # across both forums
    assert sorted(result.unowned) == sorted(svc.actions.get(owners[k]).ref for k in ("agency", "nobody"))
    message = parse(draft.path)
    assert addresses(message, "To") == ["jo.bloggs@harlow.gov.uk"]
    assert addresses(message, "From") == ["sam.secretary@harlow.gov.uk"]
    assert message["Subject"] == "OFFICIAL-SENSITIVE: Your open actions: please reply with your update by 04/12/2026"
    html = message.get_body(("html",))
    text = message.get_body(("plain",))
    assert html is not None and text is not None
    for key in ("jo-1", "jo-2", "jo-undated"):
        action = svc.actions.get(owners[key])
        assert action.ref in html.get_content() and action.ref in text.get_content()
    assert "20/11/2026: Half the wards mapped" in text.get_content()
    assert "Please reply with your update by 04/12/2026" in html.get_content()
    assert "Done already" not in text.get_content()


def test_the_chaser_calendar_has_one_all_day_event_per_dated_action_with_stable_uids(
    svc: Services, register: Register, owners: dict[str, int], out: Path
) -> None:
    runs = []
    for folder in (out / "one", out / "two"):
        folder.mkdir()
        (draft,) = svc.mail.chase_owner(register.people["Jo Bloggs"], folder).value.drafts
        (ics,) = [data for name, data in attachments(parse(draft.path)).items() if name.endswith(".ics")]
        runs.append(Calendar.from_ical(ics))
    first, second = runs
    assert first.get("method") == "PUBLISH"
    events = first.walk("VEVENT")
    due = {svc.actions.get(owners[k]).ref: svc.actions.get(owners[k]).due_date for k in ("jo-1", "jo-2")}
    assert len(events) == 2  # the undated action has no day to sit on
    for event in events:
        start = event.decoded("dtstart")
        assert type(start) is date and event.decoded("dtend") == start + timedelta(days=1)
        ref = next(r for r in due if r in str(event.get("summary")))
        assert start == due[ref]
    uids = [str(e.get("uid")) for e in events]
    assert uids == [str(e.get("uid")) for e in second.walk("VEVENT")] and len(set(uids)) == 2


def test_an_owner_with_no_open_action_gets_no_draft(svc: Services, register: Register, owners: dict[str, int],
                                                    out: Path) -> None:
    result = svc.mail.chase_owner(register.people["Nora Member"], out)
    assert result.value.drafts == () and result.op_id is None
    assert list(out.iterdir()) == []


def test_each_chase_is_recorded_shown_as_last_chased_and_undone_with_its_operation(
    svc: Services, register: Register, owners: dict[str, int], out: Path
) -> None:
    outcome = svc.mail.chase_forum(register.forum, out)
    (draft,) = outcome.value.drafts
    chased = [owners[k] for k in ("jo-1", "jo-2", "jo-undated")]
    assert svc.mail.last_chased([*chased, owners["agency"]]) == dict.fromkeys(chased, NOW)
    rows = svc.store.query("SELECT action_id, person_id, draft, op_id FROM chases ORDER BY action_id")
    assert [tuple(r) for r in rows] == [
        (i, register.people["Jo Bloggs"], draft.path.name, outcome.op_id) for i in sorted(chased)]
    assert outcome.changes.actions and outcome.op_id is not None
    assert svc.actions.get(owners["jo-1"]).last_chased == NOW  # the tracker's row carries it
    page = svc.actions.page(ActionQuery(sort=ActionSort.LAST_CHASED, descending=True), limit=3)
    assert {a.id for a in page} == set(chased)
    assert svc.history.undo_label() == "Undo Chase the owners of Harlow Community Safety Partnership"
    svc.history.undo()
    assert svc.mail.last_chased(chased) == {} and svc.actions.get(owners["jo-1"]).last_chased is None
    svc.history.redo()
    assert svc.mail.last_chased(chased) == dict.fromkeys(chased, NOW)


def test_an_erased_owner_is_written_to_no_more(
    svc: Services, register: Register, owners: dict[str, int], out: Path
) -> None:
    svc.privacy.erase(register.people["Jo Bloggs"])
    result = svc.mail.chase_forum(register.forum, out).value
    assert result.drafts == () and svc.actions.get(owners["jo-1"]).ref in result.unowned
    assert svc.mail.chase_owner(register.people["Jo Bloggs"], out).value.drafts == ()
    assert list(out.iterdir()) == []
    circulated = svc.mail.circulate(register.meeting, Circulation.MINUTES, out).value.drafts[0]
    assert "jo.bloggs@harlow.gov.uk" not in circulated.path.read_text() and len(circulated.to) == 1


def test_a_reply_date_in_the_past_is_refused(svc: Services, register: Register, out: Path) -> None:
    with pytest.raises(ValidationError, match="has passed"):
        svc.mail.chase_forum(register.forum, out, reply_by=TODAY - timedelta(days=1))


@pytest.mark.slow
def test_the_whole_demo_is_chased_and_every_held_meetings_minutes_circulated(
    demo_copy: Path, out: Path
) -> None:
    services = open_services(demo_copy, today=lambda: TODAY)
    try:
        drafts = 0
        for forum in services.forums.forums():
            result = services.mail.chase_forum(forum.id, out).value
            drafts += len(result.drafts)
            for draft in result.drafts:
                assert parse(draft.path)["X-Unsent"] == "1"
        assert drafts > 0
        held = [m for m in services.meetings.meetings() if m.status is MeetingStatus.HELD]
        assert held
        for meeting in held:
            (draft,) = services.mail.circulate(meeting.id, Circulation.MINUTES, out).value.drafts
            assert attachments(parse(draft.path))
    finally:
        services.close()


def test_the_email_package_loads_only_when_a_draft_is_made() -> None:
    import subprocess
    import sys

    code = (
        "import sys, forumdesk.services\n"
        "loaded = [m for m in sys.modules if m.startswith(('email', 'icalendar', 'forumdesk.export.mail'))]\n"
        "assert not loaded, f'start-up pays for the e-mail drafts: {loaded}'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2], timeout=60)
