"""Hostile text in the register and the tracker never breaks a draft's header, adds a recipient or adds markup.

Names with quotes, commas, angle brackets, semicolons, CR/LF and letters beyond Latin, and action text with
HTML and script tags, are written straight into a real database (as an import or another program could
leave them, past the GUI's checks); then the forum's owners are chased and its minutes circulated, and
every draft is read back: the parsed To/Cc are exactly the people intended, with their names as one line,
and the HTML part has only the builder's own tags, its table cells holding the text as typed.
"""

from __future__ import annotations

import secrets
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forumdesk.domain.enums import Marking
from forumdesk.export.mail import body_text, one_line
from forumdesk.services import open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.mail import Circulation
from tests.conftest import TODAY
from tests.export.test_mail_drafts import HOSTILE, OUR_TAGS, html_of, parse


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from forumdesk.services.setup import create_database

    path = tmp_path_factory.mktemp("template") / "forum.sqlite"
    create_database(path)
    return path


NAMES = st.lists(HOSTILE.filter(lambda n: n.strip() != ""), min_size=2, max_size=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(names=NAMES, deputy=HOSTILE.filter(lambda n: n.strip() != ""), texts=st.lists(HOSTILE, min_size=2, max_size=2))
def test_hostile_names_and_action_text_stay_in_their_place(
    template: Path, tmp_path: Path, names: list[str], deputy: str, texts: list[str]
) -> None:
    run = tmp_path / f"run-{secrets.token_hex(4)}"
    out = run / "out"
    out.mkdir(parents=True)
    db = run / "forum.sqlite"
    shutil.copy(template, db)
    services = open_services(db, create=False, today=lambda: TODAY)
    try:
        forum = services.forums.create("Hostile Forum", marking=Marking.OFFICIAL).value
        with services.store.transaction("Plant"):  # past the services' checks, as an import could leave them
            people = [services.repos.people.add_person(n, email=f"member{i}@forum.gov.uk") for i, n in enumerate(names)]
            deputy_id = services.repos.people.add_person(deputy, email="deputy@forum.gov.uk")
        services.forums.add_member(forum, people[0], deputy_id=deputy_id)
        for person in people[1:]:
            services.forums.add_member(forum, person)
        stored = {}  # owner id: the action as stored (the services trim the text typed)
        for person, text in zip(people, texts, strict=False):
            typed = f"<script>alert('x')</script>{text}"
            action = services.actions.record(NewAction(forum, typed, person, date(2026, 12, 24))).value
            services.actions.add_update(action, typed + " </td></tr><tr><td>", on=TODAY)
            stored[person] = services.actions.get(action)
        meeting = services.cycle.plan_meeting(forum, datetime(2026, 11, 20, 10, 0)).value
        services.cycle.close(meeting)

        chased = services.mail.chase_forum(forum, out).value
        assert len(chased.drafts) == len(stored)
        for draft in chased.drafts:
            message = parse(draft.path.read_bytes())
            (addr,) = message["To"].addresses
            index = int(addr.username.removeprefix("member"))
            assert addr.display_name == one_line(names[index])
            assert message["Cc"] is None and message["Bcc"] is None
            page = html_of(message)
            assert set(page.tags) <= OUR_TAGS
            action = stored[people[index]]
            assert action.latest_update is not None
            assert body_text(action.description) in page.cells
            assert f"{TODAY:%d/%m/%Y}: {body_text(action.latest_update.text)}" in page.cells
            assert len([t for t in page.tags if t == "td"]) == 5  # one row of five cells: nothing added

        (circulated,) = services.mail.circulate(meeting, Circulation.MINUTES, out).value.drafts
        message = parse(circulated.path.read_bytes())
        assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
            (one_line(n), f"member{i}@forum.gov.uk") for i, n in sorted(enumerate(names), key=_member_order)
        ]
        assert [(a.display_name, a.addr_spec) for a in message["Cc"].addresses] == [
            (one_line(deputy), "deputy@forum.gov.uk")]
        assert set(html_of(message).tags) <= OUR_TAGS
    finally:
        services.close()


def _member_order(item: tuple[int, str]) -> str:
    """The register lists members by name (SQLite's ``ORDER BY p.name``: code points, as UTF-8 bytes sort)."""
    return item[1]
