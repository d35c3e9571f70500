"""A file that leaves a record (an export, a copy of the database) and its audit row: both or neither.

The file is first written under a short temp name in the target's folder (``staged``). Then, in one
transaction, the audit row is written and the file renamed to its name (``publish``): a busy or failing
database means no file (the temp file is removed), a failing rename means no audit row (the transaction
rolls back), and when the commit itself fails after the rename the file is removed again.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from forumdesk.db import Store
from forumdesk.db.connection import OPEN_FILES
from forumdesk.domain.errors import DiskFullError, ExportError, ForumDeskError, StoreError
from forumdesk.tempfiles import create_temp, not_regular, remove_stale


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A temp path beside ``target`` to write the file to; removed unless ``publish`` moved it.

    The temp name is short whatever the target's length, and messages about it name the target instead.
    """
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist")
    if part_of_open_database(target):
        raise ExportError(f"{target.name} is part of the ForumDesk database that is open: choose another name")
    if not_regular(target):
        raise ExportError(f"{target} is not a regular file (a folder, device or pipe): give a file name")
    remove_stale(folder)
    try:
        temp = create_temp(folder)
    except OSError as error:
        raise _os_error(error, target) from error
    try:
        yield temp
    except (StoreError, ExportError) as error:
        if temp.name in str(error):  # these errors take just their message
            raise type(error)(str(error).replace(temp.name, target.name)) from error
        raise
    finally:
        temp.unlink(missing_ok=True)


def part_of_open_database(target: Path) -> bool:
    """True when ``target`` is a database this process has open, or its -wal, -shm or -journal file."""
    if OPEN_FILES.holds(target):
        return True
    for suffix in ("-wal", "-shm", "-journal"):
        if target.name.endswith(suffix) and OPEN_FILES.holds(target.with_name(target.name[: -len(suffix)])):
            return True
    return False


def publish(store: Store, temp: Path, target: Path, record: Callable[[], None] | None) -> None:
    """Write the audit row (``record``) and rename ``temp`` to ``target`` in one transaction.

    ``record`` None (a read-only database, or one moved away while open) renames without a record.
    """
    if record is None:
        _replace(temp, target)
        return
    placed = False
    try:
        with store.transaction():
            record()
            _replace(temp, target)
            placed = True
    except BaseException:
        if placed:  # the commit failed after the rename: the file must not outlive its missing record
            target.unlink(missing_ok=True)
        raise


def _replace(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except OSError as error:
        raise _os_error(error, target) from error


def _os_error(error: OSError, target: Path) -> ForumDeskError:
    if error.errno == errno.ENOSPC:
        return DiskFullError(f"The disk is full: {target.name} was not written")
    return ExportError(f"{target.name} could not be written: {error.strerror or error}")


def publish_many(
    store: Store, files: Sequence[tuple[Path, Path]], record: Callable[[], None] | None, label: str = ""
) -> None:
    """``publish`` for several files (temp, target) at once: the records and every rename in one transaction
    (one operation, named ``label`` for Edit > Undo); when it fails, the files already renamed are removed."""
    placed: list[Path] = []
    try:
        if record is None:
            for temp, target in files:
                _replace(temp, target)
                placed.append(target)
            return
        with store.transaction(label):
            record()
            for temp, target in files:
                _replace(temp, target)
                placed.append(target)
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        raise
