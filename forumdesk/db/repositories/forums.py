"""Forums, their links to the strategy, and their members."""

from __future__ import annotations

import sqlite3

from forumdesk.db.connection import Store
from forumdesk.db.repositories._rows import d, insert_row, iso, record, replace_links, update_audited
from forumdesk.domain.enums import Marking, QuorumKind
from forumdesk.domain.model import Aim, Forum, Membership, NewMember, QuorumRule

_FORUM_SQL = """
SELECT f.*, coalesce(parent.name, '') AS parent_name, coalesce(dist.name, '') AS district,
  coalesce(
    (SELECT group_concat(name, char(31)) FROM (SELECT p.name FROM forum_areas fa
       JOIN priority_areas p ON p.id = fa.area_id WHERE fa.forum_id = f.id ORDER BY p.position)),
    (SELECT group_concat(name, char(31)) FROM (SELECT p.name FROM forum_areas fa
       JOIN priority_areas p ON p.id = fa.area_id WHERE fa.forum_id = f.parent_id ORDER BY p.position)),
    '') AS priorities
FROM forums f
LEFT JOIN forums parent ON parent.id = f.parent_id
LEFT JOIN districts dist ON dist.id = f.district_id
"""


def _forum(r: sqlite3.Row) -> Forum:
    return record(
        Forum, r, quorum=QuorumRule(QuorumKind(r["quorum_kind"]), r["quorum_count"]), marking=Marking(r["marking"]),
        review_date=d(r["review_date"]), archived=bool(r["archived"]), from_strategy=bool(r["from_strategy"]),
        is_family=bool(r["is_family"]), priorities=tuple(p for p in r["priorities"].split("\x1f") if p),
    )


def _membership(r: sqlite3.Row) -> Membership:
    return record(
        Membership, r, deputy_name=r["deputy_name"] or "", decision_maker=bool(r["decision_maker"]),
        from_date=d(r["from_date"]), to_date=d(r["to_date"]),
    )


_MEMBER_SQL = """
SELECT m.*, p.name AS person_name, coalesce(o.name, '') AS organisation, dep.name AS deputy_name,
       f.name AS forum_name
FROM memberships m JOIN people p ON p.id = m.person_id JOIN forums f ON f.id = m.forum_id
LEFT JOIN organisations o ON o.id = p.organisation_id LEFT JOIN people dep ON dep.id = m.deputy_id
"""

FORUM_COLUMNS = {
    "name", "short_code", "kind", "parent_id", "district_id", "purpose", "terms_of_reference", "chair_id",
    "secretary_id", "frequency", "quorum_kind", "quorum_count", "marking", "review_date", "archived", "note",
}


class ForumRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def forums(self, search: str = "", include_archived: bool = True) -> list[Forum]:
        sql, params = _FORUM_SQL + " WHERE 1", []
        if search:
            sql += " AND (f.name LIKE ? OR dist.name LIKE ? OR f.short_code LIKE ?)"
            params += [f"%{search}%"] * 3
        if not include_archived:
            sql += " AND f.archived = 0"
        return [_forum(r) for r in self.store.query(sql + " ORDER BY f.name COLLATE NOCASE", params)]

    def forum(self, forum_id: int) -> Forum | None:
        r = self.store.query_one(_FORUM_SQL + " WHERE f.id = ?", (forum_id,))
        return None if r is None else _forum(r)

    def forum_by_name(self, name: str) -> Forum | None:
        r = self.store.query_one(_FORUM_SQL + " WHERE f.name = ? COLLATE NOCASE", (name.strip(),))
        if r is None:
            r = self.store.query_one(_FORUM_SQL + " WHERE f.short_code = ? COLLATE NOCASE", (name.strip(),))
        return None if r is None else _forum(r)

    def district_id(self, name: str) -> int:
        self.store.conn.execute("INSERT OR IGNORE INTO districts (name) VALUES (?)", (name,))
        return int(self.store.scalar("SELECT id FROM districts WHERE name = ? COLLATE NOCASE", (name,)))

    def add(self, name: str, **fields: object) -> int:
        columns = {"name": name, **{k: v for k, v in fields.items() if k in FORUM_COLUMNS}}
        forum_id = insert_row(self.store, "forums", {k: _value(v) for k, v in columns.items()})
        self.store.audit("forum", forum_id, "create", "name", None, name)
        return forum_id

    def update(self, forum_id: int, **fields: object) -> None:
        update_audited(self.store, "forums", "forum", forum_id, fields, columns=FORUM_COLUMNS, convert=_value)

    def area_ids(self, forum_id: int) -> list[int]:
        return [r[0] for r in self.store.query("SELECT area_id FROM forum_areas WHERE forum_id = ?", (forum_id,))]

    def set_areas(self, forum_id: int, area_ids: list[int]) -> None:
        replace_links(self.store, "forum_areas", ("forum_id", forum_id), "area_id", area_ids)
        self.store.audit("forum", forum_id, "update", "priority_areas", None, " ".join(map(str, area_ids)))

    def aims(self, forum_id: int) -> list[Aim]:
        rows = self.store.query(
            "SELECT a.id, a.code, a.text, a.area_id, p.name AS area_name FROM forum_aims fa"
            " JOIN aims a ON a.id = fa.aim_id JOIN priority_areas p ON p.id = a.area_id"
            " WHERE fa.forum_id = ? ORDER BY p.position, a.position",
            (forum_id,),
        )
        return [Aim(r["id"], r["code"], r["text"], r["area_id"], r["area_name"]) for r in rows]

    def set_aims(self, forum_id: int, aim_ids: list[int]) -> None:
        replace_links(self.store, "forum_aims", ("forum_id", forum_id), "aim_id", aim_ids)
        self.store.audit("forum", forum_id, "update", "aims", None, " ".join(map(str, aim_ids)))

    # -- members ------------------------------------------------------------------------------------------
    def members(self, forum_id: int, on: str | None = None) -> list[Membership]:
        sql, params = _MEMBER_SQL + " WHERE m.forum_id = ?", list[object]([forum_id])
        if on is not None:
            sql += " AND (m.to_date IS NULL OR m.to_date >= ?) AND (m.from_date IS NULL OR m.from_date <= ?)"
            params += [on, on]
        rows = self.store.query(sql + " ORDER BY m.role != 'Chair', m.role != 'Vice-chair', p.name", params)
        return [_membership(r) for r in rows]

    def memberships_of(self, person_id: int) -> list[Membership]:
        rows = self.store.query(_MEMBER_SQL + " WHERE m.person_id = ? ORDER BY f.name", (person_id,))
        return [_membership(r) for r in rows]

    def membership(self, membership_id: int) -> Membership | None:
        r = self.store.query_one(_MEMBER_SQL + " WHERE m.id = ?", (membership_id,))
        return None if r is None else _membership(r)

    def add_member(self, new: NewMember) -> int:
        member_id = insert_row(self.store, "memberships", {
            "forum_id": new.forum_id, "person_id": new.person_id, "role": new.role, "deputy_id": new.deputy_id,
            "decision_maker": int(new.decision_maker), "from_date": iso(new.from_date),
        })
        self.store.audit("membership", member_id, "create", "person_id", None, new.person_id)
        return member_id

    def update_member(self, membership_id: int, **fields: object) -> None:
        old = self.store.query_one("SELECT * FROM memberships WHERE id = ?", (membership_id,))
        if old is None:
            return
        for column, value in fields.items():
            new = _value(value)
            if old[column] != new:
                self.store.conn.execute(f"UPDATE memberships SET {column} = ? WHERE id = ?", (new, membership_id))
                self.store.audit("membership", membership_id, "update", column, old[column], new)

    def remove_member(self, membership_id: int) -> None:
        self.store.conn.execute("DELETE FROM memberships WHERE id = ?", (membership_id,))
        self.store.audit("membership", membership_id, "delete")


def _value(value: object) -> object:
    if hasattr(value, "isoformat"):
        return iso(value)  # type: ignore[arg-type]
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "value"):
        return value.value
    return value
