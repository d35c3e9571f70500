"""The strategy: priority areas, aims, themes, districts, and the forums the strategy names."""

from __future__ import annotations

from forumdesk.db.connection import Store, utc_now
from forumdesk.domain.model import Aim, PriorityArea, Theme
from forumdesk.domain.refs import short_code
from forumdesk.domain.strategy import StrategyDocument


class StrategyRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def is_loaded(self) -> bool:
        return bool(self.store.scalar("SELECT count(*) FROM strategies"))

    def name(self) -> str:
        return str(self.store.scalar("SELECT name FROM strategies ORDER BY id LIMIT 1") or "")

    def load(self, doc: StrategyDocument) -> None:
        """Insert a whole strategy document; call inside a transaction."""
        conn = self.store.conn
        strategy_id = conn.execute(
            "INSERT INTO strategies (name, owner, signed_by, signed_role, delivery, source, loaded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc.name, doc.owner, doc.signed_by, doc.signed_role, doc.delivery, doc.source, utc_now()),
        ).lastrowid
        for name in doc.districts:
            conn.execute("INSERT OR IGNORE INTO districts (name) VALUES (?)", (name,))
        forum_ids: dict[str, int] = {}
        for forum in doc.forums:
            forum_ids[forum.name] = int(
                conn.execute(
                    "INSERT INTO forums (name, short_code, kind, from_strategy, is_family, note)"
                    " VALUES (?, ?, ?, 1, ?, ?)",
                    (
                        forum.name,
                        forum.short_code or short_code(forum.name),
                        "Family of local bodies" if forum.family else "Strategic forum",
                        int(forum.family),
                        forum.note or "",
                    ),
                ).lastrowid
                or 0
            )
        for position, area in enumerate(doc.areas, start=1):
            area_id = conn.execute(
                "INSERT INTO priority_areas (strategy_id, code, name, heading, objective, position)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (strategy_id, area.code, area.name, area.heading, area.objective, position),
            ).lastrowid
            for aim_position, aim in enumerate(area.aims, start=1):
                conn.execute(
                    "INSERT INTO aims (area_id, code, text, position) VALUES (?, ?, ?, ?)",
                    (area_id, aim.code, aim.text, aim_position),
                )
            for forum_name in area.forums:
                conn.execute(
                    "INSERT OR IGNORE INTO forum_areas (forum_id, area_id) VALUES (?, ?)",
                    (forum_ids[forum_name], area_id),
                )
        for position, theme in enumerate(doc.themes, start=1):
            conn.execute(
                "INSERT INTO themes (strategy_id, code, name, description, position) VALUES (?, ?, ?, ?, ?)",
                (strategy_id, theme.code, theme.name, theme.description, position),
            )
        self.store.audit("strategy", strategy_id, "load", new=doc.name)

    def areas(self) -> list[PriorityArea]:
        rows = self.store.query("SELECT * FROM priority_areas ORDER BY position")
        return [PriorityArea(r["id"], r["code"], r["name"], r["objective"], r["position"], r["heading"]) for r in rows]

    def aims(self, area_id: int | None = None) -> list[Aim]:
        sql = (
            "SELECT a.id, a.code, a.text, a.area_id, p.name AS area_name FROM aims a"
            " JOIN priority_areas p ON p.id = a.area_id"
        )
        params: tuple[int, ...] = ()
        if area_id is not None:
            sql += " WHERE a.area_id = ?"
            params = (area_id,)
        rows = self.store.query(sql + " ORDER BY p.position, a.position", params)
        return [Aim(r["id"], r["code"], r["text"], r["area_id"], r["area_name"]) for r in rows]

    def aim_by_code(self, code: str) -> Aim | None:
        rows = [a for a in self.aims() if a.code.lower() == code.strip().lower()]
        return rows[0] if rows else None

    def themes(self) -> list[Theme]:
        rows = self.store.query("SELECT * FROM themes ORDER BY position")
        return [Theme(r["id"], r["code"], r["name"], r["description"]) for r in rows]

    def districts(self) -> list[str]:
        return [r[0] for r in self.store.query("SELECT name FROM districts ORDER BY name")]

    def aim_action_counts(self, today: str) -> dict[int, tuple[int, int, int]]:
        """Per aim id: (open, overdue, closed) action counts."""
        rows = self.store.query(
            "SELECT aa.aim_id, sum(a.is_open), sum(a.is_open AND a.effective_due < ?), sum(NOT a.is_open)"
            " FROM action_aims aa JOIN actions a ON a.id = aa.action_id GROUP BY aa.aim_id",
            (today,),
        )
        return {r[0]: (int(r[1] or 0), int(r[2] or 0), int(r[3] or 0)) for r in rows}

    def aim_forum_open_counts(self) -> dict[tuple[int, int], int]:
        """(aim id, forum id) -> number of that forum's OPEN actions linked to that aim (closed ones left out)."""
        rows = self.store.query(
            "SELECT aa.aim_id, a.forum_id, count(*) FROM action_aims aa JOIN actions a ON a.id = aa.action_id"
            " WHERE a.is_open = 1 GROUP BY aa.aim_id, a.forum_id"
        )
        return {(r[0], r[1]): int(r[2]) for r in rows}

    def aims_without_open_action(self) -> list[Aim]:
        # Per aim, stop at its first open action (an index walk) rather than joining every link.
        open_aims = {
            r[0]
            for r in self.store.query(
                "SELECT am.id FROM aims am WHERE EXISTS (SELECT 1 FROM action_aims aa"
                " JOIN actions a ON a.id = aa.action_id WHERE aa.aim_id = am.id AND a.is_open = 1)"
            )
        }
        return [aim for aim in self.aims() if aim.id not in open_aims]
