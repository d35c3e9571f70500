"""Unsent e-mail drafts (``.eml``) built with Python's ``email`` package, for Outlook, Thunderbird and Apple Mail.

Pure functions: the services gather the recipients, the text and the attachments; this module makes the
message and its bytes. Nothing here sends anything.

- ``X-Unsent: 1`` makes Outlook open the file as a message to send (other clients open it as a message
  whose recipients, subject and attachments can be forwarded). No ``Date`` or ``Message-ID``: the client
  stamps them when the message is sent. ``From`` is the forum secretary's address when the register has
  one, else left out, so the client sends from its default account.
- Recipients are ``email.headerregistry.Address`` objects, never strings joined together: a display name
  with quotes, commas, angle brackets or semicolons is quoted by the header machinery, and control
  characters (CR, LF, tab ...) in a name or subject become a space, so no value can end a header or add
  a recipient. An address that does not parse as exactly one address is treated as no address.
- The subject carries the protective marking in the UK Government Security Classifications style: the
  marking in capitals first, then a colon (``OFFICIAL-SENSITIVE: Harlow CSP – draft minutes of
  12/11/2026``), and the body repeats it as its first and last line.
- Each message is ``multipart/mixed``: a ``multipart/alternative`` of ``text/plain`` and ``text/html`` (every
  value in the HTML escaped with ``html.escape``), then the attachments, base64, with their MIME type
  and file name (RFC 2231 for a name that is not ASCII). Bytes are written with CRLF line ends
  (``email.policy.SMTP``), as ``.eml`` files from Outlook are; address headers one whole address a line
  (see ``_DraftPolicy``).
"""

from __future__ import annotations

import html
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, EmailPolicy
from typing import Any

from forumdesk.domain.enums import Marking
from forumdesk.export.files import safe_filename

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")  # nothing of this stays in a header value
_BODY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")  # out of a body: not \t \n
_TYPES = {  # what mimetypes may not know on every platform
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ics": "text/calendar",
    ".csv": "text/csv",
}


ADDRESS_HEADERS = frozenset({"from", "to", "cc", "reply-to"})
_UNFOLDED = SMTP.clone(max_line_length=None)


class _DraftPolicy(EmailPolicy):
    """``email.policy.SMTP``, except that an address header is written one whole address a line, and the
    subject on one line.

    Python 3.11's folder mangles a long quoted display name when it splits it across lines (``"Bloggs, Jo
    ...`` loses its quotes, and its comma then starts a new address). Each address is therefore written
    unfolded (the library gets one address right) and the addresses are folded between one another only.
    """

    def fold(self, name: str, value: Any) -> str:
        return self._addresses(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: Any) -> bytes:
        folded = self._addresses(name, value)
        return folded.encode("ascii") if folded else super().fold_binary(name, value)

    def _addresses(self, name: str, value: Any) -> str:
        if name.lower() == "subject":  # folded, it would gain a leading space when its first word is long
            return str(_UNFOLDED.fold(name, value))
        if name.lower() not in ADDRESS_HEADERS or not getattr(value, "addresses", None):
            return ""
        parts = [_UNFOLDED.header_factory(name, [a]).fold(policy=_UNFOLDED) for a in value.addresses]
        lead = len(name) + 2
        return f"{name}: " + f",{self.linesep} ".join(p[lead:].rstrip("\r\n") for p in parts) + self.linesep


POLICY = _DraftPolicy(linesep="\r\n")


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str = ""  # guessed from the file name when empty

    @property
    def content_type(self) -> tuple[str, str]:
        mime = self.mime or _guess(self.filename)
        main, _, sub = mime.partition("/")
        return main, sub


@dataclass(frozen=True)
class MailDraft:
    """What one message says: its subject (marking added by ``subject_line``), people, bodies and files."""

    subject: str
    to: Sequence[Recipient]
    text: str  # the plain-text body
    html: str  # the HTML body (built with ``html_page``: every value already escaped)
    cc: Sequence[Recipient] = ()
    sender: Recipient | None = None
    attachments: Sequence[Attachment] = field(default_factory=tuple)


def _guess(filename: str) -> str:
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return _TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def one_line(text: str) -> str:
    """A value fit for a header: every run of control characters (CR, LF, tab ...) and spaces is one space,
    and ``=?`` is spaced (``= ?``) so that no text is read as an RFC 2047 encoded word by the client."""
    return " ".join(_CONTROL.sub(" ", text).split()).replace("=?", "= ?")


def attachment_name(filename: str) -> str:
    """A file name fit for an attachment: one line, and valid on Windows, macOS and Linux."""
    return safe_filename(one_line(filename).replace("= ?", "=?"), max_length=200) or "attachment"


def body_text(text: str) -> str:
    """A value fit for a body: line ends as ``\\n``, other control characters dropped (C0 and C1, so also
    NEL, LS and PS, which ``str.splitlines`` would turn into line ends of the encoded part)."""
    return _BODY_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def address(recipient: Recipient) -> Address | None:
    """The recipient as one ``Address``, or None when its e-mail is empty or not exactly one address."""
    spec = recipient.email.strip()
    if not spec or not spec.isascii() or _CONTROL.search(spec):
        return None
    try:
        parsed = Address(addr_spec=spec)
    except (ValueError, IndexError, TypeError, HeaderParseError):  # 'jo@@x.gov.uk', 'jo@x..gov.uk'
        return None
    if not parsed.username or "." not in parsed.domain or parsed.addr_spec != spec:
        return None
    return Address(display_name=one_line(recipient.name), username=parsed.username, domain=parsed.domain)


def subject_line(marking: Marking, text: str) -> str:
    """``OFFICIAL-SENSITIVE: <text>``: the marking first, in capitals, as the government style has it."""
    text = one_line(text)
    return f"{marking.value}: {text}" if text else marking.value


def html_page(marking: Marking, blocks: Sequence[str]) -> str:
    """An HTML body: the marking, the blocks (already HTML, built with ``paragraph``/``table``), the marking."""
    mark = f'<p style="font-weight:bold">{html.escape(marking.value)}</p>'
    body = "\n".join(blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"></head>\n'
        f'<body style="font-family:Arial,sans-serif;font-size:11pt">\n{mark}\n{body}\n{mark}\n</body></html>\n'
    )


def escaped(text: str) -> str:
    """Text as HTML: every character that means markup escaped, line breaks kept as ``<br>``."""
    return html.escape(body_text(text), quote=True).replace("\n", "<br>")


def paragraph(text: str) -> str:
    return f"<p>{escaped(text)}</p>"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table, every header and cell escaped."""
    cell = 'style="border:1px solid #999;padding:4px;vertical-align:top;text-align:left"'
    head = "".join(f"<th {cell}>{escaped(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td {cell}>{escaped(v)}</td>" for v in row) + "</tr>" for row in rows)
    start = '<table style="border-collapse:collapse">'
    return f"{start}\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"


def text_page(marking: Marking, paragraphs: Sequence[str]) -> str:
    """The plain-text body: the marking, the paragraphs separated by blank lines, the marking."""
    return "\n\n".join([marking.value, *(body_text(p) for p in paragraphs), marking.value]) + "\n"


def build_message(draft: MailDraft) -> EmailMessage:
    """The unsent message. ``to``/``cc`` recipients without a usable address are left out (the caller names
    them to the user: see ``usable``)."""
    message = EmailMessage(policy=POLICY)
    message["X-Unsent"] = "1"
    if draft.sender is not None and (sender := address(draft.sender)) is not None:
        message["From"] = sender
    to = [a for a in map(address, draft.to) if a is not None]
    cc = [a for a in map(address, draft.cc) if a is not None]
    if to:
        message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = one_line(draft.subject)
    message.set_content(body_text(draft.text), subtype="plain", cte="quoted-printable")
    message.add_alternative(body_text(draft.html), subtype="html", cte="quoted-printable")
    for attachment in draft.attachments:
        main, sub = attachment.content_type
        message.add_attachment(
            attachment.data, maintype=main, subtype=sub, filename=attachment_name(attachment.filename),
            params={"charset": "utf-8"} if main == "text" else {},
        )
    return message


def message_bytes(message: EmailMessage) -> bytes:
    """The message as an ``.eml`` file holds it: CRLF line ends."""
    return message.as_bytes(policy=POLICY)


def usable(recipient: Recipient) -> bool:
    """True when the recipient's e-mail is one plain address a draft can be written to."""
    return address(recipient) is not None


def header_text(recipient: Recipient) -> str:
    """The recipient as the header shows it (``Jo Bloggs <jo@x.gov.uk>``), or "" without a usable address."""
    found = address(recipient)
    return "" if found is None else str(found)
