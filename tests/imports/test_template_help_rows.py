"""Templates from other organisations explain their columns in the row under the header, in many ways: questions,
placeholders in brackets, lists of the choices, words from the header. None of them is an action or a person."""

from __future__ import annotations

from pathlib import Path

import pytest

from forumdesk.imports.values import is_help_text, read_owner
from forumdesk.services.imports import ImportService

HEADER = "Action Ref,Action,Owner,Target Date,Status\n"
REAL = "AR-1,Audit the street lighting on the estate,Jan Wójcik,30/01/2026,Open\n"


@pytest.mark.parametrize(
    "help_row",
    [
        "(unique ref),What needs to be done,Who will do it,When it is due,Open/Closed/Ongoing\n",
        ",Brief description,Name of owner,dd/mm/yyyy,Open / Closed\n",
        "Ref no.,Description of the action,Person responsible,Date due,Open / In progress / Complete\n",
    ],
)
def test_a_row_explaining_the_columns_is_left_out_and_makes_nobody(tmp_path: Path, help_row: str) -> None:
    tracker = tmp_path / "template.csv"
    tracker.write_text(HEADER + help_row + REAL, encoding="utf-8")
    file = ImportService.read_actions(tracker)
    assert [row.description for row in file.rows] == ["Audit the street lighting on the estate"]
    assert [row.owner_name for row in file.rows] == ["Jan Wójcik"]
    assert [m.reason for m in file.skipped] == ["column explanations under the header"]


@pytest.mark.parametrize("placeholder", ["Name", "Initials", "Person Responsible", "Name of owner", "Who will do it"])
def test_a_placeholder_in_the_owner_column_is_nobody(placeholder: str) -> None:
    assert read_owner(placeholder).name == ""


@pytest.mark.parametrize("real", ["Jan Wójcik", "Priya Shah (Basildon Council)", "Lee Name"])
def test_real_owners_are_still_people(real: str) -> None:
    assert read_owner(real).name != "" and not is_help_text(real, names=True)


def test_an_owner_cell_too_long_to_be_a_name_is_nobody() -> None:
    owner = read_owner("x" * 25_000)
    assert owner.name == "" and owner.notes and owner.notes[0].startswith("Owner: xxx")
