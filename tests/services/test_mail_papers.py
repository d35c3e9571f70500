"""What a circulation carries once Word minutes and papers exist (issue 16): the draft minutes as PDF and Word,
the agenda with every paper attached byte for byte (a paper's higher marking raising the subject's), and a
register whose addresses are mistyped the way people mistype them: named, never a crash."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from docx import Document

from forumdesk.domain.enums import Marking
from forumdesk.domain.patches import ForumPatch
from forumdesk.export.mail import Recipient, address
from forumdesk.services import Services
from forumdesk.services.mail import Circulation
from tests.papers import files


def parse(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage) and not message.defects
    return message


def attachments(message: EmailMessage) -> dict[str, bytes]:
    return {str(a.get_filename()): bytes(a.get_payload(decode=True)) for a in message.iter_attachments()}


@pytest.fixture
def forum(services: Services) -> int:
    forum = services.forums.create("Harlow CSP #2 – Épping").value
    secretary = services.directory.add_person("Sam Secretary", "Harlow Council", email="sam@harlow.gov.uk").value
    services.forums.update(forum, ForumPatch(secretary_id=secretary))
    for name, email in [("Jo Bloggs", "jo.bloggs@harlow.gov.uk"), ("Ravi Patel", "ravi@essex.police.uk")]:
        services.forums.add_member(forum, services.directory.add_person(name, "Harlow Council", email=email).value)
    return int(forum)


def test_the_draft_minutes_go_as_pdf_and_as_word(services: Services, forum: int, tmp_path: Path) -> None:
    meeting = services.cycle.plan_meeting(forum, datetime(2026, 11, 12, 14, 0)).value
    services.cycle.close(meeting)
    (draft,) = services.mail.circulate(meeting, Circulation.MINUTES, tmp_path).value.drafts
    files_ = attachments(parse(draft.path))
    assert [Path(name).suffix for name in files_] == [".pdf", ".docx"]
    word = next(name for name in files_ if name.endswith(".docx"))
    assert files_[word] == (tmp_path / word).read_bytes()
    text = "\n".join(p.text for p in Document(str(tmp_path / word)).paragraphs)
    assert "Harlow CSP #2 – Épping" in text and "12/11/2026" in text


def test_the_agenda_goes_with_every_paper_byte_for_byte_and_the_highest_marking(
    services: Services, forum: int, tmp_path: Path
) -> None:
    meeting = services.cycle.plan_meeting(forum, datetime(2026, 12, 9, 14, 0)).value
    sensitive = files.reportlab_pdf(tmp_path / "Burglary hot spots #3.pdf", 3, first_line="OFFICIAL-SENSITIVE")
    sheet = files.xlsx_paper(tmp_path / "Budget é.xlsx")
    services.papers.add(meeting, "2", sensitive)
    services.papers.add(meeting, "3", sheet)
    out = tmp_path / "out"
    out.mkdir()
    (draft,) = services.mail.circulate(meeting, Circulation.AGENDA, out).value.drafts
    message = parse(draft.path)
    assert message["Subject"].startswith(f"{Marking.OFFICIAL_SENSITIVE.value}: ")
    sent = attachments(message)
    names = list(sent)
    assert names[0].endswith(".pdf") and "agenda" in names[0]
    assert sent[names[0]] == (out / names[0]).read_bytes()
    assert [sent[n] for n in names[1:]] == [sensitive.read_bytes(), sheet.read_bytes()]
    assert names[1:] == ["Item 2 - Burglary hot spots #3.pdf", "Item 3 - Budget é.xlsx"]


@pytest.mark.parametrize("mistyped", ["jo@@harlow.gov.uk", "jo@harlow..gov.uk", "jo bloggs@harlow.gov.uk",
                                      "jo@harlow.gov.uk; ravi@essex.police.uk", "<jo@harlow.gov.uk>"])
def test_a_mistyped_address_is_unusable_not_an_error(mistyped: str) -> None:
    assert address(Recipient("Jo Bloggs", mistyped)) is None


def test_a_member_with_a_mistyped_address_is_named_and_the_rest_are_written_to(
    services: Services, forum: int, tmp_path: Path
) -> None:
    services.forums.add_member(forum, services.directory.add_person("Di Dean", "NHS", email="di@@nhs.net").value)
    meeting = services.cycle.plan_meeting(forum, datetime(2026, 11, 12, 14, 0)).value
    services.cycle.close(meeting)
    result = services.mail.circulate(meeting, Circulation.MINUTES, tmp_path).value
    assert result.without_address == ("Di Dean",)
    assert [a.addr_spec for a in parse(result.drafts[0].path)["To"].addresses] == [
        "jo.bloggs@harlow.gov.uk", "ravi@essex.police.uk"]


def test_the_action_log_draft_is_named_and_dated_as_the_log_it_carries(
    services: Services, forum: int, tmp_path: Path
) -> None:
    meeting = services.cycle.plan_meeting(forum, datetime(2026, 12, 9, 14, 0)).value
    (draft,) = services.mail.circulate(meeting, Circulation.ACTIONS, tmp_path).value.drafts
    assert [Path(name).stem for name in draft.attachments] == [draft.path.stem] * 2
    assert draft.path.name == f"Harlow CSP #2 – Épping action log {services.today():%Y-%m-%d}.eml"
