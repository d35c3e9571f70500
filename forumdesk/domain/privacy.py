"""People's data: what a subject access request finds about one person, as plain rows to export, and the
one rule (``NameMatcher``) by which both the export and erasure find a name in free text."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from forumdesk.domain.model import Person

ERASED = "(erased)"


def former_member(person_id: int) -> str:
    """The name an erased person is given everywhere."""
    return f"Former member {person_id}"


@dataclass(frozen=True, slots=True)
class PersonalRecord:
    """One record that holds or mentions the person.

    ``kind``: person, membership, attendance, action owned, action mention, action update, minutes,
    decision, amendment, audit.
    """

    kind: str
    record_id: int
    when: str  # ISO date or date-time, or ""
    where: str  # the forum or meeting it belongs to, or ""
    text: str


@dataclass(frozen=True, slots=True)
class SubjectAccessReport:
    person: Person
    generated_at: datetime
    records: tuple[PersonalRecord, ...] = field(default_factory=tuple)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.records if r.kind == kind)


@dataclass(frozen=True, slots=True)
class ErasureResult:
    person_id: int
    new_name: str
    records_changed: int
    audit_values_redacted: int
    compacted: bool = True  # False: another program kept the file from being vacuumed and checkpointed
    earlier_backups: tuple[str, ...] = ()  # this database's backups taken before: they still hold the person


# -- finding a name however it is written -----------------------------------------------------------------
# Letters that neither Unicode decomposition nor case folding relate to a plain letter, but that people
# type as one (``Søren`` / ``Soren``, ``Łukasz`` / ``Lukasz``).
_EXTRA_FOLDS = {
    "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "ŀ": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
    "ð": "d", "ß": "ss",
}
_WORD = re.compile(r"[^\W_]+")
MIN_TERM = 3  # letters and digits a term needs before free text is searched for it


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Me")
    return "".join(_EXTRA_FOLDS.get(c, c) for c in plain)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The text as names are compared (compatibility form, no accents, case folded), and for each
    character of the result the index of the character of ``text`` it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def fold(text: str) -> str:
    """``Zoë  WRIGHT``, ``Zoe\u0308 Wright`` and ``ＺＯＥ Wright`` all fold to ``zoe  wright``."""
    return fold_with_map(text)[0]


class NameMatcher:
    """Finds a person's name (and e-mail address and phone number) in free text, the one rule for both the
    subject access export and erasure: every word of the term, in order, as whole words, separated by any
    run of spaces or punctuation, in any case, accent, width or Unicode form. So "ZOË  WRIGHT",
    "Zoe Wright", "Zoë-Wright" and "Team (Zoë Wright)" are found for Zoë Wright; "Wrightson" is not.
    JSON text (import records, audit values) is read as JSON, so ``Zo\\u00eb`` is found too.
    """

    def __init__(self, terms: list[str]) -> None:
        patterns = []
        self._terms: list[list[str]] = []
        for term in terms:
            words = _WORD.findall(fold(term))
            if sum(map(len, words)) >= MIN_TERM:  # "Al" or "1" would be found in every other line
                self._terms.append(words)
                patterns.append(r"[\W_]+".join(re.escape(w) for w in words))
        patterns.sort(key=len, reverse=True)
        self._pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(patterns) + r")(?![^\W_])") if patterns else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    @property
    def keys(self) -> list[str]:
        """The longest folded word of each term: plain ASCII text can only match where it holds one of these
        (lower-cased), which lets the database skip the rest."""
        return [max(words, key=len) for words in self._terms]

    def is_whole(self, text: str) -> bool:
        """True when the text is the term itself (however written), with nothing else."""
        return _WORD.findall(fold(text)) in self._terms

    def _spans(self, text: str) -> list[tuple[int, int]]:
        if self._pattern is None or not text:
            return []
        if text.isascii():  # most text: folding is lower-casing, position for position
            lowered = text.lower()
            return [(m.start(), m.end()) for m in self._pattern.finditer(lowered)]
        folded, where = fold_with_map(text)
        spans = []
        for match in self._pattern.finditer(folded):
            start, end = where[match.start()], where[match.end() - 1] + 1
            while end < len(text) and not _fold_char(text[end]) and not text[end].isspace():
                end += 1  # the accents written after the last letter go with it
            spans.append((start, end))
        return spans

    def search(self, text: str | None) -> bool:
        if not text:
            return False
        if self._spans(text):
            return True
        decoded = _json(text)
        return decoded is not None and any(self.search(s) for s in _strings(decoded))

    def replace(self, text: str, new: str) -> str:
        """The text with every match replaced by ``new`` (inside JSON text too)."""
        decoded = _json(text)
        if decoded is not None:
            replaced = _map_strings(decoded, lambda s: self.replace(s, new))
            if replaced != decoded:
                return json.dumps(replaced)
            return text
        out, last = [], 0
        for start, end in self._spans(text):
            out.append(text[last:start])
            out.append(new)
            last = end
        return "".join(out) + text[last:] if out else text


def _json(text: str) -> object | None:
    if not text.startswith(("{", "[", '"')):
        return None
    try:
        value: object = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict | list | str) else None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _map_strings(value: object, change: Callable[[str], str]) -> object:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {change(k): _map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_strings(v, change) for v in value]
    return value
