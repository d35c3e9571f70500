-- 0001_initial: the whole domain of the product brief. Released schemas are never edited: add a migration.
CREATE TABLE strategies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    signed_by TEXT NOT NULL DEFAULT '',
    signed_role TEXT NOT NULL DEFAULT '',
    delivery TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    loaded_at TEXT NOT NULL
) STRICT;

CREATE TABLE priority_areas (
    id INTEGER PRIMARY KEY,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    heading TEXT NOT NULL DEFAULT '',
    objective TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE aims (
    id INTEGER PRIMARY KEY,
    area_id INTEGER NOT NULL REFERENCES priority_areas(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX aims_area ON aims(area_id, position);

CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE districts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    anonymised INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX people_name ON people(name COLLATE NOCASE);
CREATE INDEX people_org ON people(organisation_id);

CREATE TABLE forums (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    short_code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES forums(id) ON DELETE SET NULL,
    district_id INTEGER REFERENCES districts(id) ON DELETE SET NULL,
    purpose TEXT NOT NULL DEFAULT '',
    terms_of_reference TEXT NOT NULL DEFAULT '',
    chair_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    secretary_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    frequency TEXT NOT NULL DEFAULT '',
    quorum_kind TEXT NOT NULL DEFAULT 'none' CHECK (quorum_kind IN ('none', 'agencies', 'heads')),
    quorum_count INTEGER NOT NULL DEFAULT 0,
    marking TEXT NOT NULL DEFAULT 'OFFICIAL' CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
    review_date TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    from_strategy INTEGER NOT NULL DEFAULT 0,
    is_family INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX forums_parent ON forums(parent_id);

CREATE TABLE forum_areas (
    forum_id INTEGER NOT NULL REFERENCES forums(id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES priority_areas(id) ON DELETE CASCADE,
    PRIMARY KEY (forum_id, area_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX forum_areas_area ON forum_areas(area_id);

CREATE TABLE forum_aims (
    forum_id INTEGER NOT NULL REFERENCES forums(id) ON DELETE CASCADE,
    aim_id INTEGER NOT NULL REFERENCES aims(id) ON DELETE CASCADE,
    PRIMARY KEY (forum_id, aim_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX forum_aims_aim ON forum_aims(aim_id);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    forum_id INTEGER NOT NULL REFERENCES forums(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'Member',
    deputy_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    decision_maker INTEGER NOT NULL DEFAULT 1,
    from_date TEXT,
    to_date TEXT
) STRICT;
CREATE INDEX memberships_forum ON memberships(forum_id);
CREATE INDEX memberships_person ON memberships(person_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    forum_id INTEGER NOT NULL REFERENCES forums(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    venue TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    minutes_status TEXT NOT NULL DEFAULT 'none' CHECK (minutes_status IN ('none', 'draft', 'circulated', 'agreed')),
    marking TEXT NOT NULL DEFAULT 'OFFICIAL' CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
    series_id TEXT NOT NULL DEFAULT '',
    amendments TEXT NOT NULL DEFAULT '',
    agreed_on TEXT
) STRICT;
CREATE INDEX meetings_forum_start ON meetings(forum_id, starts_at);
CREATE INDEX meetings_start ON meetings(starts_at);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES agenda_items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    presenter TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT 'information' CHECK (purpose IN ('information', 'discussion', 'decision')),
    minutes_allowed INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE agenda_item_aims (
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    aim_id INTEGER NOT NULL REFERENCES aims(id) ON DELETE CASCADE,
    PRIMARY KEY (agenda_item_id, aim_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    guest_name TEXT NOT NULL DEFAULT '',
    guest_organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('present', 'apologies', 'absent', 'deputy', 'guest', 'item_only')),
    deputy_for_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX attendance_meeting ON attendance(meeting_id);
CREATE INDEX attendance_person ON attendance(person_id);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    minute_ref TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_meeting ON decisions(meeting_id);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    forum_id INTEGER NOT NULL REFERENCES forums(id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    ref_year INTEGER NOT NULL,
    ref_seq INTEGER NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    minute_ref TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    owner_org_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    raised_on TEXT NOT NULL,
    due_date TEXT,
    revised_due_date TEXT,
    effective_due TEXT GENERATED ALWAYS AS (coalesce(revised_due_date, due_date)) VIRTUAL,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'in_progress', 'on_hold', 'complete', 'withdrawn')),
    is_open INTEGER GENERATED ALWAYS AS (status IN ('open', 'in_progress', 'on_hold')) VIRTUAL,
    rag_override TEXT CHECK (rag_override IN ('red', 'amber', 'green', 'blue')),
    closed_on TEXT,
    latest_update_id INTEGER,
    import_batch TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (forum_id, ref)
) STRICT;
CREATE INDEX actions_open_due ON actions(is_open, effective_due);
CREATE INDEX actions_due ON actions(effective_due);
CREATE INDEX actions_forum_due ON actions(forum_id, effective_due);
CREATE INDEX actions_forum_open_due ON actions(forum_id, is_open, effective_due);
CREATE INDEX actions_owner_due ON actions(owner_id, effective_due);
CREATE INDEX actions_org_due ON actions(owner_org_id, effective_due);
CREATE INDEX actions_meeting ON actions(meeting_id);
CREATE INDEX actions_status ON actions(status, effective_due);
CREATE INDEX actions_raised ON actions(raised_on);
CREATE INDEX actions_forum_ref ON actions(forum_id, ref_year, ref_seq);
CREATE INDEX actions_import ON actions(import_batch) WHERE import_batch IS NOT NULL;

CREATE TABLE action_aims (
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    aim_id INTEGER NOT NULL REFERENCES aims(id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, aim_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_aims_aim ON action_aims(aim_id, action_id);

CREATE TABLE action_updates (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX action_updates_action ON action_updates(action_id, on_date, id);

-- The audit trail: append-only (DPA 2018 s.62). Written in the same transaction as the change.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    operation TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    old_value TEXT,
    new_value TEXT
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- Full-text search (external content, kept in step by triggers).
CREATE VIRTUAL TABLE actions_fts USING fts5(
    description, content='actions', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER actions_fts_insert AFTER INSERT ON actions BEGIN
    INSERT INTO actions_fts(rowid, description) VALUES (new.id, new.description);
END;
CREATE TRIGGER actions_fts_delete AFTER DELETE ON actions BEGIN
    INSERT INTO actions_fts(actions_fts, rowid, description) VALUES ('delete', old.id, old.description);
END;
CREATE TRIGGER actions_fts_update AFTER UPDATE OF description ON actions BEGIN
    INSERT INTO actions_fts(actions_fts, rowid, description) VALUES ('delete', old.id, old.description);
    INSERT INTO actions_fts(rowid, description) VALUES (new.id, new.description);
END;

CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
    title, notes, content='agenda_items', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER agenda_items_fts_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;
CREATE TRIGGER agenda_items_fts_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
END;
CREATE TRIGGER agenda_items_fts_update AFTER UPDATE OF title, notes ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
    INSERT INTO agenda_items_fts(rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;

CREATE VIRTUAL TABLE decisions_fts USING fts5(
    text, content='decisions', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER decisions_fts_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO decisions_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER decisions_fts_delete AFTER DELETE ON decisions BEGIN
    INSERT INTO decisions_fts(decisions_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER decisions_fts_update AFTER UPDATE OF text ON decisions BEGIN
    INSERT INTO decisions_fts(decisions_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO decisions_fts(rowid, text) VALUES (new.id, new.text);
END;
