"""Turning one cell into a value of the domain: text, a date, a status, a RAG colour.

Each reader returns the value or raises ``CellProblem`` with a message fit for the validation report;
the caller decides whether the problem costs the row or only the field (kept in a note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from forumdesk.domain.dates import is_no_date_word, parse_tracker_date, two_digit_year
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


EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (25569, 73051)  # 01/01/1970 .. 01/01/2100: a number in a date column in this range is a date
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_TIME_SUFFIX = re.compile(r"^(\S+)\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?$", re.IGNORECASE)
DMY, MDY = "dmy", "mdy"


def read_date(value: object, order: str = DMY) -> date | None:
    """A real date cell, an Excel serial number, or date text (all-number text read in ``order``);
    ``None`` for an empty cell; ``NoDate`` for TBC and co; ``CellProblem`` for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if SERIAL_RANGE[0] <= value < SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise CellProblem(f"{text(value)!r} is a number, not a date")
    shown = text(value)
    if not shown:
        return None
    if is_no_date_word(shown):
        raise NoDate(shown)
    if m := _TIME_SUFFIX.match(shown):  # "11/20/2024 14:30" from an exporter: the time is dropped
        shown = m[1]
    if order == MDY and (m := _NUMERIC_DATE.match(shown)):
        year = int(m[3]) if len(m[3]) == 4 else two_digit_year(int(m[3]))
        try:
            return date(year, int(m[1]), int(m[2]))
        except ValueError:
            raise CellProblem(f"{shown!r} is not a real date (month first)") from None
    try:
        return parse_tracker_date(shown)
    except ValueError as error:
        raise CellProblem(str(error)) from None


def date_evidence(value: object) -> str:
    """What one cell says about its column's order: ``"dmy"``, ``"mdy"``, ``"either"`` or ``""`` (no text date)."""
    shown = text(value) if isinstance(value, str) else ""
    if m := _TIME_SUFFIX.match(shown):
        shown = m[1]
    m = _NUMERIC_DATE.match(shown)
    if not m:
        return ""
    first, second = int(m[1]), int(m[2])
    if first > 12 and 1 <= second <= 12:
        return DMY
    if second > 12 and 1 <= first <= 12:
        return MDY
    return "either" if first <= 12 and second <= 12 else ""


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


_OWNER_BRACKET = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<inner>[^()]+)\)\s*$")
_SEPARATORS = re.compile(r"\s*(?:/|;|&|\n|\+)\s*")
_INITIALS = re.compile(r"^(?:[A-Z]\.?){2,3}$")
# fmt: off
NOBODY = {"all", "all members", "all partners", "all agencies", "tbc", "tba", "n/a", "none", "chair", "board",
          "tbd", "unassigned", "unknown", "?", "-"}
AGENCY_WORDS = {
    "council", "police", "constabulary", "fire", "rescue", "nhs", "trust", "authority", "probation", "icb", "ccg",
    "university", "college", "school", "academy", "housing", "association", "office", "department", "dept",
    "ltd", "limited", "plc", "charity", "foundation", "commissioner", "pcc", "bid", "partnership", "service",
    "services", "agency", "cic", "network", "hospital", "ambulance", "railway", "transport",
}
ROLE_WORDS = {
    "manager", "officer", "lead", "chair", "director", "coordinator", "co-ordinator", "head", "analyst",
    "secretary", "administrator", "admin", "adviser", "advisor", "worker", "consultant", "sponsor", "team",
    "owner", "engineer", "inspector", "sergeant", "superintendent", "commander", "supervisor", "executive",
    "clerk", "specialist", "practitioner", "champion", "pm", "ba", "deputy", "vice-chair", "members", "member",
    "partners", "group", "committee", "board", "staff", "lawyer", "solicitor", "pcso",
}
# fmt: on
HELP_MARKERS = ("?", "e.g", "eg.", "dd/mm", "mm/dd", "yyyy", "example", "describe", "enter ", "insert ")
QUESTION_WORDS = {"who", "what", "when", "where", "which", "why", "how"}
# Words that column headings and their explanations are made of: a cell made of nothing else explains a column
# ("Name of owner", "Person responsible", "Brief description", "Date due"); it is never an action or a person.
PLACEHOLDER_WORDS = {
    "name",
    "names",
    "of",
    "the",
    "a",
    "an",
    "owner",
    "owners",
    "person",
    "responsible",
    "initials",
    "lead",
    "brief",
    "short",
    "description",
    "details",
    "detail",
    "action",
    "actions",
    "task",
    "item",
    "text",
    "here",
    "insert",
    "enter",
    "date",
    "due",
    "status",
    "ref",
    "reference",
    "id",
    "no",
    "number",
    "unique",
    "comments",
    "notes",
    "update",
    "progress",
    "by",
    "for",
    "this",
    "to",
    "be",
    "is",
    "it",
    "etc",
    "full",
    "new",
    "target",
    "raised",
}


def _words(part: str) -> list[str]:
    return [w.strip(".,:").lower() for w in part.split() if w.strip(".,:")]


def is_agency(part: str) -> bool:
    return any(word in AGENCY_WORDS for word in _words(part))


def is_role(part: str) -> bool:
    words = _words(part)
    return bool(words) and (words[-1] in ROLE_WORDS or all(w in ROLE_WORDS for w in words))


def is_help_text(part: str, *, names: bool = False) -> bool:
    """A column explanation: a question, an example, an instruction; for a name, also a long phrase."""
    lowered = part.lower()
    if any(marker in lowered for marker in HELP_MARKERS) or (names and (len(part.split()) > 6 or len(part) > 100)):
        return True
    words = [w.strip("()[]<>.,:;'\"") for w in lowered.split()]
    words = [w for w in words if w]
    if not words:
        return False
    bracketed = part.strip().startswith(("(", "[", "<")) and part.strip().endswith((")", "]", ">"))
    return words[0] in QUESTION_WORDS or bracketed or all(w in PLACEHOLDER_WORDS for w in words)


@dataclass(frozen=True)
class OwnerText:
    """An owner cell read: the person (or ""), their agency, the other people named, notes to keep."""

    name: str = ""
    agency: str = ""
    others: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def read_owner(value: object) -> OwnerText:
    """``'Jan Wójcik (Basildon Council)'`` -> name and agency; ``'Amy Lowe (Project Manager)'`` -> name and a
    note of the role. Only clear separators (``/ + & ;`` and new lines) split; the first named person leads.
    A role alone, an agency alone, initials, TBC and help text are nobody: kept in a note, never a person."""
    shown = text(value)
    if not shown:
        return OwnerText()
    if is_help_text(re.sub(r"\([^)]*\)", "", shown), names=True):
        return OwnerText(notes=(f"Owner: {shown}",))
    people: list[str] = []
    agency = ""
    notes: list[str] = []
    for part in (p.strip() for p in _SEPARATORS.split(shown)):
        if not part:
            continue
        name, inner = part, ""
        if m := _OWNER_BRACKET.match(part):
            name, inner = " ".join(m["name"].split()), m["inner"].strip()
        if inner and is_agency(inner) and not agency:
            agency = inner
        elif inner:
            notes.append(f"Role of {name or 'the owner'}: {inner}" if name else f"Owner: {inner}")
        if not name:
            continue
        if name.lower() in NOBODY or is_role(name) or _INITIALS.match(name):
            notes.append(f"Owner: {part}")
        elif is_agency(name):
            agency = agency or name
        else:
            people.append(name)
    if not people:
        return OwnerText("", agency, (), tuple(notes) or (() if agency else (f"Owner: {shown}",)))
    return OwnerText(people[0], agency, tuple(people[1:]), tuple(notes))


_UPDATE_LINE = re.compile(r"^\s*(?P<date>\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})\s*[:\-–—]?\s*(?P<text>.*)$")


def update_dates(value: object) -> list[str]:
    """The dates that begin the lines of an update cell, as typed (for deciding the column's date order)."""
    shown = text(value) if isinstance(value, str) else ""
    return [m["date"] for line in shown.split("\n") if (m := _UPDATE_LINE.match(line))]


def read_updates(value: object, order: str = DMY) -> list[tuple[date | None, str]]:
    """An update cell as dated entries: each line that starts with a date begins a new entry (all-number
    dates read in ``order``, the sheet's: a US export writes its update dates month first too)."""
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
                when = read_date(m["date"], order)
            except (CellProblem, NoDate):
                when = None
        if when is not None and m is not None:
            entries.append((when, m["text"].strip() or "(no text)"))
        elif entries:
            entries[-1] = (entries[-1][0], f"{entries[-1][1]}\n{line.strip()}")
        else:
            entries.append((None, line.strip()))
    return entries
