"""Meetings, their agenda items, attendance and decisions."""

from __future__ import annotations

import sqlite3

from forumdesk.db.connection import Store
from forumdesk.db.repositories._rows import (
    codes,
    d,
    dt,
    filtered,
    insert_row,
    iso,
    record,
    replace_links,
    update_audited,
)
from forumdesk.domain.enums import AgendaPurpose, AttendanceStatus, Marking, MeetingStatus, MinutesStatus
from forumdesk.domain.model import AgendaItem, Attendance, Decision, Meeting

_MEETING_SQL = "SELECT m.*, f.name AS forum_name FROM meetings m JOIN forums f ON f.id = m.forum_id"


def _meeting(r: sqlite3.Row) -> Meeting:
    starts = dt(r["starts_at"])
    assert starts is not None
    return record(
        Meeting, r, starts_at=starts, ends_at=dt(r["ends_at"]), status=MeetingStatus(r["status"]),
        minutes_status=MinutesStatus(r["minutes_status"]), marking=Marking(r["marking"]), agreed_on=d(r["agreed_on"]),
    )


def _item(r: sqlite3.Row) -> AgendaItem:
    return record(AgendaItem, r, purpose=AgendaPurpose(r["purpose"]), aim_codes=codes(r["aim_codes"]))


MEETING_COLUMNS = {
    "forum_id", "title", "starts_at", "ends_at", "venue", "link", "status", "minutes_status", "marking",
    "series_id", "amendments", "agreed_on",
}
ITEM_COLUMNS = {"parent_id", "position", "title", "presenter", "purpose", "minutes_allowed", "notes", "kind"}


def _value(value: object) -> object:
    if hasattr(value, "isoformat"):
        return iso(value)  # type: ignore[arg-type]
    if hasattr(value, "value"):
        return value.value
    return value


class MeetingRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def meetings(
        self, forum_id: int | None = None, since: str | None = None, until: str | None = None
    ) -> list[Meeting]:
        sql, params = filtered(_MEETING_SQL + " WHERE 1", [
            (forum_id is not None, "m.forum_id = ?", [forum_id]),
            (since is not None, "m.starts_at >= ?", [since]),
            (until is not None, "m.starts_at < ?", [until]),
        ])
        return [_meeting(r) for r in self.store.query(sql + " ORDER BY m.starts_at", params)]

    def meeting(self, meeting_id: int) -> Meeting | None:
        return self._first("m.id = ?", (meeting_id,))

    def previous_held(self, forum_id: int, before: str) -> Meeting | None:
        return self._first("m.forum_id = ? AND m.starts_at < ? AND m.status = 'held' ORDER BY m.starts_at DESC",
                           (forum_id, before))

    def next_planned(self, forum_id: int, after: str) -> Meeting | None:
        return self._first("m.forum_id = ? AND m.starts_at > ? AND m.status = 'planned' ORDER BY m.starts_at",
                           (forum_id, after))

    def next_not_cancelled(self, forum_id: int, after: str) -> Meeting | None:
        """The forum's meeting after ``after``, held or planned (the one a meeting's minutes name as the next)."""
        return self._first("m.forum_id = ? AND m.starts_at > ? AND m.status <> 'cancelled' ORDER BY m.starts_at",
                           (forum_id, after))

    def _first(self, where: str, params: tuple[object, ...]) -> Meeting | None:
        r = self.store.query_one(f"{_MEETING_SQL} WHERE {where} LIMIT 1", params)
        return None if r is None else _meeting(r)

    def awaiting_approval(self) -> list[Meeting]:
        rows = self.store.query(
            _MEETING_SQL + " WHERE m.status = 'held' AND m.minutes_status IN ('draft', 'circulated')"
            " ORDER BY m.starts_at"
        )
        return [_meeting(r) for r in rows]

    def add(self, forum_id: int, starts_at: str, **fields: object) -> int:
        columns: dict[str, object] = {"forum_id": forum_id, "starts_at": starts_at}
        columns.update({k: _value(v) for k, v in fields.items() if k in MEETING_COLUMNS})
        meeting_id = insert_row(self.store, "meetings", columns)
        self.store.audit("meeting", meeting_id, "create", "starts_at", None, starts_at)
        return meeting_id

    def update(self, meeting_id: int, **fields: object) -> None:
        update_audited(self.store, "meetings", "meeting", meeting_id, fields, columns=MEETING_COLUMNS, convert=_value)

    # -- agenda -------------------------------------------------------------------------------------------
    def items(self, meeting_id: int) -> list[AgendaItem]:
        rows = self.store.query(
            "SELECT i.*, (SELECT group_concat(a.code, ' ') FROM agenda_item_aims x JOIN aims a ON a.id = x.aim_id"
            " WHERE x.agenda_item_id = i.id) AS aim_codes FROM agenda_items i WHERE i.meeting_id = ?"
            " ORDER BY i.position, i.id",
            (meeting_id,),
        )
        return [_item(r) for r in rows]

    def add_item(self, meeting_id: int, title: str, position: int, **fields: object) -> int:
        columns: dict[str, object] = {"meeting_id": meeting_id, "title": title, "position": position}
        columns.update({k: _value(v) for k, v in fields.items() if k in ITEM_COLUMNS})
        item_id = insert_row(self.store, "agenda_items", columns)
        self.store.audit("agenda_item", item_id, "create", "title", None, title)
        return item_id

    def update_item(self, item_id: int, **fields: object) -> None:
        update_audited(  # notes are typed live, so not audited: their history is the minutes themselves
            self.store, "agenda_items", "agenda_item", item_id, fields, columns=ITEM_COLUMNS, convert=_value,
            unaudited=("notes",),
        )

    def delete_item(self, item_id: int) -> None:
        self.store.conn.execute("DELETE FROM agenda_items WHERE id = ?", (item_id,))
        self.store.audit("agenda_item", item_id, "delete")

    def set_item_aims(self, item_id: int, aim_ids: list[int]) -> None:
        replace_links(self.store, "agenda_item_aims", ("agenda_item_id", item_id), "aim_id", aim_ids)
        self.store.audit("agenda_item", item_id, "update", "aims", None, " ".join(map(str, aim_ids)))

    # -- attendance ---------------------------------------------------------------------------------------
    def attendance(self, meeting_id: int) -> list[Attendance]:
        rows = self.store.query(
            """SELECT t.*, coalesce(p.name, t.guest_name) AS name,
                      coalesce(o.name, go.name, '') AS organisation,
                      coalesce(p.organisation_id, t.guest_organisation_id) AS organisation_id,
                      coalesce(dep.name, '') AS deputy_for_name,
                      coalesce((SELECT max(ms.decision_maker) FROM memberships ms JOIN meetings mt
                                ON mt.id = t.meeting_id WHERE ms.forum_id = mt.forum_id
                                AND ms.person_id = coalesce(t.deputy_for_id, t.person_id)), 0) AS decision_maker
               FROM attendance t LEFT JOIN people p ON p.id = t.person_id
               LEFT JOIN organisations o ON o.id = p.organisation_id
               LEFT JOIN organisations go ON go.id = t.guest_organisation_id
               LEFT JOIN people dep ON dep.id = t.deputy_for_id
               WHERE t.meeting_id = ? ORDER BY organisation COLLATE NOCASE, name COLLATE NOCASE""",
            (meeting_id,),
        )
        return [
            Attendance(
                id=r["id"],
                meeting_id=r["meeting_id"],
                status=AttendanceStatus(r["status"]),
                person_id=r["person_id"],
                name=r["name"],
                organisation=r["organisation"],
                organisation_id=r["organisation_id"],
                deputy_for_id=r["deputy_for_id"],
                deputy_for_name=r["deputy_for_name"],
                agenda_item_id=r["agenda_item_id"],
                decision_maker=bool(r["decision_maker"]),
            )
            for r in rows
        ]

    def set_attendance(
        self,
        meeting_id: int,
        person_id: int | None,
        status: AttendanceStatus,
        *,
        deputy_for_id: int | None = None,
        agenda_item_id: int | None = None,
        guest_name: str = "",
        guest_organisation_id: int | None = None,
    ) -> int:
        """Record one person's attendance, replacing what was recorded for them at this meeting."""
        if person_id is not None:
            self.store.conn.execute(
                "DELETE FROM attendance WHERE meeting_id = ? AND person_id = ?", (meeting_id, person_id)
            )
        row_id = insert_row(self.store, "attendance", {
            "meeting_id": meeting_id, "person_id": person_id, "guest_name": guest_name,
            "guest_organisation_id": guest_organisation_id, "status": status.value, "deputy_for_id": deputy_for_id,
            "agenda_item_id": agenda_item_id,
        })
        self.store.audit("attendance", row_id, "set", "status", None, status.value)
        return row_id

    def remove_attendance(self, attendance_id: int) -> None:
        self.store.conn.execute("DELETE FROM attendance WHERE id = ?", (attendance_id,))
        self.store.audit("attendance", attendance_id, "delete")

    # -- decisions ----------------------------------------------------------------------------------------
    def decisions(self, meeting_id: int) -> list[Decision]:
        rows = self.store.query("SELECT * FROM decisions WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        return [Decision(r["id"], r["meeting_id"], r["text"], r["agenda_item_id"], r["minute_ref"]) for r in rows]

    def update_decision(self, decision_id: int, text: str) -> bool:
        """Correct a decision's text (audited); False when there is no such decision."""
        row = self.store.conn.execute("SELECT text FROM decisions WHERE id = ?", (decision_id,)).fetchone()
        if row is None:
            return False
        self.store.conn.execute("UPDATE decisions SET text = ? WHERE id = ?", (text, decision_id))
        self.store.audit("decision", decision_id, "update", "text", row[0], text)
        return True

    def add_decision(self, meeting_id: int, text: str, agenda_item_id: int | None, minute_ref: str = "") -> int:
        decision_id = insert_row(self.store, "decisions", {
            "meeting_id": meeting_id, "agenda_item_id": agenda_item_id, "minute_ref": minute_ref, "text": text,
        })
        self.store.audit("decision", decision_id, "create", "text", None, text)
        return decision_id
