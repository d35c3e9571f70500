"""People's data: every record that holds or mentions one person, and erasing them everywhere.

One rule finds a person in free text, for the subject access export and for erasure alike
(``domain.privacy.NameMatcher``: any case, accent, width, spacing or Unicode form), so whatever the export
reports as about the person, erasure removes. It reads every free-text column of every table (``FREE_TEXT``;
a test checks that each text column of the schema is listed there or in ``STRUCTURAL``), the audit values,
and JSON text (import records) decoded. Erasure rewrites the person and every mention, and redacts the name
from earlier audit values too: the append-only trigger is dropped and recreated inside the same
transaction, and the erasure itself is recorded in the trail. The search indexes are merged in the same
transaction; ``compact`` then vacuums and checkpoints, so no old page, index segment or log frame keeps the text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from forumdesk.db import journal
from forumdesk.db.connection import Store
from forumdesk.db.errors import translated
from forumdesk.domain.errors import StoreError
from forumdesk.domain.model import Person
from forumdesk.domain.privacy import ERASED, NameMatcher, PersonalRecord

# (table, entity name in the audit trail, free-text columns that may hold or mention a person's name)
FREE_TEXT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("strategies", "strategy", ("name", "owner", "signed_by", "signed_role", "delivery", "source")),
    ("priority_areas", "priority_area", ("name", "heading", "objective")),
    ("aims", "aim", ("text",)),
    ("themes", "theme", ("name", "description")),
    ("districts", "district", ("name",)),
    ("organisations", "organisation", ("name", "short_name", "kind")),
    ("people", "person", ("name", "role", "email", "phone")),
    ("forums", "forum", ("name", "kind", "purpose", "terms_of_reference", "frequency", "note")),
    ("memberships", "membership", ("role",)),
    ("meetings", "meeting", ("title", "venue", "link", "amendments")),
    ("agenda_items", "agenda_item", ("title", "presenter", "notes")),
    ("attendance", "attendance", ("guest_name",)),
    ("decisions", "decision", ("minute_ref", "text")),
    ("actions", "action", ("minute_ref", "description")),
    ("action_updates", "action_update", ("text", "author")),
    ("forum_agenda_templates", "agenda_template", ("title", "presenter")),
    ("matters_arising", "matter_arising", ("description", "owner", "update_text")),
    ("import_batches", "import", ("source", "summary")),
    ("import_records", "import_record", ("old_values",)),
    ("chases", "chase", ("draft",)),  # the draft's file name names the person chased
)
# Text columns that hold codes, dates, states, ids and references, never a name (the audit trail's values
# are redacted separately).
STRUCTURAL: dict[str, tuple[str, ...]] = {
    "schema_migrations": ("name", "applied_at"),
    "strategies": ("loaded_at",),
    "priority_areas": ("code",),
    "aims": ("code",),
    "themes": ("code",),
    "forums": ("short_code", "quorum_kind", "marking", "review_date"),
    "memberships": ("from_date", "to_date"),
    "meetings": ("starts_at", "ends_at", "status", "minutes_status", "marking", "series_id", "agreed_on"),
    "agenda_items": ("purpose", "kind"),
    "attendance": ("status",),
    "actions": (
        "ref", "raised_on", "due_date", "revised_due_date", "status", "rag_override", "closed_on", "import_batch",
        "created_at", "updated_at",
    ),
    "action_updates": ("on_date", "created_at"),
    "audit_log": ("at", "os_user", "entity", "operation", "field", "old_value", "new_value"),
    "forum_agenda_templates": ("kind", "purpose"),
    "matters_arising": ("ref", "update_on", "status", "rag"),
    "import_batches": ("id", "kind", "imported_at", "os_user", "undone_at"),
    "import_records": ("batch_id", "entity", "operation"),
    # The undo journal copies rows that are searched above; an erasure empties it (``forget_history``), and
    # an operation's label is fixed wording ("Edit action"), never typed text.
    "operations": ("at", "os_user", "label", "kind"),
    "journal": ("tbl", "before", "after"),
    "chases": ("chased_at",),
    "database_identity": ("uid",),
}
# How a mention found in each table is named in the subject access report.
KINDS = {
    "agenda_items": "minutes", "decisions": "decision", "actions": "action mention",
    "action_updates": "action update", "meetings": "meeting", "organisations": "agency", "people": "person record",
    "attendance": "attendance", "import_batches": "import", "import_records": "import record",
    "chases": "chaser e-mail",
}
_FTS_TABLES = ("actions_fts", "agenda_items_fts", "decisions_fts")
_NOT_ASCII = f"*[^{chr(1)}-{chr(127)}]*"  # GLOB: text holding any character beyond ASCII


def _ids(ids: list[int]) -> str:
    return json.dumps(ids)


class PrivacyRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _tables(self) -> set[str]:
        return {r[0] for r in self.store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _free_text(self) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        tables = self._tables()
        yield from (entry for entry in FREE_TEXT if entry[0] in tables)

    def _scan(
        self, table: str, columns: tuple[str, ...], matcher: NameMatcher, also: tuple[str, ...] = ()
    ) -> Iterator[sqlite3.Row]:
        """The rows that may mention the person, read a row at a time (a county's actions do not fit in a
        list): plain ASCII text is passed over in SQL unless it holds a key word of the matcher; text with
        other characters, and JSON, is left to the matcher."""
        conditions: list[str] = []
        params: list[str] = []
        for column in columns:
            conditions.append(f"{column} GLOB ? OR substr({column}, 1, 1) IN ('{{', '[', '\"')")
            params.append(_NOT_ASCII)
            for key in matcher.keys:
                conditions.append(f"instr(lower({column}), ?) > 0")
                params.append(key)
        sql = f"SELECT rowid, {', '.join((*columns, *also))} FROM {table} WHERE {' OR '.join(conditions)}"
        with translated(self.store.path):
            yield from self.store.conn.execute(sql, params)

    @staticmethod
    def matcher(person: Person) -> NameMatcher:
        """The person's name, e-mail address and phone number (a phone number of fewer than 6 digits, such as
        an extension, would be found in too many other numbers)."""
        digits = sum(c.isdigit() for c in person.phone)
        return NameMatcher([person.name, person.email, person.phone if digits >= 6 else ""])

    def _namesakes(self, person: Person, matcher: NameMatcher) -> set[int]:
        """Other people whose whole name is this person's: someone else, whose record is theirs."""
        rows = self.store.query("SELECT id, name FROM people WHERE id != ?", (person.id,))
        return {r[0] for r in rows if matcher.is_whole(r[1])}

    def _hits(self, person: Person, matcher: NameMatcher) -> Iterator[tuple[str, str, int, dict[str, str]]]:
        """(table, entity, row id, {column: text}) for every row whose free text mentions the person."""
        namesakes = self._namesakes(person, matcher)
        for table, entity, columns in self._free_text():
            for row in self._scan(table, columns, matcher):
                if table == "people" and (row[0] == person.id or row[0] in namesakes):
                    if row[0] in namesakes:
                        found = {"role": row["role"]} if matcher.search(row["role"]) else {}
                        if found:
                            yield table, entity, row[0], found
                    continue
                found = {c: row[c] for c in columns if isinstance(row[c], str) and matcher.search(row[c])}
                if found:
                    yield table, entity, row[0], found
        audit = self._scan("audit_log", ("old_value", "new_value"), matcher, also=("entity", "entity_id"))
        for row in audit:
            if row["entity"] == "person" and row["entity_id"] in namesakes:
                continue
            found = {c: row[c] for c in ("old_value", "new_value") if matcher.search(row[c])}
            if found:
                yield "audit_log", "audit", row[0], found

    # -- finding ------------------------------------------------------------------------------------------
    def records(self, person: Person) -> list[PersonalRecord]:
        found = self._structured(person)
        seen = {(r.kind, r.record_id) for r in found}
        for record in self._mentions(person):
            owned = record.kind == "action mention" and ("action owned", record.record_id) in seen
            owned = owned or (record.kind == "audit mention" and ("audit", record.record_id) in seen)
            if (record.kind, record.record_id) not in seen and not owned:
                seen.add((record.kind, record.record_id))
                found.append(record)
        return found

    def _structured(self, person: Person) -> list[PersonalRecord]:
        pid = person.id
        details = "; ".join(x for x in (person.name, person.role, person.email, person.phone) if x)
        found = [PersonalRecord("person", pid, "", person.organisation, details)]
        for r in self.store.query(
            "SELECT m.id, m.role, coalesce(m.from_date, '') AS d, f.name FROM memberships m"
            " JOIN forums f ON f.id = m.forum_id WHERE m.person_id = ? OR m.deputy_id = ? ORDER BY m.id",
            (pid, pid),
        ):
            found.append(PersonalRecord("membership", r[0], r[2], r[3], r[1]))
        for r in self.store.query(
            "SELECT t.id, t.status, mt.starts_at, f.name FROM attendance t JOIN meetings mt ON mt.id = t.meeting_id"
            " JOIN forums f ON f.id = mt.forum_id WHERE t.person_id = ? OR t.deputy_for_id = ? ORDER BY mt.starts_at",
            (pid, pid),
        ):
            found.append(PersonalRecord("attendance", r[0], r[2], r[3], r[1]))
        for r in self.store.query(
            "SELECT a.id, a.ref, a.description, a.raised_on, f.name, a.status FROM actions a"
            " JOIN forums f ON f.id = a.forum_id WHERE a.owner_id = ? ORDER BY a.raised_on, a.id",
            (pid,),
        ):
            found.append(PersonalRecord("action owned", r[0], r[3], r[4], f"{r[1]}: {r[2]} ({r[5]})"))
        for r in self.store.query(
            "SELECT id, at, operation, field, new_value FROM audit_log WHERE entity = 'person' AND entity_id = ?"
            " ORDER BY id",
            (pid,),
        ):
            found.append(PersonalRecord("audit", r[0], r[1], "", f"{r[2]} {r[3]}".strip()))
        return found

    def _mentions(self, person: Person) -> list[PersonalRecord]:
        matcher = self.matcher(person)
        if not matcher:
            return []
        by_table: dict[str, list[tuple[int, dict[str, str]]]] = {}
        for table, _, row_id, found in self._hits(person, matcher):
            by_table.setdefault(table, []).append((row_id, found))
        records = []
        for table, rows in by_table.items():
            context = self._context(table, [row_id for row_id, _ in rows])
            for row_id, found in rows:
                when, where, prefix = context.get(row_id, ("", "", ""))
                text = "; ".join(found.values())
                kind = KINDS.get(table, "audit mention" if table == "audit_log" else table.replace("_", " "))
                records.append(PersonalRecord(kind, row_id, when, where, f"{prefix}: {text}" if prefix else text))
        return sorted(records, key=lambda r: (r.when, r.kind, r.record_id))

    def _context(self, table: str, ids: list[int]) -> dict[int, tuple[str, str, str]]:
        """When and where each mention was made (meeting date and forum, or the action's ref)."""
        sql = {
            "agenda_items": "SELECT i.id, m.starts_at, f.name, '' FROM agenda_items i JOIN meetings m"
            " ON m.id = i.meeting_id JOIN forums f ON f.id = m.forum_id",
            "decisions": "SELECT d.id, m.starts_at, f.name, '' FROM decisions d JOIN meetings m ON m.id = d.meeting_id"
            " JOIN forums f ON f.id = m.forum_id",
            "actions": "SELECT a.id, a.raised_on, f.name, a.ref FROM actions a JOIN forums f ON f.id = a.forum_id",
            "action_updates": "SELECT u.id, u.on_date, a.ref, '' FROM action_updates u JOIN actions a"
            " ON a.id = u.action_id",
            "meetings": "SELECT m.id, m.starts_at, f.name, '' FROM meetings m JOIN forums f ON f.id = m.forum_id",
            "attendance": "SELECT t.id, mt.starts_at, f.name, '' FROM attendance t JOIN meetings mt"
            " ON mt.id = t.meeting_id JOIN forums f ON f.id = mt.forum_id",
            "audit_log": "SELECT a.id, a.at, a.entity || ' ' || coalesce(a.entity_id, ''), a.operation || ' '"
            " || a.field FROM audit_log a",
        }.get(table)
        if sql is None:
            return {}
        alias = sql.split("SELECT ", 1)[1].split(".", 1)[0]
        rows = self.store.query(f"{sql} WHERE {alias}.id IN (SELECT value FROM json_each(?))", (_ids(ids),))
        return {r[0]: (r[1] or "", r[2] or "", r[3] or "") for r in rows}

    # -- erasing (inside a transaction) -------------------------------------------------------------------
    def erase(self, person: Person, new_name: str) -> tuple[int, int]:
        """Anonymise the person and every mention of them; returns (records changed, audit values redacted)."""
        matcher = self.matcher(person)
        hits = list(self._hits(person, matcher)) if matcher else []
        conn = self.store.conn
        conn.execute("PRAGMA secure_delete = ON")  # freed pages and cells are zeroed, not left readable
        conn.execute(
            "UPDATE people SET name = ?, email = '', phone = '', role = '', anonymised = 1 WHERE id = ?",
            (new_name, person.id),
        )
        self.store.audit("person", person.id, "erase", "name, email, phone, role", ERASED, new_name)
        changed = 1
        audit_updates = []
        for table, entity, row_id, found in hits:
            new_values = {column: matcher.replace(text, new_name) for column, text in found.items()}
            if table == "audit_log":
                audit_updates.append((row_id, new_values))
                continue
            for column, new in new_values.items():
                self._set(table, column, row_id, new)
                self.store.audit(entity, row_id, "erase", column, ERASED, new)
            changed += 1
        self._redact_audit(audit_updates)
        return changed, len(audit_updates)

    def _set(self, table: str, column: str, row_id: int, new: str) -> None:
        """Write the erased text; where a unique name (an agency, forum or district) would then clash with
        another, number it: "Team (Former member 12) (2)"."""
        candidate, n = new, 1
        while True:
            try:
                self.store.conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (candidate, row_id))
                return
            except sqlite3.IntegrityError as error:
                n += 1
                if n > 1000 or "UNIQUE" not in str(error):
                    raise
                candidate = f"{new} ({n})"

    def _redact_audit(self, updates: list[tuple[int, dict[str, str]]]) -> None:
        """Take the person out of earlier audit values; the append-only trigger is lifted only for this."""
        if not updates:
            return
        triggers = self.store.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            " AND name IN ('audit_log_no_update')"
        )
        conn: sqlite3.Connection = self.store.conn
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        for row_id, values in updates:
            for column, new in values.items():
                conn.execute(f"UPDATE audit_log SET {column} = ? WHERE id = ?", (new, row_id))
        for _, sql in triggers:
            conn.execute(sql)

    def forget_history(self) -> None:
        """Empty the undo journal (inside the erasure's transaction): its row images hold the person too."""
        if self.store.query_one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal'"):
            journal.purge(self.store.conn)

    def merge_indexes(self) -> None:
        """Merge each search index into one segment (inside the erasure's transaction): until then the old
        tokens linger in older segments, only marked deleted."""
        for table in _FTS_TABLES:
            self.store.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def compact(self) -> bool:
        """After an erasure: rebuild the file without free space (VACUUM) and copy the write-ahead log into it,
        so the erased text is left neither in a free page nor in the -wal. False when another connection's
        open transaction prevented it (the erasure itself stands)."""
        try:
            with translated(self.store.path):
                self.store.conn.execute("VACUUM")
                busy, _, _ = self.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except StoreError:
            return False
        return not busy
