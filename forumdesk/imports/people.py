"""Reading a member list (name, role, agency, email, phone) into a ``PeopleFile``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from forumdesk.domain.errors import ImportFileError
from forumdesk.imports.columns import PersonField, find_header
from forumdesk.imports.plan import ImportedPerson, PeopleFile, Place, RowMessage, SheetTable
from forumdesk.imports.sources import Table, load_tables
from forumdesk.imports.values import text


def read_people(path: str | Path, *, sheet: str | None = None) -> PeopleFile:
    return parse_people(load_tables(path), Path(path).name, sheet=sheet)


def parse_people(
    tables: Sequence[Table],
    source: str,
    *,
    sheet: str | None = None,
    mappings: Mapping[str, Mapping[PersonField, int]] | None = None,
) -> PeopleFile:
    """The people of every table with a header (``mappings`` overrides the columns found, per sheet)."""
    rows: list[ImportedPerson] = []
    skipped: list[RowMessage] = []
    warnings: list[RowMessage] = []
    sheets: list[SheetTable] = []
    for table in tables:
        if sheet is not None and table.name.strip().lower() != sheet.strip().lower():
            continue
        header = find_header(table.rows, people=True)
        if header is None:
            continue
        found = (mappings or {}).get(table.name) or header.mapping
        mapping = {PersonField(k): v for k, v in found.items()}
        if PersonField.NAME not in mapping:
            raise ImportFileError(f"{source}: sheet {table.name!r} has no column chosen for the name")
        sheets.append(SheetTable(table.name, header.row + 1, header.labels, mapping, len(table.rows) - header.row - 1))
        for index in range(header.row + 1, len(table.rows)):
            values = table.rows[index]

            def cell(
                field_: PersonField, values: tuple[object, ...] = values, mapping: dict[PersonField, int] = mapping
            ) -> str:
                column = mapping.get(field_)
                return "" if column is None or column >= len(values) else text(values[column])

            place = Place(table.name, index + 1)
            if not any(text(v) for v in values):
                continue
            name = " ".join(cell(PersonField.NAME).split())
            if not name:
                skipped.append(RowMessage(place, "no name"))
                continue
            email = cell(PersonField.EMAIL)
            if email and ("@" not in email or " " in email):
                warnings.append(RowMessage(place, f"{email!r} is not an e-mail address: left out"))
                email = ""
            rows.append(
                ImportedPerson(
                    place, name, cell(PersonField.ROLE), cell(PersonField.AGENCY), email, cell(PersonField.PHONE)
                )
            )
    if not sheets:
        raise ImportFileError(
            f"{source} has no recognisable header in the first 20 rows (looked for Name, Role, Agency, Email, Phone)"
        )
    return PeopleFile(source, tuple(sheets), tuple(rows), tuple(skipped), tuple(warnings))
