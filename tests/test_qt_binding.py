"""Guards against the PySide6 6.12.0 regression on Python 3.11 (SETUP.md): a reference taken from None on
every call of a C++ method that returns nothing, aborting the interpreter after ~5,000 calls."""

from __future__ import annotations

import subprocess
import sys


def test_many_void_calls_do_not_abort_the_interpreter() -> None:
    code = "from PySide6.QtCore import QObject\n[QObject().setObjectName('x') for _ in range(100000)]\nprint('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"


def test_pinned_binding_version() -> None:
    import PySide6

    assert PySide6.__version__ == "6.11.3"
