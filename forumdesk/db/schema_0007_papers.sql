-- Papers attached to an agenda item (issue 16). The files themselves are kept here, so the one database
-- file holds everything and its backups include the papers. Deleting the item deletes its papers.
--
-- A file's bytes are stored once, by their SHA-256, in ``paper_files``, which the row journal does not copy
-- (db/journal.py, NOT_JOURNALED): the journal would otherwise keep two hex copies of every paper attached
-- or removed (a 12 MB paper grew the file by 36 MB on attaching, 12 more on removing and 36 more on undo).
-- Undo and redo put back the ``papers`` row, whose file is still there; a file no row and no journal image
-- names any more is dropped (PaperRepository.prune).
CREATE TABLE paper_files (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size > 0),
    content BLOB NOT NULL
) STRICT;

CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'xlsx')),
    marking TEXT NOT NULL DEFAULT 'OFFICIAL' CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
    pages INTEGER NOT NULL DEFAULT 0 CHECK (pages >= 0),
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL REFERENCES paper_files(sha256),
    added_at TEXT NOT NULL
) STRICT;
CREATE INDEX papers_item ON papers(agenda_item_id, position);
CREATE INDEX papers_file ON papers(sha256);
