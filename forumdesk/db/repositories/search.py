"""The full-text search indexes: which table and columns each indexes, and rebuilding them from their tables.

Each is an FTS5 table with external content (``<table>_fts``, ``content='<table>'``), set up by migration 0001
(schema_0001.sql: released, so never edited) with three triggers per table that keep the index in step on
every insert, delete and change of an indexed column. Those hand-written triggers stay: sqlite-utils'
``enable_fts(create_triggers=True)`` would re-index a row on *any* change to it. A new index is set up in its
own migration with sqlite-utils ``enable_fts(columns, tokenize=TOKENIZE)`` and the same kind of triggers.

Rebuilding re-reads every row of the table into its index (sqlite-utils ``rebuild_fts``, FTS5's 'rebuild'):
it mends an index that ``forumdesk check`` reports damaged, and leaves a healthy one answering as before.
``rebuild_fts`` is called on the index itself (``db["actions_fts"]``): sqlite-utils finds an index from its
table only when ``content=`` is written in its own quoting, which 0001's is not.
"""

from __future__ import annotations

from forumdesk.db.connection import Store

SEARCH_INDEXES: dict[str, tuple[str, ...]] = {
    "actions": ("description",),
    "agenda_items": ("title", "notes"),
    "decisions": ("text",),
}
TOKENIZE = "unicode61 remove_diacritics 2"


class SearchIndexRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def rebuild(self) -> list[str]:
        """Rebuild every index from its table (inside the caller's transaction); returns the indexes' names."""
        names = [f"{table}_fts" for table in SEARCH_INDEXES]
        for name in names:
            self.store.db[name].rebuild_fts()
        return names
