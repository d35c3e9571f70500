"""Actions, their aims and dated updates; the list queries filter and sort in SQL so they stay fast at scale.

The list is read in two steps, after Anki's browser: ``ids(query)`` returns the matching ids in order
(an index walk), and ``by_ids(ids)`` fetches the few rows a screen or an export page needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from forumdesk.db.connection import Store, utc_now
from forumdesk.db.repositories._rows import (
    codes,
    d,
    dt,
    insert_row,
    iso,
    placeholders,
    record,
    replace_links,
    update_audited,
)
from forumdesk.domain.enums import ActionStatus, Rag
from forumdesk.domain.model import Action, ActionUpdate
from forumdesk.domain.queries import ActionQuery, ActionSort
from forumdesk.domain.rag import DUE_SOON_DAYS

# The RAG rule of forumdesk/domain/rag.py, in SQL (a test holds the two together).
RAG_SQL = """CASE
    WHEN a.is_open = 0 THEN 'blue'
    WHEN a.rag_override IS NOT NULL THEN a.rag_override
    WHEN a.effective_due < :today THEN 'red'
    WHEN a.status = 'on_hold' OR a.effective_due IS NULL OR a.effective_due <= :soon THEN 'amber'
    ELSE 'green' END"""

LAST_CHASED_SQL = "(SELECT max(c.chased_at) FROM chases c WHERE c.action_id = a.id)"  # index chases_action
_SELECT = f"""
SELECT a.*, f.name AS forum_name, coalesce(p.name, '') AS owner_name, coalesce(o.name, '') AS owner_org,
       {LAST_CHASED_SQL} AS last_chased,
       m.starts_at AS meeting_start, u.on_date AS u_on, u.text AS u_text, u.author AS u_author,
       (SELECT group_concat(am.code, ' ') FROM action_aims x JOIN aims am ON am.id = x.aim_id
        WHERE x.action_id = a.id) AS aim_codes,
       {RAG_SQL} AS rag
FROM actions a JOIN forums f ON f.id = a.forum_id
LEFT JOIN people p ON p.id = a.owner_id LEFT JOIN organisations o ON o.id = a.owner_org_id
LEFT JOIN meetings m ON m.id = a.meeting_id LEFT JOIN action_updates u ON u.id = a.latest_update_id
"""

_SELECT_BEFORE_CHASES = _SELECT.replace(LAST_CHASED_SQL, "NULL")  # a file opened read-only before 0008

_ORDER = {
    ActionSort.REF: "a.forum_id {dir}, a.ref_year {dir}, a.ref_seq {dir}",
    ActionSort.FORUM: "(SELECT name FROM forums WHERE id = a.forum_id) COLLATE NOCASE {dir}",
    ActionSort.DESCRIPTION: "a.description COLLATE NOCASE {dir}",
    ActionSort.OWNER: "(SELECT name FROM people WHERE id = a.owner_id) COLLATE NOCASE {dir}",
    ActionSort.AGENCY: "(SELECT name FROM organisations WHERE id = a.owner_org_id) COLLATE NOCASE {dir}",
    ActionSort.RAISED: "a.raised_on {dir}",
    ActionSort.DUE: "a.effective_due {dir}",
    ActionSort.REVISED: "a.revised_due_date {dir}",
    ActionSort.STATUS: "a.status {dir}",
    ActionSort.RAG: "CASE ({rag}) WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 ELSE 3 END {dir}",
    ActionSort.CLOSED: "a.closed_on {dir}",
    ActionSort.LATEST_UPDATE: "(SELECT on_date FROM action_updates WHERE id = a.latest_update_id) {dir}",
    ActionSort.AIMS: "(SELECT min(am.code) FROM action_aims x JOIN aims am ON am.id = x.aim_id"
    " WHERE x.action_id = a.id) {dir}",
    ActionSort.LAST_CHASED: f"{LAST_CHASED_SQL} {{dir}}",
}

ACTION_COLUMNS = {
    "description", "owner_id", "owner_org_id", "raised_on", "due_date", "revised_due_date", "status",
    "rag_override", "closed_on", "meeting_id", "agenda_item_id", "minute_ref", "forum_id",
}


def fts_phrase(text: str) -> str:
    """User words as an FTS5 query: every word must match, each as a prefix; quotes neutralise operators.

    A NUL separates words like a space: FTS5 reads its query as a C string, so a NUL inside it would end the
    query early ("unterminated string")."""
    words = [w.replace('"', '""') for w in text.replace("\x00", " ").split() if w.strip('"')]
    return " ".join(f'"{w}"*' for w in words)


def where_clause(query: ActionQuery, today: date) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "soon": (today + timedelta(days=DUE_SOON_DAYS)).isoformat(),
    }
    if query.forum_ids:
        names = [f":forum{i}" for i in range(len(query.forum_ids))]
        clauses.append(f"a.forum_id IN ({', '.join(names)})")
        params.update({n[1:]: v for n, v in zip(names, query.forum_ids, strict=True)})
    if query.owner_id is not None:
        clauses.append("a.owner_id = :owner")
        params["owner"] = query.owner_id
    if query.organisation_id is not None:
        clauses.append("a.owner_org_id = :org")
        params["org"] = query.organisation_id
    if query.statuses:
        names = [f":status{i}" for i in range(len(query.statuses))]
        clauses.append(f"a.status IN ({', '.join(names)})")
        params.update({n[1:]: s.value for n, s in zip(names, query.statuses, strict=True)})
    if query.open_only:
        clauses.append("a.is_open = 1")
    if query.overdue:
        clauses.append("a.is_open = 1 AND a.effective_due < :today")
    if query.due_within_days is not None:
        clauses.append("a.is_open = 1 AND a.effective_due BETWEEN :today AND :within")
        params["within"] = (today + timedelta(days=query.due_within_days)).isoformat()
    if query.rag is not None:
        clauses.append(f"({RAG_SQL}) = :rag")
        params["rag"] = query.rag.value
    if query.aim_code:
        clauses.append(
            "a.id IN (SELECT action_id FROM action_aims WHERE aim_id = (SELECT id FROM aims WHERE code = :aim))"
        )
        params["aim"] = query.aim_code
    if query.area_code:
        clauses.append(
            "a.id IN (SELECT x.action_id FROM action_aims x JOIN aims am ON am.id = x.aim_id"
            " JOIN priority_areas pa ON pa.id = am.area_id WHERE pa.code = :area)"
        )
        params["area"] = query.area_code
    if query.meeting_id is not None:
        clauses.append("a.meeting_id = :meeting")
        params["meeting"] = query.meeting_id
    if phrase := fts_phrase(query.text):
        clauses.append("a.id IN (SELECT rowid FROM actions_fts WHERE actions_fts MATCH :fts)")
        params["fts"] = phrase
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def order_clause(query: ActionQuery) -> str:
    direction = "DESC" if query.descending else "ASC"
    order = _ORDER[query.sort].format(dir=direction, rag=RAG_SQL)
    if _undated_first(query):  # undated actions last either way
        # NULLS LAST rather than a leading "IS NULL" term: the same order, sorted faster (46 vs 62 ms for
        # the 42,000 actions that a one-letter search finds among 100,000).
        order = f"{order} NULLS LAST"
    return f" ORDER BY {order}, a.id {direction}"


def _undated_first(query: ActionQuery) -> bool:
    """Whether a plain ``effective_due`` order would put undated actions first, so it needs a leading term.

    Descending, SQLite's NULLs (lowest) come last already; overdue and "due within" imply a date. Leaving
    the ``IS NULL`` term out then lets the ``(…, effective_due)`` indexes give the order with no sort.
    """
    dated_only = query.overdue or query.due_within_days is not None
    return query.sort is ActionSort.DUE and not query.descending and not dated_only


def _action(r: sqlite3.Row) -> Action:
    update = None
    if r["latest_update_id"] is not None and r["u_on"] is not None:
        update = ActionUpdate(r["latest_update_id"], r["id"], date.fromisoformat(r["u_on"]), r["u_text"], r["u_author"])
    raised = d(r["raised_on"])
    assert raised is not None
    return record(
        Action, r, raised_on=raised, status=ActionStatus(r["status"]), meeting_date=d(r["meeting_start"]),
        due_date=d(r["due_date"]), revised_due_date=d(r["revised_due_date"]),
        rag_override=Rag(r["rag_override"]) if r["rag_override"] else None, closed_on=d(r["closed_on"]),
        latest_update=update, aim_codes=codes(r["aim_codes"]), last_chased=dt(r["last_chased"]),
    )


class ActionRepository:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._has_chases = False

    @property
    def _select(self) -> str:
        if not self._has_chases:
            self._has_chases = self.store.query_one(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chases'"
            ) is not None
        return _SELECT if self._has_chases else _SELECT_BEFORE_CHASES

    # -- reading ------------------------------------------------------------------------------------------
    def ids(self, query: ActionQuery, today: date) -> list[int]:
        where, params = where_clause(query, today)
        if _undated_first(query) and not fts_phrase(query.text):  # a word search: few rows, one match
            # Dated actions by due date, then undated ones: two index walks instead of sorting every row.
            join = " AND " if where else " WHERE "
            dated = f"SELECT a.id FROM actions a{where}{join}a.effective_due IS NOT NULL ORDER BY a.effective_due, a.id"
            undated = f"SELECT a.id FROM actions a{where}{join}a.effective_due IS NULL ORDER BY a.id"
            return [r[0] for sql in (dated, undated) for r in self.store.conn.execute(sql, params)]
        rows = self.store.conn.execute(f"SELECT a.id FROM actions a{where}{order_clause(query)}", params)
        return [r[0] for r in rows]

    def count(self, query: ActionQuery, today: date) -> int:
        where, params = where_clause(query, today)
        return int(self.store.scalar(f"SELECT count(*) FROM actions a{where}", params))

    def page(self, query: ActionQuery, today: date, offset: int = 0, limit: int = 200) -> list[Action]:
        where, params = where_clause(query, today)
        if _undated_first(query):
            return self._page_dated_first(where, params, offset, limit)
        params.update(limit=limit, offset=offset)
        sql = f"{self._select}{where}{order_clause(query)} LIMIT :limit OFFSET :offset"
        return [_action(r) for r in self.store.query(sql, params)]

    def _page_dated_first(self, where: str, params: dict[str, Any], offset: int, limit: int) -> list[Action]:
        """A page of the due-date order (dated by date, then undated) read as two index walks, no sort."""
        join = " AND " if where else " WHERE "
        dated_where = f"{where}{join}a.effective_due IS NOT NULL"
        sql = f"{self._select}{dated_where} ORDER BY a.effective_due, a.id LIMIT :limit OFFSET :offset"
        rows = [_action(r) for r in self.store.query(sql, {**params, "limit": limit, "offset": offset})]
        if len(rows) == limit:
            return rows
        skip = 0
        if not rows:  # the page starts among the undated actions
            skip = max(0, offset - int(self.store.scalar(f"SELECT count(*) FROM actions a{dated_where}", params)))
        sql = f"{self._select}{where}{join}a.effective_due IS NULL ORDER BY a.id LIMIT :limit OFFSET :offset"
        rows += [_action(r) for r in self.store.query(sql, {**params, "limit": limit - len(rows), "offset": skip})]
        return rows

    def by_ids(self, ids: Sequence[int], today: date) -> list[Action]:
        """The actions with these ids, in the order given (missing ids are left out)."""
        found: dict[int, Action] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            params: dict[str, Any] = {
                "today": today.isoformat(),
                "soon": (today + timedelta(days=DUE_SOON_DAYS)).isoformat(),
            }
            params.update({f"id{i}": v for i, v in enumerate(chunk)})
            sql = f"{self._select} WHERE a.id IN ({', '.join(f':id{i}' for i in range(len(chunk)))})"
            found.update((r["id"], _action(r)) for r in self.store.query(sql, params))
        return [found[i] for i in ids if i in found]

    def iter_matching(self, query: ActionQuery, today: date, chunk: int = 2000) -> Iterator[list[Action]]:
        """Every matching action, a chunk at a time, for exports: never all rows in memory at once."""
        ids = self.ids(query, today)
        for start in range(0, len(ids), chunk):
            yield self.by_ids(ids[start : start + chunk], today)

    def forum_ids(self, query: ActionQuery, today: date) -> set[int]:
        """The forums the matching actions belong to (an export's marking), without reading the actions."""
        where, params = where_clause(query, today)
        return {r[0] for r in self.store.conn.execute(f"SELECT DISTINCT a.forum_id FROM actions a{where}", params)}

    def updates_for(self, ids: Sequence[int]) -> dict[int, list[ActionUpdate]]:
        """Every dated update of these actions, oldest first: one query per 500 actions, not one each."""
        found: dict[int, list[ActionUpdate]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = self.store.conn.execute(
                f"SELECT id, action_id, on_date, text, author FROM action_updates WHERE action_id IN"
                f" ({placeholders(chunk)}) ORDER BY action_id, on_date, id",
                chunk,
            )
            for r in rows:
                found.setdefault(r[1], []).append(ActionUpdate(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4]))
        return found

    def get(self, action_id: int, today: date) -> Action | None:
        found = self.by_ids([action_id], today)
        return found[0] if found else None

    def by_ref(self, forum_id: int, ref: str) -> int | None:
        value = self.store.scalar("SELECT id FROM actions WHERE forum_id = ? AND ref = ?", (forum_id, ref))
        return None if value is None else int(value)

    def updates(self, action_id: int) -> list[ActionUpdate]:
        rows = self.store.query(
            "SELECT * FROM action_updates WHERE action_id = ? ORDER BY on_date DESC, id DESC", (action_id,)
        )
        return [
            ActionUpdate(r["id"], r["action_id"], date.fromisoformat(r["on_date"]), r["text"], r["author"])
            for r in rows
        ]

    def rag_counts(self, today: date) -> dict[str, int]:
        # Closed actions are all blue: count them from the index and work the rule out for open ones only.
        where, params = where_clause(ActionQuery(open_only=True), today)
        rows = self.store.query(f"SELECT {RAG_SQL} AS rag, count(*) FROM actions a{where} GROUP BY rag", params)
        counts = {r[0]: int(r[1]) for r in rows}
        closed = int(self.store.scalar("SELECT count(*) FROM actions WHERE is_open = 0"))
        if closed:
            counts[Rag.BLUE.value] = closed
        return counts

    def area_counts(self, today: date) -> list[tuple[str, str, int, int, int]]:
        """Per priority area: (code, name, open, overdue, closed) over actions linked to its aims."""
        # Two index walks instead of one join of every link to every action: all linked actions per area
        # from the links alone, the open (and overdue) ones starting from the open actions; closed = the rest.
        linked = {
            int(r[0]): int(r[1])
            for r in self.store.query(
                "SELECT am.area_id, count(DISTINCT x.action_id) FROM aims am"
                " JOIN action_aims x ON x.aim_id = am.id GROUP BY am.area_id"
            )
        }
        live = {
            r[0]: (int(r[1]), int(r[2]))
            for r in self.store.query(
                "SELECT am.area_id, count(DISTINCT a.id), count(DISTINCT CASE WHEN a.effective_due < ? THEN a.id END)"
                " FROM actions a CROSS JOIN action_aims x ON x.action_id = a.id JOIN aims am ON am.id = x.aim_id"
                " WHERE a.is_open = 1 GROUP BY am.area_id",
                (today.isoformat(),),
            )
        }
        out = []
        for r in self.store.query("SELECT id, code, name FROM priority_areas ORDER BY position"):
            open_count, overdue = live.get(r[0], (0, 0))
            out.append((r[1], r[2], open_count, overdue, int(linked.get(r[0], 0)) - open_count))
        return out

    # -- writing (inside a transaction) -------------------------------------------------------------------
    def next_sequence(self, forum_id: int, year: int) -> int:
        value = self.store.scalar(
            "SELECT max(ref_seq) FROM actions WHERE forum_id = ? AND ref_year = ?", (forum_id, year)
        )
        return int(value or 0) + 1

    def add(
        self, forum_id: int, ref: str, ref_year: int, ref_seq: int, import_batch: str | None = None, **fields: object
    ) -> int:
        """A new action (``import_batch``: the import that brings it, written with the row so that the row
        journal holds one image of it, not two)."""
        now = utc_now()
        columns: dict[str, object] = {
            "forum_id": forum_id, "ref": ref, "ref_year": ref_year, "ref_seq": ref_seq,
            "created_at": now, "updated_at": now,
        }
        if import_batch is not None:
            columns["import_batch"] = import_batch
        columns.update({k: _value(v) for k, v in fields.items() if k in ACTION_COLUMNS})
        action_id = insert_row(self.store, "actions", columns)
        self.store.audit("action", action_id, "create", "description", None, columns.get("description"))
        return action_id

    def update(self, action_id: int, **fields: object) -> dict[str, object]:
        """Change fields, auditing each; returns the old values of the fields that changed."""
        return update_audited(
            self.store, "actions", "action", action_id, fields, columns=ACTION_COLUMNS, convert=_value, touch=True
        )

    def set_aims(self, action_id: int, aim_ids: Sequence[int]) -> None:
        replace_links(self.store, "action_aims", ("action_id", action_id), "aim_id", aim_ids, skip_repeats=True)

    def aim_ids(self, action_id: int) -> list[int]:
        return [r[0] for r in self.store.query("SELECT aim_id FROM action_aims WHERE action_id = ?", (action_id,))]

    def add_update(self, action_id: int, on: date, text: str, author: str = "") -> int:
        update_id = insert_row(self.store, "action_updates", {
            "action_id": action_id, "on_date": on.isoformat(), "text": text, "author": author, "created_at": utc_now(),
        })
        self._refresh_latest(action_id)
        self.store.audit("action", action_id, "update", "update", None, f"{on.isoformat()}: {text}")
        return update_id

    def delete_update(self, update_id: int) -> None:
        action_id = self.store.scalar("SELECT action_id FROM action_updates WHERE id = ?", (update_id,))
        self.store.conn.execute("DELETE FROM action_updates WHERE id = ?", (update_id,))
        if action_id is not None:
            self._refresh_latest(int(action_id))
            self.store.audit("action", int(action_id), "delete", "update", update_id, None)

    def delete(self, action_id: int) -> None:
        self.store.conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))
        self.store.audit("action", action_id, "delete")

    def _refresh_latest(self, action_id: int) -> None:
        self.store.conn.execute(
            "UPDATE actions SET latest_update_id = (SELECT id FROM action_updates WHERE action_id = ?"
            " ORDER BY on_date DESC, id DESC LIMIT 1) WHERE id = ?",
            (action_id, action_id),
        )


def _value(value: object) -> object:
    if isinstance(value, date):
        return iso(value)
    if hasattr(value, "value"):
        return value.value
    return value
