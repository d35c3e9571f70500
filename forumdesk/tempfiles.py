"""Our temporary files: short names that fit any folder, no-clobber publishing, and cleaning up after a crash.

Every half-built file (an export, a copy, a new database) is written under a name like
``.fd-<pid>-<4 hex of the host><8 random hex>.part`` in the target's own folder, then renamed. The name is
short so that a target name of up to 255 bytes (NAME_MAX) still has room for its temp file, and it carries
the writer's process id and machine so that the next start can tell a dead writer's leftovers from a live
writer's work in progress (a shared folder's files from other machines are never touched).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import sys
import time
from pathlib import Path

TEMP_SUFFIX = ".part"
_OURS = re.compile(r"^\.fd-(\d{1,10})-([0-9a-f]{4})([0-9a-f]{8})\.part(?:-journal|-wal|-shm)?$")
HOST_TAG = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]
STARTED = time.time()  # this process's start, near enough: the module is imported while starting up
WINDOWS_AGE = 12 * 3600  # where a process id cannot be checked safely, only files this old are stale


def temp_path(folder: Path) -> Path:
    """A fresh temp name in ``folder`` (not created)."""
    return folder / f".fd-{os.getpid()}-{HOST_TAG}{secrets.token_hex(4)}{TEMP_SUFFIX}"


def create_temp(folder: Path) -> Path:
    """Create an empty temp file in ``folder``, readable by its owner only, and return its path."""
    while True:
        path = temp_path(folder)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return path


def remove_temp(path: Path) -> None:
    """Remove a temp file and any journal SQLite left beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def not_regular(path: Path) -> bool:
    """True when ``path`` exists and is not a regular file (a device, pipe, socket or folder)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    return not stat.S_ISREG(mode)


def publish_new(temp: Path, target: Path) -> None:
    """Give ``temp`` the name ``target``, refusing (FileExistsError) when ``target`` appeared meanwhile."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        # A file system without hard links (FAT, some shares): Windows' rename refuses to clobber anyway.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from error
        os.rename(temp, target)
        return
    os.unlink(temp)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, say: not ours to judge
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Delete our temp files in ``folder`` whose writer is gone; returns what was removed.

    Stale means: our naming pattern with this machine's tag, a process id that is not running here, and
    nothing in its group (the file and its -wal/-shm/-journal) changed since this process started.
    Anything else is left alone.
    """
    groups: dict[str, list[tuple[Path, float]]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        found = _OURS.match(entry.name)
        if not found or found.group(2) != HOST_TAG:
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                key = f"{found.group(1)}-{found.group(3)}"
                groups.setdefault(key, []).append((Path(entry.path), entry.stat(follow_symlinks=False).st_mtime))
    removed: list[Path] = []
    for key, files in groups.items():
        pid = int(key.split("-")[0])
        newest = max(mtime for _, mtime in files)
        if newest >= STARTED:
            continue
        if sys.platform == "win32":
            # WORKAROUND: os.kill(pid, 0) sends CTRL_C_EVENT on Windows
            # (https://docs.python.org/3/library/os.html#os.kill), so age stands in for liveness there.
            if time.time() - newest < WINDOWS_AGE:
                continue
        elif _alive(pid):
            continue
        for path, _ in files:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def clean_folders(*folders: Path) -> None:
    """``remove_stale`` over several folders, never failing (a start-up chore, not a task)."""
    for folder in folders:
        with contextlib.suppress(OSError):
            remove_stale(folder)
