"""People's data: every record that holds or mentions one person, and erasing them everywhere.

Mentions in minutes, decisions and actions are found through the full-text indexes (a phrase match on
the name); other free text is searched with LIKE. Erasure rewrites the person and every mention, and
redacts the name from earlier audit values too: the append-only triggers are dropped and recreated
inside the same transaction, and the erasure itself is recorded in the trail.
"""

from __future__ import annotations

import re
import sqlite3

from forumdesk.db.connection import Store
from forumdesk.domain.model import Person
from forumdesk.domain.privacy import ERASED, PersonalRecord

# (table, entity name in the audit trail, free-text columns that may mention a person)
FREE_TEXT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("agenda_items", "agenda_item", ("title", "notes", "presenter")),
    ("decisions", "decision", ("text",)),
    ("actions", "action", ("description", "minute_ref")),
    ("action_updates", "action_update", ("text", "author")),
    ("meetings", "meeting", ("title", "amendments", "venue")),
    ("attendance", "attendance", ("guest_name",)),
    ("matters_arising", "matter_arising", ("description", "owner", "update_text")),
    ("forum_agenda_templates", "agenda_template", ("title", "presenter")),
    ("import_records", "import_record", ("old_values",)),
    ("forums", "forum", ("note", "purpose", "terms_of_reference")),
)


def fts_exact_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _pattern(terms: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)


class PrivacyRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _tables(self) -> set[str]:
        return {r[0] for r in self.store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}

    # -- finding ------------------------------------------------------------------------------------------
    def records(self, person: Person) -> list[PersonalRecord]:
        found = self._structured(person)
        seen = {(r.kind, r.record_id) for r in found}
        for record in self._mentions(person):
            owned = record.kind == "action mention" and ("action owned", record.record_id) in seen
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
            " JOIN forums f ON f.id = mt.forum_id WHERE t.person_id = ? OR t.deputy_for_id = ?"
            " OR (t.person_id IS NULL AND t.guest_name = ? COLLATE NOCASE) ORDER BY mt.starts_at",
            (pid, pid, person.name),
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
        phrase = fts_exact_phrase(person.name)
        found = []
        for r in self.store.query(
            "SELECT i.id, m.starts_at, f.name, i.title, i.notes FROM agenda_items i"
            " JOIN meetings m ON m.id = i.meeting_id JOIN forums f ON f.id = m.forum_id"
            " WHERE i.id IN (SELECT rowid FROM agenda_items_fts WHERE agenda_items_fts MATCH ?)"
            " OR i.presenter = ? COLLATE NOCASE ORDER BY m.starts_at, i.position",
            (phrase, person.name),
        ):
            found.append(PersonalRecord("minutes", r[0], r[1], r[2], f"{r[3]}: {r[4]}".strip(": ")))
        for r in self.store.query(
            "SELECT d.id, m.starts_at, f.name, d.text FROM decisions d JOIN meetings m ON m.id = d.meeting_id"
            " JOIN forums f ON f.id = m.forum_id"
            " WHERE d.id IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?) ORDER BY m.starts_at",
            (phrase,),
        ):
            found.append(PersonalRecord("decision", r[0], r[1], r[2], r[3]))
        for r in self.store.query(
            "SELECT a.id, a.raised_on, f.name, a.ref, a.description FROM actions a JOIN forums f ON f.id = a.forum_id"
            " WHERE a.id IN (SELECT rowid FROM actions_fts WHERE actions_fts MATCH ?) ORDER BY a.raised_on",
            (phrase,),
        ):
            found.append(PersonalRecord("action mention", r[0], r[1], r[2], f"{r[3]}: {r[4]}"))
        like = f"%{person.name}%"
        for r in self.store.query(
            "SELECT u.id, u.on_date, a.ref, u.text FROM action_updates u JOIN actions a ON a.id = u.action_id"
            " WHERE u.text LIKE ? OR u.author = ? COLLATE NOCASE ORDER BY u.on_date",
            (like, person.name),
        ):
            found.append(PersonalRecord("action update", r[0], r[1], r[2], r[3]))
        for r in self.store.query(
            "SELECT m.id, m.starts_at, f.name, m.amendments FROM meetings m JOIN forums f ON f.id = m.forum_id"
            " WHERE m.amendments LIKE ?",
            (like,),
        ):
            found.append(PersonalRecord("amendment", r[0], r[1], r[2], r[3]))
        return found

    # -- erasing (inside a transaction) -------------------------------------------------------------------
    def erase(self, person: Person, new_name: str) -> tuple[int, int]:
        """Anonymise the person and every mention of them; returns (records changed, audit values redacted)."""
        terms = [t for t in (person.name, person.email, person.phone) if len(t.strip()) >= 3]
        pattern = _pattern(terms)
        self.store.conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed, not left readable
        self.store.conn.execute(
            "UPDATE people SET name = ?, email = '', phone = '', role = '', anonymised = 1 WHERE id = ?",
            (new_name, person.id),
        )
        self.store.audit("person", person.id, "erase", "name, email, phone, role", ERASED, new_name)
        changed = 1 + self._erase_free_text(pattern, terms, new_name)
        redacted = self._redact_audit(pattern, terms, new_name)
        return changed, redacted

    def settle(self) -> None:
        """After an erasure: merge the search indexes (old tokens linger in older segments until then) and
        copy the write-ahead log into the file, so the erased text is left neither there nor in the -wal."""
        with self.store.transaction():
            for table in ("actions_fts", "agenda_items_fts", "decisions_fts"):
                self.store.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        self.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _erase_free_text(self, pattern: re.Pattern[str], terms: list[str], new_name: str) -> int:
        changed = 0
        tables = self._tables()
        for table, entity, columns in FREE_TEXT:
            if table not in tables:
                continue
            where = " OR ".join(f"{c} LIKE ?" for c in columns for _ in terms)
            params = [f"%{t}%" for _ in columns for t in terms]
            for row in self.store.query(f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE {where}", params):
                for column in columns:
                    old = row[column]
                    if not isinstance(old, str):
                        continue
                    new = pattern.sub(new_name, old)
                    if new != old:
                        self.store.conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (new, row[0]))
                        self.store.audit(entity, row[0], "erase", column, ERASED, new)
                        changed += 1
        return changed

    def _redact_audit(self, pattern: re.Pattern[str], terms: list[str], new_name: str) -> int:
        """Take the person out of earlier audit values; the append-only triggers are lifted only for this."""
        where = " OR ".join("old_value LIKE ? OR new_value LIKE ?" for _ in terms)
        params = [f"%{t}%" for t in terms for _ in range(2)]
        rows = self.store.query(f"SELECT id, old_value, new_value FROM audit_log WHERE {where}", params)
        updates = []
        for row in rows:
            old = None if row[1] is None else pattern.sub(new_name, row[1])
            new = None if row[2] is None else pattern.sub(new_name, row[2])
            if (old, new) != (row[1], row[2]):
                updates.append((old, new, row[0]))
        if not updates:
            return 0
        triggers = self.store.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            " AND name IN ('audit_log_no_update')"
        )
        conn: sqlite3.Connection = self.store.conn
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.executemany("UPDATE audit_log SET old_value = ?, new_value = ? WHERE id = ?", updates)
        for _, sql in triggers:
            conn.execute(sql)
        return len(updates)
