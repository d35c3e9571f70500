"""Issue 15 item 4: every window usable on small and scaled laptop screens.

For each screen of ``tools.screenshots.SMALL_SCREENS`` (1024x600; 1366x768 at QT_SCALE_FACTOR 1.25 and 1.5) a
child process (the scale factor must be set before the QApplication exists) opens every page, every dialog and
the live minutes window on the demo data, as a user opens them, and reports any button or field that is off the
screen, cut off by its window, or squeezed below the width its text needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools.screenshots import ROOT, SMALL_SCREENS, small_screen_env

EXPECTED_WINDOWS = 38  # 6 pages, the meeting page's 3 tabs, 24 dialogs, the live window and its 4 dialogs


@pytest.mark.parametrize("screen", sorted(SMALL_SCREENS))
def test_every_window_fits_a_small_screen(screen: str, demo_copy: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.small_screen_probe", screen, str(demo_copy)],
        cwd=ROOT, env=small_screen_env(screen, tmp_path), capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    report = json.loads(line.removeprefix("RESULT "))
    assert len(report["windows"]) == EXPECTED_WINDOWS, report["windows"]
    assert report["problems"] == {}, json.dumps(report["problems"], indent=1)
