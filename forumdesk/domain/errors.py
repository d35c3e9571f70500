"""Errors a user can cause or meet. Each carries a message fit to show as one line.

The command line prints ``str(error)`` on stderr and exits 1; the GUI shows it in a message box.
Anything that is *not* a ``ForumDeskError`` is a bug and is allowed to produce a traceback in the log.
"""

from __future__ import annotations


class ForumDeskError(Exception):
    """Base of every error that is the user's or the environment's, not the program's."""


class ValidationError(ForumDeskError):
    """Input that breaks a rule: an empty title, a due date before the date raised, ..."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(ForumDeskError):
    """A record named by the user does not exist."""


class StrategyFileError(ForumDeskError):
    """A strategy file that cannot be loaded; names the field and the line of the mistake."""

    def __init__(self, message: str, *, source: str, field: str | None = None, line: int | None = None) -> None:
        where = source if line is None else f"{source}, line {line}"
        text = f"{where}: {message}" if field is None else f"{where}: {field}: {message}"
        super().__init__(text)
        self.source = source
        self.field = field
        self.line = line


class StoreError(ForumDeskError):
    """The database file cannot be used as asked (see the subclasses)."""


class NotADatabaseError(StoreError):
    """The file is not SQLite at all, or is a folder."""


class ForeignDatabaseError(StoreError):
    """The file is SQLite but was not written by ForumDesk."""


class NewerDatabaseError(StoreError):
    """The file was written by a newer ForumDesk than this one."""


class DatabaseDamagedError(StoreError):
    """SQLite reports corruption."""


class DiskFullError(StoreError):
    """The disk holding the database (or an export) is full."""


class ReadOnlyError(StoreError):
    """The database cannot be written (read-only file, folder or medium)."""


class DatabaseBusyError(StoreError):
    """Another program holds a lock on the database for longer than the busy timeout."""


class LockedMinutesError(ForumDeskError):
    """Minutes agreed as a correct record cannot be changed except as a recorded amendment."""


class ExportError(ForumDeskError):
    """An export could not be written."""


class ImportFileError(ForumDeskError):
    """A file offered for import cannot be read as a tracker."""


class UndoConflictError(ForumDeskError):
    """An undo or redo that would overwrite a change made since (by a later edit or another program)."""
