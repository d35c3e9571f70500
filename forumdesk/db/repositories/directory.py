"""Organisations (agencies) and people."""

from __future__ import annotations

import sqlite3

from forumdesk.db.connection import Store
from forumdesk.db.repositories._rows import filtered, insert_row, update_audited
from forumdesk.domain.model import Organisation, Person

_PERSON_SQL = (
    "SELECT p.*, coalesce(o.name, '') AS organisation FROM people p"
    " LEFT JOIN organisations o ON o.id = p.organisation_id"
)


def _person(r: sqlite3.Row) -> Person:
    return Person(
        r["id"], r["name"], r["role"], r["organisation_id"], r["organisation"], r["email"], r["phone"],
        bool(r["anonymised"]),
    )


class DirectoryRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- organisations ------------------------------------------------------------------------------------
    def organisations(self) -> list[Organisation]:
        rows = self.store.query("SELECT * FROM organisations ORDER BY name COLLATE NOCASE")
        return [Organisation(r["id"], r["name"], r["short_name"], r["kind"]) for r in rows]

    def organisation_by_name(self, name: str) -> Organisation | None:
        r = self.store.query_one(
            "SELECT * FROM organisations WHERE name = ? COLLATE NOCASE OR short_name = ? COLLATE NOCASE",
            (name.strip(), name.strip()),
        )
        return None if r is None else Organisation(r["id"], r["name"], r["short_name"], r["kind"])

    def organisation(self, org_id: int) -> Organisation | None:
        r = self.store.query_one("SELECT * FROM organisations WHERE id = ?", (org_id,))
        return None if r is None else Organisation(r["id"], r["name"], r["short_name"], r["kind"])

    def add_organisation(self, name: str, short_name: str = "", kind: str = "") -> int:
        org_id = insert_row(self.store, "organisations", {"name": name, "short_name": short_name, "kind": kind})
        self.store.audit("organisation", org_id, "create", "name", None, name)
        return org_id

    def update_organisation(self, org_id: int, **fields: object) -> None:
        self._update("organisations", "organisation", org_id, fields)

    # -- people -------------------------------------------------------------------------------------------
    def people(self, search: str = "", organisation_id: int | None = None) -> list[Person]:
        sql, params = filtered(_PERSON_SQL + " WHERE 1", [
            (bool(search), "(p.name LIKE ? OR p.email LIKE ? OR o.name LIKE ?)", [f"%{search}%"] * 3),
            (organisation_id is not None, "p.organisation_id = ?", [organisation_id]),
        ])
        return [_person(r) for r in self.store.query(sql + " ORDER BY p.name COLLATE NOCASE", params)]

    def person(self, person_id: int) -> Person | None:
        r = self.store.query_one(_PERSON_SQL + " WHERE p.id = ?", (person_id,))
        return None if r is None else _person(r)

    def people_named(self, name: str) -> list[Person]:
        rows = self.store.query(_PERSON_SQL + " WHERE p.name = ? COLLATE NOCASE", (name.strip(),))
        return [_person(r) for r in rows]

    def add_person(
        self, name: str, role: str = "", organisation_id: int | None = None, email: str = "", phone: str = ""
    ) -> int:
        person_id = insert_row(self.store, "people", {
            "name": name, "role": role, "organisation_id": organisation_id, "email": email, "phone": phone,
        })
        self.store.audit("person", person_id, "create", "name", None, name)
        return person_id

    def update_person(self, person_id: int, **fields: object) -> None:
        self._update("people", "person", person_id, fields)

    def _update(self, table: str, entity: str, row_id: int, fields: dict[str, object]) -> None:
        update_audited(self.store, table, entity, row_id, fields)
