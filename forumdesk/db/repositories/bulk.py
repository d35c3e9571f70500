"""Bulk inserts for generated data (the demo) where per-row audit and lookups would cost minutes.

Rows are tuples in the column order named by each method; the caller holds the transaction. Every insert
goes through ``insert_rows``: sqlite-utils' ``insert_all`` in list mode, which writes many rows per
statement inside a savepoint of the caller's ``BEGIN IMMEDIATE`` (it commits nothing itself). See
docs/STYLE-sql.md for which SQL is sqlite-utils' and which is written by hand.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from forumdesk.db.connection import Store, utc_now

Row = Sequence[Any]
# Rows per INSERT statement. sqlite-utils caps a statement at 999 values, so this is "as many as fit": 55
# actions, 499 aims. Measured on the 100,000-action demo (docs/STYLE-sql.md): 100 rows 12.7 s, 1,000 11.8 s,
# executemany 18.8 s.
BATCH_ROWS = 1000


def insert_rows(store: Store, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """``insert_all`` in list mode (the first item names the columns), inside the caller's open transaction:
    a failure part way rolls back with it, leaving nothing of the rows written."""
    if not store.conn.in_transaction:
        raise RuntimeError(f"bulk writes to {table} belong inside the caller's transaction")
    store.db[table].insert_all(itertools.chain([list(columns)], rows), batch_size=BATCH_ROWS)


class BulkRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _insert(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
        insert_rows(self.store, table, columns, rows)

    def next_id(self, table: str) -> int:
        return int(self.store.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM {table}"))

    def organisations(self, rows: Iterable[Row]) -> None:
        self._insert("organisations", ("id", "name", "short_name", "kind"), rows)

    def people(self, rows: Iterable[Row]) -> None:
        self._insert("people", ("id", "name", "role", "organisation_id", "email", "phone"), rows)

    def forums(self, rows: Iterable[Row]) -> None:
        self._insert(
            "forums",
            (
                "id",
                "name",
                "short_code",
                "kind",
                "parent_id",
                "district_id",
                "purpose",
                "terms_of_reference",
                "chair_id",
                "secretary_id",
                "frequency",
                "quorum_kind",
                "quorum_count",
                "marking",
                "review_date",
            ),
            rows,
        )

    def forum_updates(self, rows: Iterable[Row]) -> None:
        """(purpose, terms_of_reference, chair_id, secretary_id, frequency, quorum_kind, quorum_count, marking,
        review_date, id) for forums that already exist (the strategy's own)."""
        self.store.conn.executemany(
            "UPDATE forums SET purpose = ?, terms_of_reference = ?, chair_id = ?, secretary_id = ?, frequency = ?,"
            " quorum_kind = ?, quorum_count = ?, marking = ?, review_date = ? WHERE id = ?",
            rows,
        )

    def forum_aims(self, rows: Iterable[Row]) -> None:
        self._insert("forum_aims", ("forum_id", "aim_id"), rows)

    def memberships(self, rows: Iterable[Row]) -> None:
        self._insert(
            "memberships", ("forum_id", "person_id", "role", "deputy_id", "decision_maker", "from_date"), rows
        )

    def meetings(self, rows: Iterable[Row]) -> None:
        self._insert(
            "meetings",
            (
                "id",
                "forum_id",
                "title",
                "starts_at",
                "ends_at",
                "venue",
                "link",
                "status",
                "minutes_status",
                "marking",
                "series_id",
                "agreed_on",
            ),
            rows,
        )

    def agenda_items(self, rows: Iterable[Row]) -> None:
        self._insert(
            "agenda_items",
            (
                "id",
                "meeting_id",
                "position",
                "title",
                "presenter",
                "purpose",
                "minutes_allowed",
                "notes",
                "kind",
            ),
            rows,
        )

    def attendance(self, rows: Iterable[Row]) -> None:
        self._insert(
            "attendance",
            ("meeting_id", "person_id", "guest_name", "guest_organisation_id", "status", "deputy_for_id"),
            rows,
        )

    def decisions(self, rows: Iterable[Row]) -> None:
        self._insert("decisions", ("meeting_id", "agenda_item_id", "minute_ref", "text"), rows)

    def actions(self, rows: Iterable[Row]) -> None:
        now = utc_now()
        self._insert(
            "actions",
            (
                "id",
                "forum_id",
                "ref",
                "ref_year",
                "ref_seq",
                "meeting_id",
                "agenda_item_id",
                "minute_ref",
                "description",
                "owner_id",
                "owner_org_id",
                "raised_on",
                "due_date",
                "revised_due_date",
                "status",
                "closed_on",
                "created_at",
                "updated_at",
            ),
            (tuple(r) + (now, now) for r in rows),
        )

    def action_aims(self, rows: Iterable[Row]) -> None:
        self._insert("action_aims", ("action_id", "aim_id"), rows)

    def action_updates(self, rows: Iterable[Row]) -> None:
        now = utc_now()
        self._insert(
            "action_updates",
            ("action_id", "on_date", "text", "author", "created_at"),
            (tuple(r) + (now,) for r in rows),
        )

    def refresh_latest_updates(self) -> None:
        self.store.conn.execute(
            "UPDATE actions SET latest_update_id = (SELECT u.id FROM action_updates u WHERE u.action_id = actions.id"
            " ORDER BY u.on_date DESC, u.id DESC LIMIT 1)"
        )

    def analyse(self) -> None:
        self.store.conn.execute("ANALYZE")
