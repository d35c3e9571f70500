"""Reading the messy trackers of tests/data (made by make_trackers.py): tables found below titles, columns
matched by their variants, values read as a UK reader means them, and what cannot be read kept in notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.imports import Field, PersonField, load_tables, parse_actions, read_actions, read_people
from forumdesk.imports.columns import find_header
from forumdesk.imports.values import OwnerText, rag_from_colour, read_owner, read_updates

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def basildon() -> object:
    return read_actions(DATA / "basildon_csp_actions.xlsx")


def by_ref(file: object, ref: str) -> object:
    return next(r for r in file.rows if r.ref == ref)  # type: ignore[attr-defined]


def test_header_found_below_title_rows_merged_cells_and_marking_line(basildon: object) -> None:
    sheets = {s.name: s for s in basildon.sheets}  # type: ignore[attr-defined]
    assert list(sheets) == ["Open actions", "Closed actions"]
    assert basildon.ignored_sheets == (("Lists", "no action table found in its first 20 rows"),)  # type: ignore[attr-defined]
    open_sheet = sheets["Open actions"]
    assert open_sheet.header_row == 5
    assert open_sheet.mapping[Field.OWNER] == 5  # "Lead Officer"
    assert open_sheet.mapping[Field.AGENCY] == 6  # "Organisation"
    assert open_sheet.mapping[Field.DUE] == 7  # "Target Date"
    assert open_sheet.mapping[Field.UPDATE] == 11  # "Progress / Comments"
    assert open_sheet.column_of(Field.DUE) == "H (Target Date)"
    closed = sheets["Closed actions"]
    assert closed.header_row == 3
    assert closed.mapping[Field.REF] == 0  # "No."
    assert closed.mapping[Field.CLOSED] == 5


def test_rows_counted_and_headings_blank_rows_skipped(basildon: object) -> None:
    assert len(basildon.rows) == 9  # type: ignore[attr-defined]
    reasons = {(m.place.sheet, m.place.row): m.reason for m in basildon.skipped}  # type: ignore[attr-defined]
    assert reasons == {
        ("Open actions", 6): "a section heading ('Domestic Abuse')",
        ("Open actions", 7): "ref BCSP/25/001 is also on the closed sheet (Closed actions, row 8), which wins",
        ("Open actions", 10): "a section heading ('Night Time Economy')",
        ("Open actions", 16): "a section heading ('OFFICIAL-SENSITIVE')",
    }
    assert 9 not in [r.place.row for r in basildon.rows if r.place.sheet == "Open actions"]  # type: ignore[attr-defined]


def test_real_dates_text_dates_two_digit_years_and_dated_updates(basildon: object) -> None:
    first = by_ref(basildon, "BCSP/25/001")
    assert first.raised_on == date(2025, 1, 14)  # a real date cell
    assert first.due_date == date(2025, 2, 28)  # "28/02/2025" as text
    assert first.revised_due_date == date(2025, 3, 31)  # "31/03/25"
    assert first.meeting_date == date(2025, 1, 14)  # "CSP 14/01/2025"
    assert first.minute_ref == "5.1"
    assert first.status is ActionStatus.IN_PROGRESS
    assert first.owner_name == "Jan Wójcik" and first.owner_agency == "Basildon Council"
    assert first.updates == (
        (date(2025, 3, 3), "Draft pathway circulated"),
        (date(2025, 3, 20), "Awaiting sign-off by the chair"),
    )
    second = by_ref(basildon, "BCSP/25/002")
    assert second.raised_on == date(2025, 1, 14)  # "14/01/25"
    assert second.due_date is None and second.notes == ("Due date: TBC",)


def test_rag_by_fill_colour_only(basildon: object) -> None:
    assert by_ref(basildon, "BCSP/25/001").rag is Rag.RED
    assert by_ref(basildon, "BCSP/25/002").rag is Rag.AMBER
    assert by_ref(basildon, "BCSP/25/003").rag is Rag.GREEN  # "G" as text
    leaflet = by_ref(basildon, "4")
    assert leaflet.rag is Rag.BLUE and leaflet.status is ActionStatus.COMPLETE


def test_text_starting_with_equals_is_text_and_names_keep_their_letters(basildon: object) -> None:
    third = by_ref(basildon, "BCSP/25/003")
    assert third.description == "=Agree the licensing visits schedule with the Pubwatch chair"
    assert third.owner_name == "Tomáš Dvořák"
    assert third.notes == ("Due date: ongoing",)
    leaflet = by_ref(basildon, "4")
    assert leaflet.owner_name == "Łukasz Nowak"
    assert leaflet.notes == ("Also owned by: Siobhán O'Brien",)


def test_formula_cells_use_the_cached_value_and_are_never_evaluated(basildon: object) -> None:
    mapped = by_ref(basildon, "BCSP/25/006")  # ="BCSP/25/"&TEXT(6,"000") with its cached value
    assert mapped.description == "Map hate crime reporting centres"
    assert mapped.due_date is None  # =TODAY()+30 saved without a value: left empty, not computed
    assert mapped.notes == ()


def test_unreadable_cells_cost_only_their_field_and_are_kept_in_notes(basildon: object) -> None:
    cctv = by_ref(basildon, "BCSP/25/005")
    assert cctv.due_date is None and cctv.status is None and cctv.rag is None
    assert set(cctv.notes) == {"Due date: 13/25/2025", "Status: Stuck", "RAG: Purple"}
    warned = [w.reason for w in basildon.warnings if w.place.row == 13]  # type: ignore[attr-defined]
    assert len(warned) == 3 and any("'13/25/2025' is not a real date" in w for w in warned)


def test_closed_sheet_dates_mean_closed(basildon: object) -> None:
    asb = by_ref(basildon, "BCSP/24/017")
    assert asb.status is ActionStatus.COMPLETE and asb.closed_on == date(2024, 12, 2)
    hotspot = by_ref(basildon, "BCSP/24/018")
    assert hotspot.closed_on == date(2025, 1, 3)  # "3 January 2025"
    assert hotspot.due_date == date(2024, 12, 15)  # "15/12/24"
    assert hotspot.owner_name == "PC Ann Lee" and hotspot.owner_agency == "Essex Police"
    no_ref = [r for r in basildon.rows if not r.ref]  # type: ignore[attr-defined]
    assert [r.description for r in no_ref] == ["Write to the Home Office about knife arches"]
    assert no_ref[0].notes == ("Due date: next meeting",)


def test_only_the_named_sheet() -> None:
    file = read_actions(DATA / "basildon_csp_actions.xlsx", sheet="closed ACTIONS")
    assert [s.name for s in file.sheets] == ["Closed actions"]
    assert len(file.rows) == 4


def test_windows_1252_csv() -> None:
    file = read_actions(DATA / "chelmsford_da_actions.csv")
    assert file.sheets[0].header_row == 3
    owners = [r.owner_name for r in file.rows]
    assert owners == ["Renée Dupont", "José Núñez", "Siobhán Kelly", "Zoë Adeyemi"]
    assert file.rows[1].due_date == date(2025, 6, 5)  # "June 5 2025": month spelt out, one reading
    # "04/13/2025" can only be month first, so the whole Deadline column is: "05/06/2025" is 6 May, not 5 June
    assert file.rows[2].due_date == date(2025, 4, 13)
    assert file.rows[0].due_date == date(2025, 5, 6)
    assert [(c.order, c.reason) for c in file.sheets[0].dates] == [
        ("mdy", "'04/13/2025' can only be month first (a US date)"),
        ("dmy", "every date here reads either way: the date order chosen is followed"),  # the Update column
    ]
    assert file.warnings == ()
    assert file.rows[1].updates == ((date(2025, 6, 2), "venue booked"),)


def test_utf8_bom_csv_with_semicolons() -> None:
    file = read_actions(DATA / "utf8_bom_actions.csv")
    assert file.sheets[0].mapping[Field.REF] == 0  # the BOM is not part of "Ref"
    assert [(r.ref, r.owner_name, r.due_date, r.rag) for r in file.rows] == [
        ("H1", "Łukasz Nowak", date(2025, 4, 3), Rag.AMBER),
        ("H2", "Tomáš Dvořák", date(2025, 5, 1), Rag.GREEN),
    ]


def test_member_list() -> None:
    file = read_people(DATA / "members.xlsx")
    assert file.sheets[0].mapping[PersonField.ROLE] == 1  # "Job Title"
    assert [(p.name, p.role, p.agency) for p in file.rows] == [
        ("Jan Wójcik", "Community Safety Manager", "Basildon Council"),
        ("Łukasz Nowak", "Licensing Officer", "Basildon Council"),
        ("Siobhán O'Brien", "Chief Inspector", "Essex Police"),
        ("Tomáš Dvořák", "Station Manager", "Essex County Fire and Rescue Service"),
    ]
    assert file.rows[0].phone == "01268 000001" and file.rows[3].email == ""
    assert [m.reason for m in file.skipped] == ["no name"]


def test_edited_mapping_is_used() -> None:
    tables = load_tables(DATA / "utf8_bom_actions.csv")
    header = find_header(tables[0].rows)
    assert header is not None
    mapping = dict(header.mapping)
    mapping[Field.OWNER] = 3  # the secretary says the Agency column holds the owner
    del mapping[Field.AGENCY]
    file = parse_actions(tables, "x.csv", mappings={tables[0].name: mapping})
    # an agency alone in the owner column is an agency, never a person
    assert [(r.owner_name, r.owner_agency) for r in file.rows] == [("", "Basildon Council"), ("", "Essex Police")]


@pytest.mark.parametrize(
    ("rgb", "rag"),
    [
        ("FF0000", Rag.RED),
        ("C00000", Rag.RED),
        ("FFC000", Rag.AMBER),
        ("FFFF00", Rag.AMBER),
        ("00B050", Rag.GREEN),
        ("92D050", Rag.GREEN),
        ("0070C0", Rag.BLUE),
        ("FFFFFF", None),
        ("D9D9D9", None),
    ],
)
def test_fill_colours(rgb: str, rag: Rag | None) -> None:
    assert rag_from_colour(rgb) is rag


def test_owner_and_update_cells() -> None:
    assert read_owner("All partners") == OwnerText(notes=("Owner: All partners",))
    assert read_owner("Ann Lee & Bob Day") == OwnerText("Ann Lee", others=("Bob Day",))
    assert read_owner("&") == OwnerText(notes=("Owner: &",))  # found by the property test
    assert read_owner("(Essex Police)") == OwnerText(agency="Essex Police")
    assert read_updates("Spoke to housing\n01/02/2025: chased") == [
        (None, "Spoke to housing"),
        (date(2025, 2, 1), "chased"),
    ]


def test_unicode_text_from_excel(tmp_path: Path) -> None:
    """Excel's "Unicode Text" is tab-separated UTF-16 with a byte-order mark."""
    path = tmp_path / "log.txt"
    path.write_bytes("Ref\tAction\tOwner\r\nU1\tCall the café\tŁukasz Nowak\r\n".encode("utf-16"))
    file = read_actions(path)
    assert [(r.ref, r.description, r.owner_name) for r in file.rows] == [("U1", "Call the café", "Łukasz Nowak")]
