"""Rules on user input, with the one-line messages the user sees."""

from __future__ import annotations

from datetime import date

from forumdesk.domain.errors import ValidationError

MAX_TEXT = 20_000


def required_text(value: str | None, what: str, field: str | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} cannot be empty", field)
    if len(text) > MAX_TEXT:
        raise ValidationError(f"{what} is too long (at most {MAX_TEXT:,} characters)", field)
    return text


def optional_text(value: str | None) -> str:
    return (value or "").strip()


def check_action_dates(raised_on: date, due: date | None, revised: date | None, closed: date | None) -> None:
    if due is not None and due < raised_on:
        raise ValidationError(
            f"the due date {due:%d/%m/%Y} is before the date raised {raised_on:%d/%m/%Y}", "due_date"
        )
    if revised is not None and revised < raised_on:
        raise ValidationError(
            f"the revised due date {revised:%d/%m/%Y} is before the date raised {raised_on:%d/%m/%Y}",
            "revised_due_date",
        )
    if closed is not None and closed < raised_on:
        raise ValidationError(
            f"the date closed {closed:%d/%m/%Y} is before the date raised {raised_on:%d/%m/%Y}", "closed_on"
        )


def check_email(value: str) -> str:
    text = value.strip()
    if text and ("@" not in text or " " in text or text.startswith("@") or text.endswith("@")):
        raise ValidationError(f"{text!r} is not an e-mail address", "email")
    return text
