-- 0003_imports: import batches, so that "undo this import" can remove what an import added and restore
-- what it updated. Released schemas are never edited: add a migration.
CREATE TABLE import_batches (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('actions', 'people')),
    forum_id INTEGER REFERENCES forums(id) ON DELETE SET NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    undone_at TEXT
) STRICT;

-- One row per record an import created or changed. For an update, old_values holds the columns it changed,
-- as JSON, with the values they had before.
CREATE TABLE import_records (
    id INTEGER PRIMARY KEY,
    batch_id TEXT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN ('action', 'action_update', 'person', 'organisation', 'membership')),
    entity_id INTEGER NOT NULL,
    operation TEXT NOT NULL CHECK (operation IN ('create', 'update')),
    old_values TEXT
) STRICT;
CREATE INDEX import_records_batch ON import_records(batch_id, entity);
