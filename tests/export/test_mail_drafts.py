"""E-mail drafts (export/mail.py): hostile names and text never break a header, add a recipient or add markup.

Each message is read back with ``email.parser.BytesParser(policy=default)``: the parsed To/Cc addresses are
exactly the intended ones, the subject is the one line asked for, the attachments are byte for byte the
bytes given, and the HTML part parsed with ``html.parser`` has only the tags the builder writes, its text
being the input's.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from forumdesk.domain.enums import Marking
from forumdesk.export.mail import (
    Attachment,
    MailDraft,
    Recipient,
    address,
    attachment_name,
    build_message,
    html_page,
    message_bytes,
    one_line,
    paragraph,
    subject_line,
    table,
    text_page,
)

OUR_TAGS = {"html", "head", "meta", "body", "p", "br", "strong", "table", "thead", "tbody", "tr", "th", "td"}
_PIECES = st.one_of(
    st.sampled_from(list('"\',;:<>@()[]\\\r\n\t\x00\x0b\x85\u2028 &=?%*.-_')),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(["<script>alert(1)</script>", "Bcc: evil@example.com", "=?utf-8?q?x?=", "Zoë", "李小龍",
                     "Алёна", "محمد", "\r\nTo: x@y.z", '"a@b.com" <c@d.com>']),
)
HOSTILE = st.lists(_PIECES, max_size=12).map("".join)


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    assert not message.defects, message.defects
    return message


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("td", "th", "p"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "p") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_of(message: EmailMessage) -> _Html:
    part = message.get_body(("html",))
    assert part is not None
    parser = _Html()
    parser.feed(part.get_content())
    return parser


def plain(text: str) -> str:
    """What a body keeps of a value: line ends as LF, other control characters gone."""
    from forumdesk.export.mail import body_text

    return body_text(text)


def test_a_draft_reads_back_with_its_headers_parts_and_attachments() -> None:
    pdf = b"%PDF-1.7\r\n\x00\xff\xfe binary \r\n\n\r"
    draft = MailDraft(
        subject=subject_line(Marking.OFFICIAL_SENSITIVE, "Harlow CSP – draft minutes of 12/11/2026"),
        to=[Recipient("Jo Bloggs", "jo@essex.gov.uk"), Recipient("No Address", "")],
        cc=[Recipient("Sam Deputy", "sam@essex.police.uk")],
        sender=Recipient("The Secretary", "sec@harlow.gov.uk"),
        text=text_page(Marking.OFFICIAL_SENSITIVE, ["Dear members,", "The minutes are attached."]),
        html=html_page(Marking.OFFICIAL_SENSITIVE, [paragraph("Dear members,")]),
        attachments=[Attachment("Minutes 12-11-2026 – Zoë.pdf", pdf), Attachment("Log.xlsx", b"PK\x03\x04")],
    )
    data = message_bytes(build_message(draft))
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF throughout, as Outlook writes
    message = parse(data)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "OFFICIAL-SENSITIVE: Harlow CSP – draft minutes of 12/11/2026"
    assert [a.addr_spec for a in message["To"].addresses] == ["jo@essex.gov.uk"]
    assert [a.addr_spec for a in message["Cc"].addresses] == ["sam@essex.police.uk"]
    assert message["From"].addresses[0].addr_spec == "sec@harlow.gov.uk"
    assert message["Date"] is None and message["Message-ID"] is None  # the client stamps them on sending
    files = {a.get_filename(): (a.get_content_type(), a.get_payload(decode=True)) for a in message.iter_attachments()}
    assert files == {
        "Minutes 12-11-2026 – Zoë.pdf": ("application/pdf", pdf),
        "Log.xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    }
    assert b"filename*=utf-8''" in data  # RFC 2231 for the name that is not ASCII
    text = message.get_body(("plain",))
    assert text is not None and text.get_content().replace("\r\n", "\n").startswith("OFFICIAL-SENSITIVE\n\nDear")


def test_an_address_that_is_not_exactly_one_address_is_no_address() -> None:
    for bad in ("a@b.com, c@d.com", "a@b.com>", "a@b.com\r\nBcc: e@f.com", "no-at-sign", "a b@c.com", "x@y", ""):
        assert address(Recipient("X", bad)) is None, bad
    assert str(address(Recipient('Bloggs, "Jo" <j>', "jo@x.gov.uk"))) == '"Bloggs, \\"Jo\\" <j>" <jo@x.gov.uk>'


@settings(max_examples=150, deadline=None)
@example(names=["Bloggs, Jo " + "x" * 70], deputy='"' + "a" * 80, subject="=?utf-8?q?x?=", cells=["a\x85b", "<td>"],
         filename="Zoë")  # a long quoted name (Python 3.11 folds it apart), NEL (a line end to splitlines)
@given(
    names=st.lists(HOSTILE, min_size=1, max_size=4),
    deputy=HOSTILE,
    subject=HOSTILE,
    cells=st.lists(HOSTILE, min_size=1, max_size=5),
    filename=HOSTILE,
)
def test_hostile_text_never_breaks_a_header_nor_adds_a_recipient_nor_markup(
    names: list[str], deputy: str, subject: str, cells: list[str], filename: str
) -> None:
    to = [Recipient(name, f"member{i}@forum.gov.uk") for i, name in enumerate(names)]
    cc = [Recipient(deputy, "deputy@forum.gov.uk")]
    data = b"\x00\x01binary\r\n" + filename.encode("utf-8", "surrogatepass")
    draft = MailDraft(
        subject=subject_line(Marking.OFFICIAL, subject), to=to, cc=cc, sender=Recipient(deputy, "sec@forum.gov.uk"),
        text=text_page(Marking.OFFICIAL, cells),
        html=html_page(Marking.OFFICIAL, [paragraph(subject), table(["Ref", "Action"], [cells[:2], cells[-2:]])]),
        attachments=[Attachment(filename + ".pdf", data)],
    )
    message = parse(message_bytes(build_message(draft)))
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        (one_line(r.name), r.email) for r in to
    ]
    assert [(a.display_name, a.addr_spec) for a in message["Cc"].addresses] == [(one_line(deputy), cc[0].email)]
    assert [a.addr_spec for a in message["From"].addresses] == ["sec@forum.gov.uk"]
    assert message["Bcc"] is None
    assert message["Subject"] == subject_line(Marking.OFFICIAL, subject)
    assert message["Subject"].startswith("OFFICIAL") and "\n" not in message["Subject"]
    assert set(message.keys()) == {"X-Unsent", "From", "To", "Cc", "Subject", "MIME-Version", "Content-Type"}
    page = html_of(message)
    assert set(page.tags) <= OUR_TAGS
    assert page.cells == [
        "OFFICIAL", plain(subject), "Ref", "Action", *(plain(c) for c in cells[:2]), *(plain(c) for c in cells[-2:]),
        "OFFICIAL",
    ]
    (attached,) = list(message.iter_attachments())
    assert attached.get_payload(decode=True) == data
    assert attached.get_filename() == attachment_name(filename + ".pdf")
