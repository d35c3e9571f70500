"""One app instance per database file.

A ``QLockFile`` in the user data folder, named by a hash of the database's resolved path, says which
process has the file open. A lock left by a killed app is reclaimed without asking: ``tryLock`` removes a
lock whose process is gone (stale time 0 turns off the age rule, so a long-running app keeps its lock).
A ``QLocalServer`` of the same name lets a second launch ask the first to raise its window; the second
launch then exits 0. QSharedMemory is not used: it does not survive a crash on Unix.

The shell wires it in ``forumdesk/app.py``::

    instance = acquire_or_signal(path)
    if instance is None:
        return 0  # the running app was asked to come forward
    instance.activation_requested.connect(window.bring_to_front)
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from forumdesk.paths import user_data_dir

RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 1000


def instance_key(db_path: str | Path) -> str:
    """A short name that is the same for every spelling of the same file."""
    resolved = Path(db_path).expanduser().resolve()
    return "forumdesk-" + hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:16]


def lock_folder() -> Path:
    folder = user_data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class SingleInstance(QObject):
    """Holds the lock and the server while the app runs; ``release`` on quit (the OS frees both on a crash)."""

    activation_requested = Signal()

    def __init__(self, key: str, lock: QLockFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._lock = lock
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(key)  # a socket file left by a killed app
        self._server.listen(key)
        self._server.newConnection.connect(self._on_server_new_connection)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _on_server_new_connection(self) -> None:
        # The message is sent right after connecting, so a short blocking read is simpler and safer here
        # than keeping sockets and lambdas alive until their readyRead arrives.
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
            if arrived and bytes(socket.readAll().data()).startswith(RAISE_MESSAGE.strip()):
                self.activation_requested.emit()
            socket.disconnectFromServer()
            socket.deleteLater()

    def release(self) -> None:
        self._server.close()
        self._lock.unlock()


def signal_running(key: str) -> bool:
    """Ask the running instance to come forward; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(RAISE_MESSAGE)
    socket.flush()
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    with contextlib.suppress(RuntimeError):
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return True


def acquire_or_signal(db_path: str | Path, folder: Path | None = None) -> SingleInstance | None:
    """Take the lock for this database, or tell the instance that holds it to raise its window.

    Returns the ``SingleInstance`` to keep while the app runs, or None when another instance has the
    file (the caller then exits 0).
    """
    key = instance_key(db_path)
    lock = QLockFile(str((folder or lock_folder()) / f"{key}.lock"))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return SingleInstance(key, lock)
    signal_running(key)
    return None
