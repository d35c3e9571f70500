"""The item-data roles of every ForumDesk model and view, named once so that no two meanings share a number.

A view or proxy asks a model for ``SORT_ROLE`` (a native value to sort by) or ``OBJECT_ROLE`` (the domain
object the row shows) whichever model it sits on; the rest belong to one kind of item. Before this module
ten modules numbered their own roles and they clashed (the object role was ``UserRole + 1`` in three and
``UserRole + 2`` in two).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

_USER = int(Qt.ItemDataRole.UserRole)

SORT_ROLE = _USER + 1  # a native value to sort by (a date, a number), not the display text
OBJECT_ROLE = _USER + 2  # the domain object the row shows (an Action, an AuditEntry, ...)
ID_ROLE = _USER + 3  # the id of the record the row shows
SEARCH_ROLE = _USER + 4  # the text a filter matches (names with their accents folded, codes, ...)
KEY_ROLE = _USER + 5  # a plain key: the page a sidebar row opens, the aim code of a tick box
TARGET_ROLE = _USER + 6  # where a dashboard row leads: (page key, filters)
AIM_ROLE = _USER + 10  # the aim code of a coverage-grid cell
FORUM_ROLE = _USER + 11  # the forum id of a coverage-grid cell
COUNT_ROLE = _USER + 12  # the number of actions behind a coverage-grid cell
CODE_ROLE = _USER + 20  # "aim:DA-1" or "area:DA" on every cell of a strategy row (text, so it can be matched)
MEETING_ROLE = _USER + 30  # the meeting id of a row in the Meetings list
MONTH_ROLE = _USER + 31  # the month a Meetings list heading stands for
FOLD_ROLE = _USER + 40  # the display text with accents folded ("Chloé" -> "chloe"), for completers
