"""The trackers with real trackers' traits (``tests/data/real``, made by ``tests/data/make_real_trackers.py``):
the exact plan of each, as the dry run reports it (adds and updates, rows left out with the reason,
warnings per row, people and agencies to create, columns and sheets left out, each date column's order),
then what lands in the database for the traits that matter most once written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from forumdesk.domain.queries import ActionQuery
from forumdesk.imports.outcome import ActionImportPlan
from forumdesk.services import Services, open_services
from forumdesk.services.imports import ImportService
from tests.conftest import TODAY

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
FORUM = "Test Forum"


@pytest.fixture
def svc(db_path: Path, tmp_path: Path) -> Iterator[Services]:
    """A forum that already has action OC-1 (unowned) and a person, Hana Ito of Essex Police."""
    services = open_services(db_path, today=lambda: TODAY)
    services.forums.create(FORUM)
    services.directory.add_person("Hana Ito", "Essex Police")
    seed = tmp_path / "seed.csv"
    seed.write_text("Action Ref,Action,Status\nOC-1,Review the shop watch radio scheme,Open\n", encoding="utf-8")
    imports = services.imports
    imports.import_actions(imports.read_actions(seed), FORUM)
    yield services
    services.close()


@pytest.fixture
def imports(svc: Services) -> ImportService:
    return svc.imports


def described(plan: ActionImportPlan) -> dict[str, list[str]]:
    return dict(
        rows=[
            f"{r.row.place}: {r.outcome.value} {r.row.ref or '(new ref)'}"
            + (f" owner {r.owner}" if r.owner else "")
            + (f" ({r.reason})" if r.reason else "")
            for r in plan.rows
        ],
        skipped=[f"{m.place}: {m.reason}" for m in plan.skipped],
        warnings=[f"{m.place}: {m.reason}" for m in plan.warnings],
        people=list(plan.people_to_create),
        agencies=list(plan.agencies_to_create),
        left_out=[f"{sheet.name}: {note}" for sheet in plan.file.sheets for note in sheet.left_out]
        + [f"{name}: {reason}" for name, reason in plan.file.ignored_sheets]
        + list(plan.file.notes),
        dates=[f"{sheet.name} {c.column}: {c.order}" for sheet in plan.file.sheets for c in sheet.dates],
    )


# fmt: off
EXPECTED: dict[str, dict[str, list[str]]] = {'append_mode.csv': {'rows': ['append_mode, row 5: add AM-2 owner Ivy Cho',
                              'append_mode, row 6: add AM-1 owner Gus Hart',
                              'append_mode, row 7: add AM-3 owner Ivy Cho'],
                     'skipped': ['append_mode, row 2: ref AM-1 again on append_mode, row 6: the last row wins',
                                 'append_mode, row 3: ref AM-2 again on append_mode, row 5: the last row wins',
                                 'append_mode, row 4: ref AM-1 again on append_mode, row 6: the last row wins'],
                     'warnings': ['append_mode, row 6: the status is Complete but there is no date closed: '
                                  'imported as written'],
                     'people': ['Gus Hart', 'Ivy Cho'],
                     'agencies': [],
                     'left_out': [],
                     'dates': ['append_mode E (Progress): dmy']},
 'combined_raid.csv': {'rows': ['combined_raid, row 3: add ISS_8 owner Kai Webb',
                                'combined_raid, row 4: add ISS_7 owner Kai Webb',
                                'combined_raid, row 5: add ISS_9'],
                       'skipped': ['combined_raid, row 2: ref ISS_7 again on combined_raid, row 4: the last row '
                                   'wins'],
                       'warnings': ['combined_raid, row 4: the due date 01/10/2025 is before the date raised '
                                    '03/10/2025: imported as written',
                                    'combined_raid, row 4: the status is Complete but there is no date closed: '
                                    'imported as written',
                                    'combined_raid, row 5: the date closed 14/10/2025 is before the date raised '
                                    '15/10/2025: imported as written'],
                       'people': ['Kai Webb'],
                       'agencies': ['British Transport Police'],
                       'left_out': [],
                       'dates': ['combined_raid C (Date Identified): mdy',
                                 'combined_raid D (Target Date): mdy',
                                 'combined_raid H (Date Closed): mdy',
                                 'combined_raid F (Progress): mdy']},
 'combined_template.xlsx': {'rows': ['Action Tracker, row 9: add HB-2',
                                     'Action Tracker, row 10: add HB-1 owner Olu Bako',
                                     'Action Tracker, row 11: add HB-3 owner Pat Quinn'],
                            'skipped': ['Action Tracker, row 7: column explanations under the header',
                                        'Action Tracker, row 8: ref HB-1 again on Action Tracker, row 10: the last '
                                        'row wins',
                                        'Action Tracker, row 12: a numbered row with nothing else in it',
                                        'Action Tracker, row 13: a numbered row with nothing else in it',
                                        'Action Tracker, row 14: a numbered row with nothing else in it',
                                        'Action Tracker, row 15: a numbered row with nothing else in it'],
                            'warnings': ['Action Tracker, row 11: the due date 04/11/2024 is before the date '
                                         'raised 18/11/2024: imported as written'],
                            'people': ['Olu Bako', 'Pat Quinn'],
                            'agencies': [],
                            'left_out': ['Action Tracker: columns J, K: beside the table, past an empty column (a '
                                         'panel of totals or notes)'],
                            'dates': ['Action Tracker E (Date Logged): mdy', 'Action Tracker F (Deadline): mdy']},
 'excel_dates.xlsx': {'rows': ['Actions, row 2: add ED-1',
                               'Actions, row 3: add ED-2',
                               'Actions, row 4: add ED-3',
                               'Actions, row 5: add ED-4'],
                      'skipped': [],
                      'warnings': [],
                      'people': [],
                      'agencies': [],
                      'left_out': [],
                      'dates': ['Actions C (Date raised): dmy',
                                'Actions D (Due date): dmy',
                                'Actions E (Date closed): dmy']},
 'headers_raid_ids.csv': {'rows': ['headers_raid_ids, row 2: add ISS-001 owner Dan Okoro',
                                   'headers_raid_ids, row 3: add ISS-002 owner Meera Patel'],
                          'skipped': [],
                          'warnings': [],
                          'people': ['Dan Okoro', 'Meera Patel'],
                          'agencies': [],
                          'left_out': [],
                          'dates': ['headers_raid_ids C (Date Logged): dmy',
                                    'headers_raid_ids D (target_date): dmy']},
 'headers_sno.xlsx': {'rows': ['Action Log, row 6: add 1 owner Priya Shah',
                               'Action Log, row 7: add 2 owner Tom Reid',
                               'Action Log, row 8: add 3 owner Priya Shah'],
                      'skipped': [],
                      'warnings': [],
                      'people': ['Priya Shah', 'Tom Reid'],
                      'agencies': [],
                      'left_out': [],
                      'dates': ['Action Log E (Date Identified): dmy', 'Action Log F (Target Date): dmy']},
 'help_row.xlsx': {'rows': ['Action Items, row 4: add AI-001 owner Rosa Diaz',
                            'Action Items, row 5: add AI-002 owner Sam Cole'],
                   'skipped': ['Action Items, row 2: column explanations under the header',
                               'Action Items, row 3: an example row from the template'],
                   'warnings': ['Action Items, row 5: the status is Complete but there is no date closed: imported '
                                'as written'],
                   'people': ['Rosa Diaz', 'Sam Cole'],
                   'agencies': [],
                   'left_out': [],
                   'dates': ['Action Items D (Date Added): dmy', 'Action Items E (Due Date): dmy']},
 'inconsistent.csv': {'rows': ['inconsistent, row 2: add IN-1',
                               'inconsistent, row 3: add IN-2',
                               'inconsistent, row 4: add IN-3',
                               'inconsistent, row 5: add IN-4'],
                      'skipped': [],
                      'warnings': ['inconsistent, row 2: the due date 01/05/2025 is before the date raised '
                                   '10/05/2025: imported as written',
                                   'inconsistent, row 3: the date closed 02/05/2025 is before the date raised '
                                   '10/05/2025: imported as written',
                                   'inconsistent, row 4: the status is Complete but there is no date closed: '
                                   'imported as written'],
                      'people': [],
                      'agencies': [],
                      'left_out': [],
                      'dates': ['inconsistent C (Date raised): dmy',
                                'inconsistent D (Due date): dmy',
                                'inconsistent F (Date closed): dmy']},
 'item_is_ref.xlsx': {'rows': ['Log, row 2: add 4.1', 'Log, row 3: add 4.2'],
                      'skipped': [],
                      'warnings': [],
                      'people': [],
                      'agencies': [],
                      'left_out': [],
                      'dates': ['Log D (Deadline): dmy']},
 'item_is_text.xlsx': {'rows': ['Actions, row 2: add 1 owner Sgt Kay Moss', 'Actions, row 3: add 2 owner Ali Khan'],
                       'skipped': [],
                       'warnings': [],
                       'people': ['Ali Khan', 'Sgt Kay Moss'],
                       'agencies': [],
                       'left_out': [],
                       'dates': ['Actions D (By when): dmy']},
 'long_cell.xlsx': {'rows': ['Actions, row 2: add LC-1', 'Actions, row 3: add LC-2'],
                    'skipped': [],
                    'warnings': ['Actions, row 2: Update: cut to 20,000 characters (it had 25,500)'],
                    'people': [],
                    'agencies': [],
                    'left_out': [],
                    'dates': []},
 'mixed_encoding.csv': {'rows': ['mixed_encoding, row 2: add ME-1 owner Zoë Adeyemi',
                                 'mixed_encoding, row 3: add ME-2 owner Renée Dupont',
                                 'mixed_encoding, row 4: add ME-3 owner Sam Cole'],
                        'skipped': [],
                        'warnings': [],
                        'people': ['Renée Dupont', 'Sam Cole', 'Zoë Adeyemi'],
                        'agencies': [],
                        'left_out': ['line 3 in Windows-1252, the rest in UTF-8: each line was read in its own'],
                        'dates': []},
 'numbered_blanks.xlsx': {'rows': ['Actions, row 5: add 1 owner Bea Hall', 'Actions, row 6: add 2 owner Bea Hall'],
                          'skipped': ['Actions, row 7: a numbered row with nothing else in it',
                                      'Actions, row 8: a numbered row with nothing else in it',
                                      'Actions, row 9: a numbered row with nothing else in it',
                                      'Actions, row 10: a numbered row with nothing else in it',
                                      'Actions, row 11: a numbered row with nothing else in it',
                                      'Actions, row 12: a numbered row with nothing else in it',
                                      'Actions, row 13: a numbered row with nothing else in it',
                                      'Actions, row 14: a numbered row with nothing else in it'],
                          'warnings': [],
                          'people': ['Bea Hall'],
                          'agencies': [],
                          'left_out': [],
                          'dates': ['Actions F (Due): dmy']},
 'open_closed.xlsx': {'rows': ['Open, row 2: update OC-1 owner Eve Lamb (owner)',
                               'Open, row 4: add OC-3 owner Raj Mehta',
                               'Closed, row 2: add OC-2 owner Eve Lamb'],
                      'skipped': ['Open, row 3: ref OC-2 is also on the closed sheet (Closed, row 2), which wins'],
                      'warnings': [],
                      'people': ['Eve Lamb', 'Raj Mehta'],
                      'agencies': [],
                      'left_out': [],
                      'dates': ['Closed E (Date Closed): dmy']},
 'owners.csv': {'rows': ['owners, row 2: add W1 owner Amy Lowe',
                         'owners, row 3: add W2',
                         'owners, row 4: add W3 owner Ben Ford',
                         'owners, row 5: add W4 owner Dev Rao',
                         'owners, row 6: add W5',
                         'owners, row 7: add W6',
                         'owners, row 8: add W7',
                         'owners, row 9: add W8',
                         'owners, row 10: add W9 owner Fay Moor (Southend Council)'],
                'skipped': [],
                'warnings': [],
                'people': ['Amy Lowe', 'Ben Ford', 'Dev Rao', 'Fay Moor (Southend Council)'],
                'agencies': ['Southend Council'],
                'left_out': [],
                'dates': []},
 'raid_log.xlsx': {'rows': ['Issues, row 2: add I-01 owner Hana Ito (Essex Police)',
                            'Actions, row 2: add A-01 owner Hana Ito (Essex Police)',
                            'Actions, row 3: add A-02 owner Max Bell'],
                   'skipped': [],
                   'warnings': [],
                   'people': ['Max Bell'],
                   'agencies': [],
                   'left_out': ['Risks: a risk log (name it with --sheet, or tick it, to import it)',
                                'Assumptions: a list of assumptions (name it with --sheet, or tick it, to import '
                                'it)',
                                'Dependencies: a list of dependencies (name it with --sheet, or tick it, to import '
                                'it)'],
                   'dates': ['Issues D (Date Raised): dmy',
                             'Issues E (Target Date): dmy',
                             'Actions D (Date Raised): dmy',
                             'Actions E (Due Date): dmy']},
 'separators_panel.xlsx': {'rows': ['Actions, row 3: add S1 owner Ola Ade',
                                    'Actions, row 4: add S2 owner Ola Ade',
                                    'Actions, row 6: add S0 owner Kim Ng'],
                           'skipped': ["Actions, row 2: a section heading ('OPEN ACTIONS')",
                                       "Actions, row 5: a section heading ('CLOSED ACTIONS')",
                                       "Actions, row 7: a totals row ('Total actions: 3')"],
                           'warnings': ['Actions, row 6: the status is Complete but there is no date closed: '
                                        'imported as written'],
                           'people': ['Kim Ng', 'Ola Ade'],
                           'agencies': [],
                           'left_out': ['Actions: columns G, H: beside the table, past an empty column (a panel of '
                                        'totals or notes)'],
                           'dates': []},
 'two_row_header.xlsx': {'rows': ['Tracker, row 3: add TR-1 owner Nia Brown (Thurrock Council)',
                                  'Tracker, row 4: add TR-2 owner Leo Grant (Essex Police)'],
                         'skipped': [],
                         'warnings': [],
                         'people': ['Leo Grant (Essex Police)', 'Nia Brown (Thurrock Council)'],
                         'agencies': ['Thurrock Council'],
                         'left_out': [],
                         'dates': ['Tracker E (Raised): dmy',
                                   'Tracker F (Target date): dmy',
                                   'Tracker G (Completed): dmy']},
 'us_dates.csv': {'rows': ['us_dates, row 2: add US-1', 'us_dates, row 3: add US-2', 'us_dates, row 4: add US-3'],
                  'skipped': [],
                  'warnings': [],
                  'people': [],
                  'agencies': [],
                  'left_out': ["us_dates: column E ('Review date'): not a column ForumDesk knows"],
                  'dates': ['us_dates C (Date raised): mdy', 'us_dates D (Due date): mdy']}}
# fmt: on


def test_there_is_a_file_for_every_trait_family_and_each_has_its_plan() -> None:
    made = sorted(p.name for p in REAL.iterdir())
    assert made == sorted(EXPECTED) and len(made) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_plan_of_each_real_tracker(name: str, imports: ImportService, svc: Services) -> None:
    before = "\n".join(svc.store.conn.iterdump())
    plan = imports.plan_actions(imports.read_actions(REAL / name), FORUM)
    assert described(plan) == EXPECTED[name]
    assert "\n".join(svc.store.conn.iterdump()) == before  # a dry run writes nothing


def by_ref(plan: ActionImportPlan) -> dict[str, object]:
    return {r.row.ref: r.row for r in plan.rows}


def test_us_columns_read_month_first_and_an_ambiguous_one_follows_the_choice(imports: ImportService) -> None:
    plan = imports.plan_actions(imports.read_actions(REAL / "us_dates.csv"), FORUM)
    rows = {r.row.ref: (r.row.raised_on, r.row.due_date) for r in plan.rows}
    assert rows == {
        "US-1": (date(2024, 11, 20), date(2024, 12, 15)),
        "US-2": (date(2024, 11, 21), date(2025, 1, 5)),  # "01/05/25" in a month-first column: 5 January
        "US-3": (date(2024, 12, 2), date(2025, 1, 31)),  # "12/02/24": 2 December, never 12 February
    }
    dates = plan.file.sheets[0].dates
    assert [(c.reason, c.example) for c in dates] == [
        ("'11/20/24' can only be month first (a US date)", "'11/20/24' is 20 November 2024"),
        ("'12/15/24' can only be month first (a US date)", "'12/15/24' is 15 December 2024"),
    ]
    either = imports.read_actions(REAL / "excel_dates.xlsx", date_order="mdy").sheets[0].dates[1]
    assert (either.order, either.reason, either.example) == (
        "mdy",
        "every date here reads either way: the date order chosen is followed",
        "'03/03/25' is 3 March 2025",
    )


def test_excel_serial_numbers_and_two_digit_years(imports: ImportService) -> None:
    rows = by_ref(imports.plan_actions(imports.read_actions(REAL / "excel_dates.xlsx"), FORUM))
    dates = {ref: (r.raised_on, r.due_date, r.closed_on) for ref, r in rows.items()}  # type: ignore[attr-defined]
    assert dates == {
        "ED-1": (date(2025, 1, 14), date(2025, 2, 28), None),
        "ED-2": (date(2025, 1, 15), date(2025, 2, 28), date(2025, 2, 12)),  # 45672, 45716, 45700
        "ED-3": (date(2025, 1, 14), date(2025, 2, 28), None),
        "ED-4": (date(2025, 1, 14), date(2025, 3, 3), None),
    }


def test_owners_split_only_at_clear_separators_and_nothing_invented(imports: ImportService) -> None:
    rows = by_ref(imports.plan_actions(imports.read_actions(REAL / "owners.csv"), FORUM))
    owners = {ref: (r.owner_name, r.owner_agency, r.notes) for ref, r in rows.items()}  # type: ignore[attr-defined]
    assert owners == {
        "W1": ("Amy Lowe", "", ("Role of Amy Lowe: Project Manager",)),  # a role in brackets is not an agency
        "W2": ("", "", ("Owner: Project Manager", "Owner: Team Lead")),
        "W3": ("Ben Ford", "", ("Also owned by: Cara Hill",)),
        "W4": ("Dev Rao", "", ("Also owned by: Eli Sand",)),
        "W5": ("", "", ("Owner: JW",)),
        "W6": ("", "Essex Police", ()),
        "W7": ("", "", ("Owner: Project Manager",)),
        "W8": ("", "", ("Owner: TBC",)),
        "W9": ("Fay Moor", "Southend Council", ()),
    }


def test_append_mode_keeps_every_rows_dated_update_on_the_one_action(svc: Services, imports: ImportService) -> None:
    result = imports.import_actions(imports.read_actions(REAL / "append_mode.csv"), FORUM).value
    assert (result.added, result.skipped) == (3, 3)
    actions = {a.ref: a for a in svc.actions.list(ActionQuery())}
    assert sorted(actions) == ["AM-1", "AM-2", "AM-3", "OC-1"]  # each id once, padding gone
    updates = [(u.on, u.text) for u in svc.actions.updates(actions["AM-1"].id)]
    assert updates == [  # newest first, as the action shows them
        (date(2025, 3, 29), "report sent"),
        (date(2025, 3, 15), "half done"),
        (date(2025, 3, 1), "survey booked"),
    ]


def test_inconsistent_rows_are_written_as_they_are(svc: Services, imports: ImportService) -> None:
    result = imports.import_actions(imports.read_actions(REAL / "inconsistent.csv"), FORUM).value
    assert (result.added, result.skipped) == (4, 0)
    written = {a.ref: (a.raised_on, a.due_date, a.closed_on, a.status.value) for a in svc.actions.list(ActionQuery())}
    assert written["IN-1"] == (date(2025, 5, 10), date(2025, 5, 1), None, "open")
    assert written["IN-2"] == (date(2025, 5, 10), date(2025, 6, 30), date(2025, 5, 2), "complete")
    assert written["IN-3"] == (date(2025, 5, 10), date(2025, 6, 30), None, "complete")


def test_a_cell_over_20000_characters_is_stored_cut(svc: Services, imports: ImportService) -> None:
    imports.import_actions(imports.read_actions(REAL / "long_cell.xlsx"), FORUM)
    longest = svc.store.scalar("SELECT max(length(text)) FROM action_updates")
    assert longest == 20_000


def test_mixed_encodings_and_nul_bytes_are_stored_as_written(svc: Services, imports: ImportService) -> None:
    imports.import_actions(imports.read_actions(REAL / "mixed_encoding.csv"), FORUM)
    stored = {a.ref: (a.description, a.owner_name) for a in svc.actions.list(ActionQuery())}
    assert stored["ME-1"] == ("Invite Zoë to the board", "Zoë Adeyemi")
    assert stored["ME-2"] == ("Book the café for the drop-in", "Renée Dupont")
    assert stored["ME-3"] == ("Ask about the NUL bytes", "Sam Cole")


def test_a_risk_log_named_is_read(imports: ImportService) -> None:
    file = imports.read_actions(REAL / "raid_log.xlsx", sheet=["Risks", "Actions"])
    assert [(r.ref, r.description) for r in file.rows] == [
        ("R-01", "Funding for the CCTV upgrade is withdrawn"),
        ("A-01", "Draft the data sharing agreement"),
        ("A-02", "Ask the county for the CCTV timetable"),
    ]
    assert file.rows[0].owner_name == "" and file.rows[0].notes == ("Owner: Finance Lead",)
