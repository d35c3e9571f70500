"""The demo's people can be written to: every address the demo makes is one a mail client accepts, whatever
letters the names carry (Łukasz Ó Briain once got ``.briain@…``, which no chaser could be sent to)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from forumdesk.export.mail import Recipient, address
from forumdesk.services import demo_text as words
from forumdesk.services.demo_county import demo_email


def test_every_name_the_demo_can_draw_gets_a_usable_address() -> None:
    unusable = [
        (first, last) for first in words.FIRST_NAMES for last in words.LAST_NAMES
        if address(Recipient(f"{first} {last}", demo_email(f"{first} {last}", "harlowcouncil.gov.uk"))) is None
    ]
    assert unusable == []


def test_the_letters_are_spelt_out_not_dropped() -> None:
    assert demo_email("Łukasz Ó Briain", "nhs.net") == "l.obriain@nhs.net"
    assert demo_email("Zoë Müller-Straße", "essex.police.uk") == "z.muller-strasse@essex.police.uk"


def test_every_person_in_the_demo_file_has_a_usable_address(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as conn:
        people = conn.execute("SELECT name, email FROM people WHERE email != ''").fetchall()
    assert people and [name for name, email in people if address(Recipient(name, email)) is None] == []
