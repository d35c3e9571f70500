"""Turning one cell into a value of the domain: text, a date, a status, a RAG colour.

Each reader returns the value or raises ``CellProblem`` with a message fit for the validation report;
the caller decides whether the problem costs the row or only the field (kept in a note).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from forumdesk.domain.dates import is_no_date_word, parse_tracker_date
from forumdesk.domain.enums import ActionStatus, Rag


class CellProblem(ValueError):
    """A cell whose text cannot be read as the column's kind of value."""


class NoDate(Exception):  # a signal rather than an error: the cell says "TBC" or similar
    """The cell holds a word meaning 'no date yet' (TBC, ongoing, next meeting); ``args[0]`` is the word."""


def text(value: object) -> str:
    """Any cell as the text a person sees: whole numbers without ``.0``, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def read_date(value: object) -> date | None:
    """A real date cell, or date text in a UK form; ``None`` for an empty cell; ``NoDate`` for TBC and co."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellProblem(f"{text(value)!r} is a number, not a date")
    shown = text(value)
    if not shown:
        return None
    if is_no_date_word(shown):
        raise NoDate(shown)
    try:
        return parse_tracker_date(shown)
    except ValueError as error:
        raise CellProblem(str(error)) from None


def read_status(value: object) -> ActionStatus | None:
    shown = text(value)
    if not shown:
        return None
    try:
        return ActionStatus.parse(shown)
    except ValueError:
        raise CellProblem(f"status {shown!r} is not one ForumDesk knows") from None


_RAG_WORDS = {
    "r": Rag.RED,
    "red": Rag.RED,
    "overdue": Rag.RED,
    "a": Rag.AMBER,
    "amber": Rag.AMBER,
    "orange": Rag.AMBER,
    "yellow": Rag.AMBER,
    "g": Rag.GREEN,
    "green": Rag.GREEN,
    "on track": Rag.GREEN,
    "b": Rag.BLUE,
    "blue": Rag.BLUE,
    "complete": Rag.BLUE,
    "completed": Rag.BLUE,
    "closed": Rag.BLUE,
}


def read_rag(value: object, fill: str | None) -> Rag | None:
    """RAG from the cell's text; from its fill colour when the cell is coloured but empty."""
    shown = text(value).lower().strip(" .")
    if shown:
        if shown in _RAG_WORDS:
            return _RAG_WORDS[shown]
        raise CellProblem(f"RAG {text(value)!r} is not Red, Amber, Green or Blue")
    return rag_from_colour(fill) if fill else None


def rag_from_colour(rgb: str) -> Rag | None:
    """The RAG a fill colour shows by its hue: red, amber (orange, yellow), green or blue; greys none."""
    try:
        r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    high, low = max(r, g, b), min(r, g, b)
    if high - low < 0.15:  # white, black and greys carry no RAG
        return None
    delta = high - low
    if high == r:
        hue = (60 * ((g - b) / delta)) % 360
    elif high == g:
        hue = 60 * ((b - r) / delta) + 120
    else:
        hue = 60 * ((r - g) / delta) + 240
    if hue < 15 or hue >= 330:
        return Rag.RED
    if hue < 70:
        return Rag.AMBER
    if hue < 170:
        return Rag.GREEN
    if hue < 260:
        return Rag.BLUE
    return None


_OWNER_AGENCY = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<agency>[^()]+)\)\s*$")
_SEPARATORS = re.compile(r"\s*(?:/|;|&|\n|\+)\s*")
NOBODY = {"all", "all members", "all partners", "all agencies", "tbc", "tba", "n/a", "none", "chair", "board"}


def read_owner(value: object) -> tuple[str, str, list[str]]:
    """``'Jan Wójcik (Basildon Council)'`` -> (name, agency, others): the first named owner leads."""
    shown = text(value)
    if not shown:
        return "", "", []
    names = [part for part in _SEPARATORS.split(shown) if part.strip()]
    if not names:  # only separators: "&", "/"
        return "", "", [shown]
    first, others = names[0], names[1:]
    agency = ""
    if m := _OWNER_AGENCY.match(first):
        first, agency = m["name"], m["agency"].strip()
    first = " ".join(first.split())
    if not first:  # "(Essex Police)": an agency, no person
        return "", agency, others
    if first.lower() in NOBODY:
        return "", agency, [shown]
    return first, agency, others


_UPDATE_LINE = re.compile(r"^\s*(?P<date>\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})\s*[:\-–—]?\s*(?P<text>.*)$")


def read_updates(value: object) -> list[tuple[date | None, str]]:
    """An update cell as dated entries: each line that starts with a date begins a new entry."""
    shown = text(value)
    if not shown:
        return []
    entries: list[tuple[date | None, str]] = []
    for line in shown.split("\n"):
        if not line.strip():
            continue
        m = _UPDATE_LINE.match(line)
        when = None
        if m:
            try:
                when = parse_tracker_date(m["date"])
            except ValueError:
                when = None
        if when is not None and m is not None:
            entries.append((when, m["text"].strip() or "(no text)"))
        elif entries:
            entries[-1] = (entries[-1][0], f"{entries[-1][1]}\n{line.strip()}")
        else:
            entries.append((None, line.strip()))
    return entries
