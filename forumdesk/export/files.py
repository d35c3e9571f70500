"""Writing export files safely: a temp file beside the target, then ``os.replace``; safe file names."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from forumdesk.domain.errors import DiskFullError, ExportError
from forumdesk.tempfiles import create_temp, not_regular, remove_stale

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@contextlib.contextmanager
def atomic_output(target: str | Path) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success move it over the target, else delete it.

    The temp name is short (``.fd-<pid>-<hex>.part``) so that any target name that fits the folder fits;
    a dead process's leftovers in the folder are removed first. A target that exists and is not a regular
    file (a device, a pipe, a folder) is refused: the rename would replace it.
    """
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    if not_regular(path):
        raise ExportError(f"{path} is not a regular file (a folder, device or pipe): choose a file name")
    remove_stale(folder)
    try:
        temp = create_temp(folder)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise DiskFullError(f"the disk is full: {path.name} was not written") from error
        raise ExportError(f"{path.name} could not be written: {error.strerror or error}") from error
    try:
        yield temp
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        if error.errno == errno.ENOSPC:
            raise DiskFullError(f"the disk is full: {path.name} was not written") from error
        raise ExportError(f"{path.name} could not be written: {error.strerror or error}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def safe_filename(title: str, suffix: str = "", max_length: int = 120) -> str:
    """A file name built from a title that is valid on Windows, macOS and Linux, e.g. ``"a/b: c?"`` -> ``"a-b- c"``."""
    text = unicodedata.normalize("NFC", title)
    text = _UNSAFE.sub("-", text).strip(" .-")
    text = re.sub(r"\s+", " ", text)[:max_length].rstrip(" .-")
    if not text or text.upper().split(".")[0] in _RESERVED:
        text = f"export-{text}" if text else "export"
    return text + suffix
