-- Papers attached to an agenda item (issue 16): the file itself is kept here, so the one database file
-- holds everything and its backups include the papers. Deleting the item deletes its papers.
CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'xlsx')),
    marking TEXT NOT NULL DEFAULT 'OFFICIAL' CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
    pages INTEGER NOT NULL DEFAULT 0 CHECK (pages >= 0),
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at TEXT NOT NULL,
    content BLOB NOT NULL
) STRICT;
CREATE INDEX papers_item ON papers(agenda_item_id, position);
