"""Writing an action import's resolved rows: new actions in batches, changes to existing actions one by one.

New actions wait here and go in together (``ImportRepository.add_actions``: a few multi-row statements
instead of eight statements a row). Waiting rows are written first whenever the next step could read them:
before a change to an existing action, before a row is looked up by its text while a waiting row has a ref
(``ActionResolver.before_text_lookup``), every ``FLUSH_ROWS`` rows, and at the end. A new ref is numbered
after both the forum's refs and the waiting rows'. All of it inside the import's one transaction.
"""

from __future__ import annotations

from datetime import date

from forumdesk.db.repositories.actions import ActionRepository
from forumdesk.db.repositories.imports import ImportRepository, NewImportedAction
from forumdesk.domain.dates import two_digit_year
from forumdesk.domain.model import Forum
from forumdesk.domain.refs import REF_PATTERN, format_ref
from forumdesk.imports.outcome import Outcome
from forumdesk.services.import_rows import ActionResolver, ResolvedRow

# New actions held before writing. Measured on the 20,000-row import (docs/STYLE-sql.md): 500, 2,000 and all
# rows at once write alike (100 is slower); the number only bounds the memory a very large file holds.
FLUSH_ROWS = 2000


class ActionWriter:
    def __init__(
        self, actions: ActionRepository, repo: ImportRepository, resolver: ActionResolver, forum: Forum, batch: str
    ) -> None:
        self.actions, self.repo, self.resolver = actions, repo, resolver
        self.forum, self.batch = forum, batch
        self._waiting: list[NewImportedAction] = []
        self._by_text: list[bool] = []  # per waiting row: it has no ref (found again by its text)
        self._waiting_seq: dict[int, int] = {}  # year -> highest ref number among the waiting rows
        resolver.before_text_lookup = self._before_text_lookup

    def write(self, row: ResolvedRow) -> None:
        planned = row.planned
        if planned.outcome is Outcome.ADD:
            raised = row.fields["raised_on"]
            assert isinstance(raised, date)
            ref, year, seq = self._ref(planned.row.ref, raised)
            self._waiting.append(NewImportedAction(ref, year, seq, row.fields, row.updates))
            self._by_text.append(not planned.row.ref)
            self._waiting_seq[year] = max(self._waiting_seq.get(year, 0), seq)
            if len(self._waiting) >= FLUSH_ROWS:
                self.flush()
        elif planned.outcome is Outcome.UPDATE:
            assert planned.action_id is not None
            self.flush()
            self._update(planned.action_id, row)

    def flush(self) -> None:
        """Write the waiting rows."""
        if not self._waiting:
            return
        ids = self.repo.add_actions(self.batch, self.forum.id, self._waiting)
        self.resolver.written.update(i for i, by_text in zip(ids, self._by_text, strict=True) if by_text)
        self._waiting, self._by_text, self._waiting_seq = [], [], {}

    def _before_text_lookup(self) -> None:
        if not all(self._by_text):  # a waiting row with a ref could be the action the text finds
            self.flush()

    def _update(self, action_id: int, row: ResolvedRow) -> None:
        """Change an existing action field by field (each audited with its old value) and add its updates;
        the row journal keeps what undo needs."""
        self.actions.update(action_id, **row.fields)
        for on, text in row.updates:
            self.actions.add_update(action_id, on, text, "import")

    def _ref(self, ref: str, raised: date) -> tuple[str, int, int]:
        if ref:
            m = REF_PATTERN.match(ref)
            if m:
                return ref, two_digit_year(int(m["yy"])), int(m["seq"])
            digits = "".join(ch for ch in ref if ch.isdigit())
            return ref, raised.year, int(digits[-6:]) if digits else 0
        seq = max(self.actions.next_sequence(self.forum.id, raised.year), self._waiting_seq.get(raised.year, 0) + 1)
        return format_ref(self.forum.short_code, raised.year, seq), raised.year, seq
