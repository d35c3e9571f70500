"""The meeting cycle's own tables: forum agenda templates and the matters-arising snapshot; and the two
queries that find matters arising as at a meeting's date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from forumdesk.db.connection import Store
from forumdesk.db.repositories._rows import d
from forumdesk.domain.agenda import TemplateItem
from forumdesk.domain.enums import AgendaPurpose, Rag
from forumdesk.domain.minutes import MatterArising
from forumdesk.domain.model import ActionUpdate


class MeetingCycleRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- templates ----------------------------------------------------------------------------------------
    def template(self, forum_id: int) -> list[TemplateItem]:
        rows = self.store.query(
            "SELECT * FROM forum_agenda_templates WHERE forum_id = ? ORDER BY position, id", (forum_id,)
        )
        return [
            TemplateItem(r["kind"], r["title"], AgendaPurpose(r["purpose"]), r["minutes_allowed"], r["presenter"])
            for r in rows
        ]

    def set_template(self, forum_id: int, items: Sequence[TemplateItem]) -> None:
        self.store.conn.execute("DELETE FROM forum_agenda_templates WHERE forum_id = ?", (forum_id,))
        self.store.conn.executemany(
            "INSERT INTO forum_agenda_templates (forum_id, position, kind, title, purpose, minutes_allowed,"
            " presenter) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (forum_id, n, t.kind, t.title, t.purpose.value, t.minutes_allowed, t.presenter)
                for n, t in enumerate(items)
            ],
        )
        self.store.audit("forum", forum_id, "update", "agenda_template", None, " | ".join(t.title for t in items))

    # -- matters arising ----------------------------------------------------------------------------------
    def arising_action_ids(self, forum_id: int, meeting_id: int, starts_at: str) -> list[int]:
        """Actions of the forum raised before the meeting (at an earlier meeting or between meetings),
        not closed before its day, by ref."""
        rows = self.store.query(
            """SELECT a.id FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id
               WHERE a.forum_id = :forum AND a.raised_on <= :on
                 AND (a.meeting_id IS NULL OR (a.meeting_id != :meeting AND m.starts_at < :starts))
                 AND (a.is_open = 1 OR a.closed_on >= :on)
               ORDER BY a.ref_year, a.ref_seq, a.id""",
            {"forum": forum_id, "on": starts_at[:10], "meeting": meeting_id, "starts": starts_at},
        )
        return [int(r[0]) for r in rows]

    def updates_as_at(self, action_ids: Sequence[int], on: date) -> dict[int, ActionUpdate]:
        """Each action's latest update dated on or before ``on``."""
        found: dict[int, ActionUpdate] = {}
        for start in range(0, len(action_ids), 500):
            chunk = list(action_ids[start : start + 500])
            marks = ", ".join("?" for _ in chunk)
            rows = self.store.query(
                f"""SELECT u.* FROM action_updates u WHERE u.action_id IN ({marks}) AND u.on_date <= ?
                    ORDER BY u.action_id, u.on_date, u.id""",
                [*chunk, on.isoformat()],
            )
            for r in rows:  # ascending, so the last row of each action wins
                found[r["action_id"]] = ActionUpdate(
                    r["id"], r["action_id"], date.fromisoformat(r["on_date"]), r["text"], r["author"]
                )
        return found

    def snapshot(self, meeting_id: int) -> list[MatterArising] | None:
        """The matters arising frozen when the meeting closed, or None if it has not been closed here."""
        if self.store.scalar("SELECT count(*) FROM matters_arising WHERE meeting_id = ?", (meeting_id,)) == 0:
            closed = self.store.scalar(
                "SELECT count(*) FROM audit_log WHERE entity = 'meeting' AND entity_id = ? AND operation = 'close'",
                (meeting_id,),
            )
            return [] if closed else None
        rows = self.store.query("SELECT * FROM matters_arising WHERE meeting_id = ? ORDER BY position", (meeting_id,))
        return [
            MatterArising(
                ref=r["ref"],
                action=r["description"],
                owner=r["owner"],
                latest_update=r["update_text"],
                update_on=d(r["update_on"]),
                rag=Rag(r["rag"]),
                status=r["status"],
                rag_overridden=bool(r["rag_overridden"]),
            )
            for r in rows
        ]

    def save_snapshot(self, meeting_id: int, rows: Sequence[tuple[int, MatterArising]]) -> None:
        self.store.conn.execute("DELETE FROM matters_arising WHERE meeting_id = ?", (meeting_id,))
        self.store.conn.executemany(
            "INSERT INTO matters_arising (meeting_id, action_id, position, ref, description, owner, update_text,"
            " update_on, status, rag, rag_overridden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    meeting_id,
                    action_id,
                    n,
                    m.ref,
                    m.action,
                    m.owner,
                    m.latest_update,
                    None if m.update_on is None else m.update_on.isoformat(),
                    m.status,
                    m.rag.value,
                    int(m.rag_overridden),
                )
                for n, (action_id, m) in enumerate(rows)
            ],
        )

    # -- small agenda and attendance helpers (inside the caller's transaction) -------------------------------
    def meeting_of_item(self, item_id: int) -> int | None:
        value = self.store.scalar("SELECT meeting_id FROM agenda_items WHERE id = ?", (item_id,))
        return None if value is None else int(value)

    def item_has_records(self, item_id: int) -> bool:
        """Whether decisions or actions were recorded under the item."""
        return bool(
            self.store.scalar(
                "SELECT EXISTS (SELECT 1 FROM decisions WHERE agenda_item_id = :i)"
                " OR EXISTS (SELECT 1 FROM actions WHERE agenda_item_id = :i)",
                {"i": item_id},
            )
        )

    def set_positions(self, meeting_id: int, ids: Sequence[int | None]) -> None:
        """Number the items in this order (a ``None`` leaves a gap, where a new item will go)."""
        self.store.conn.executemany(
            "UPDATE agenda_items SET position = ? WHERE id = ? AND meeting_id = ?",
            [(position, item_id, meeting_id) for position, item_id in enumerate(ids) if item_id is not None],
        )
        self.store.audit("meeting", meeting_id, "update", "agenda order", None, " ".join(str(i) for i in ids if i))

    def remove_deputies_for(self, meeting_id: int, member_id: int) -> None:
        self.store.conn.execute(
            "DELETE FROM attendance WHERE meeting_id = ? AND deputy_for_id = ?", (meeting_id, member_id)
        )
        self.store.audit("meeting", meeting_id, "delete", "deputy attendance", member_id, None)
