"""Long text in minutes, board packs and action logs, exported through ``ExportService`` from a real database
and read back with pypdf (issue 15, items 9 and 15).

Each long text is made of unique numbered words, so "every character read back" is checked word by word, in
order, on the whitespace-free text (line wrapping, the page furniture and repeated table headers between the
words do not matter, a lost or garbled word does). Refs must be whole on one line: ``SETDAB/26/ 098`` is a fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from export.conftest import squash
from forumdesk.domain.enums import AttendanceStatus
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.services import Services, open_services
from forumdesk.services.exports import ExportFormat

FORUM = "Southend Essex Thurrock Domestic Abuse Board"  # refs SETDAB/26/nnn, as in the issue
_WORDS = ("Łukasz", "Siobhán", "<b>bold</b>", "R&D", "£1,250.50", "50%", "“quoted”", "e-mail:ann@essex.gov.uk",
          "O'Brien", "naïve", "Zoë", "(see", "item)", "—", "café", "x<y>z")


def long_text(tag: str, size: int, paragraphs: int = 1) -> str:
    """About ``size`` characters of unique words (``tag`` and a number end each), ``paragraphs`` blank-line apart."""
    words: list[str] = []
    i = 0
    while sum(len(w) + 1 for w in words) < size - 20:
        words.append(f"{_WORDS[i % len(_WORDS)]}{tag}{i}")
        i += 1
    per = max(1, len(words) // paragraphs)
    parts = [" ".join(words[k : k + per]) for k in range(0, len(words), per)]
    return "\n\n".join(parts)[:size]


def assert_all_read_back(text: str, expected: str, start: int = 0) -> int:
    """Every word of ``expected`` in ``text`` (whitespace removed), in order; returns where the last one ended."""
    position = start
    for word in expected.split():
        found = text.find(squash(word), position)
        assert found >= 0, f"{word!r} (after {text[max(0, position - 40):position]!r}) was not read back"
        position = found + len(squash(word))
    return position


def assert_refs_whole(path: Path, refs: list[str]) -> None:
    """Each ref appears whole on one line every time it is printed, and no line ends or starts inside one."""
    lines = [line for page in PdfReader(str(path)).pages for line in (page.extract_text() or "").splitlines()]
    joined_lines = "\n".join(lines)
    flat = squash(joined_lines)
    for ref in refs:
        assert joined_lines.count(ref) == flat.count(ref) > 0, f"{ref} is broken over lines"
    for line in lines:
        for fragment in re.findall(r"SETDAB[/\d]*", line):
            assert re.fullmatch(r"SETDAB/\d\d/\d{3}", fragment), f"a ref broken inside: {line!r}"


@dataclass
class LongMeetings:
    services: Services
    first: int  # raised 30 actions, one of 2,000 characters
    second: int  # 20,000-character notes and update, a 5,000-character decision
    third: int  # planned: its board pack holds the second's minutes and the open action log
    notes: str
    decision: str
    action: str
    update: str
    refs: list[str]


@pytest.fixture
def long_meetings(db_path: Path) -> Iterator[LongMeetings]:
    day = {"today": date(2026, 9, 1)}
    services = open_services(db_path, today=lambda: day["today"])
    forum_id = services.forums.find(FORUM).id  # in the strategy
    person = services.directory.add_person("Siobhán Ó Briain", "Essex Police").value
    services.forums.add_member(forum_id, person)
    first = services.cycle.plan_meeting(forum_id, datetime(2026, 9, 1, 10), venue="Civic Centre").value
    second = services.cycle.plan_meeting(forum_id, datetime(2026, 10, 6, 10), venue="Civic Centre").value
    third = services.cycle.plan_meeting(forum_id, datetime(2026, 12, 8, 10), venue="Civic Centre").value
    action_text, update = long_text("a", 2_000), long_text("u", 20_000, paragraphs=6)
    notes, decision = long_text("n", 20_000, paragraphs=8), long_text("d", 5_000, paragraphs=2)
    item = services.cycle.add_item(first, "Refuge capacity").value
    long_id = services.room.raise_action(first, item, action_text, "Siobhán Ó Briain", "31/12/2026").value
    for n in range(29):
        services.room.raise_action(first, item, f"Follow-up {n}: check refuge referrals", "Siobhán Ó Briain", "2 weeks")
    services.cycle.close(first)
    day["today"] = date(2026, 10, 6)
    services.room.set_attendance(second, person, AttendanceStatus.PRESENT)
    item = services.cycle.add_item(second, "Refuge capacity review").value
    services.room.save_notes(item, notes)
    services.room.add_decision(second, item, decision)
    services.room.record_update(second, long_id, update)
    services.cycle.close(second)
    day["today"] = date(2026, 11, 25)
    refs = [a.ref for a in services.actions.list(ActionQuery(forum_ids=(forum_id,), sort=ActionSort.REF))]
    yield LongMeetings(services, first, second, third, notes, decision, action_text, update, refs)
    services.close()


def test_minutes_with_30_actions_under_one_item_split_over_pages(long_meetings: LongMeetings, tmp_path: Path) -> None:
    target = tmp_path / "minutes.pdf"
    long_meetings.services.exports.export_minutes(long_meetings.first, target)
    pages = PdfReader(str(target)).pages
    text = squash("".join(p.extract_text() for p in pages))
    assert len(pages) >= 2
    assert_all_read_back(text, long_meetings.action)
    for n in range(29):
        assert squash(f"Follow-up {n}: check refuge referrals") in text
    assert_refs_whole(target, long_meetings.refs)


def test_minutes_print_every_character_of_long_notes_decisions_and_updates(
    long_meetings: LongMeetings, tmp_path: Path
) -> None:
    target = tmp_path / "minutes.pdf"
    long_meetings.services.exports.export_minutes(long_meetings.second, target)
    text = squash("".join(p.extract_text() for p in PdfReader(str(target)).pages))
    for expected in (long_meetings.action, long_meetings.update, long_meetings.notes, long_meetings.decision):
        assert_all_read_back(text, expected)
    assert_refs_whole(target, long_meetings.refs)


def test_board_pack_prints_every_character_in_the_minutes_and_the_action_log(
    long_meetings: LongMeetings, tmp_path: Path
) -> None:
    target = tmp_path / "pack.pdf"
    long_meetings.services.exports.export_board_pack(long_meetings.third, target)
    pages = PdfReader(str(target)).pages
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in pages]
    minutes = squash("".join(p.extract_text() for p, wide in zip(pages, landscape, strict=True) if not wide))
    log = squash("".join(p.extract_text() for p, wide in zip(pages, landscape, strict=True) if wide))
    for expected in (long_meetings.action, long_meetings.update, long_meetings.notes, long_meetings.decision):
        assert_all_read_back(minutes, expected)  # the previous minutes, with the matters arising
    for expected in (long_meetings.action, long_meetings.update):
        assert_all_read_back(log, expected)  # the open action log
    assert_refs_whole(target, long_meetings.refs)


def test_action_log_prints_every_character_and_whole_refs(long_meetings: LongMeetings, tmp_path: Path) -> None:
    target = tmp_path / "log.pdf"
    long_meetings.services.exports.export_actions(ActionQuery(sort=ActionSort.REF), ExportFormat.PDF, target)
    text = squash("".join(p.extract_text() for p in PdfReader(str(target)).pages))
    assert_all_read_back(text, long_meetings.action)
    assert_all_read_back(text, long_meetings.update)
    assert_refs_whole(target, long_meetings.refs)
