"""Torture: the desktop app saves continuously while another process runs every command on the same file.

The app (offscreen, the real shell and write lane: ``tests/safety/torture_app.py``) saves minutes and actions
every ~25 ms. Meanwhile command after command runs on the same file in other processes: list, check, backup,
export in every format, import, history and person export. Afterwards every write the app acknowledged is in
the file, the app showed no error, ``check`` is ok, and the -wal and -shm files were there the whole time.

The normal suite runs one round of commands; ``make torture`` runs ``FORUMDESK_TORTURE_COMMANDS`` (default 300).
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forumdesk.cli import main
from tests.safety.helpers import ROOT, python_env

COMMANDS = int(os.environ.get("FORUMDESK_TORTURE_COMMANDS", "0"))


def forumdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumdesk", *args], capture_output=True, text=True, env=python_env(), timeout=120
    )


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "CSP #2 torture.sqlite"
    assert main(["demo", "--actions", "150", "--db", str(db)]) == 0
    capsys.readouterr()
    return db


def _commands(db: Path, out: Path) -> list[list[str]]:
    meetings = json.loads(forumdesk("list", "meetings", "--json", "--db", str(db)).stdout)
    held = [m["id"] for m in meetings if m.get("status") == "held"]
    meeting = next(
        m
        for m in held
        if forumdesk("export", "minutes", "--meeting", str(m), "-o", str(out / "probe.pdf"), "--db", str(db)).returncode
        == 0
    )
    people = json.loads(forumdesk("list", "people", "--json", "--db", str(db)).stdout)
    person = people[0]["name"]
    forum = json.loads(forumdesk("list", "forums", "--json", "--db", str(db)).stdout)[0]["name"]
    tracker = out / "tracker.csv"
    with tracker.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ref", "Action", "Owner", "Due date"])
        writer.writerow(["TT/26/001", "Check the street lighting audit", person, "31/12/2026"])
    d = ["--db", str(db)]
    return [
        ["list", "actions", "--json", *d],
        ["list", "forums", *d],
        ["check", *d],
        ["backup", "-o", str(out / "{n}.sqlite"), *d],
        ["export", "actions", "--format", "xlsx", "-o", str(out / "{n}.xlsx"), *d],
        ["export", "actions", "--format", "pdf", "-o", str(out / "{n}.pdf"), *d],
        ["export", "actions", "--format", "csv", "-o", str(out / "{n}.csv"), *d],
        ["export", "minutes", "--meeting", str(meeting), "-o", str(out / "{n}-minutes.pdf"), *d],
        ["export", "board-pack", "--meeting", str(meeting), "-o", str(out / "{n}-pack.pdf"), *d],
        ["export", "calendar", "-o", str(out / "{n}.ics"), *d],
        ["export", "owner", "--owner", person, "--format", "xlsx", "-o", str(out / "{n}-owner.xlsx"), *d],
        ["import", "actions", "--forum", forum, str(tracker), *d],
        ["history", "action", "1", *d],
        ["person", "export", person, "-o", str(out / "{n}-person.json"), *d],
    ]


def test_nothing_is_lost_while_commands_run_on_the_open_file(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    commands = _commands(demo, out)
    run = tmp_path / "run"
    run.mkdir()
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.torture_app", str(demo), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=python_env(),
        cwd=ROOT,
    )
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "ready", (
            app.stderr.read() if app.stderr else ""
        )
        total = COMMANDS or len(commands)
        failures = []
        for n, command in zip(range(total), itertools.cycle(commands), strict=False):
            args = [part.replace("{n}", str(n)) for part in command]
            done = forumdesk(*args)
            if done.returncode != 0:
                failures.append(f"{' '.join(args[:2])}: {done.stderr.strip()}")
            if n % 50 == 49:
                print(f"torture: {n + 1} commands run", flush=True)
        time.sleep(0.5)  # a few more saves after the last command
    finally:
        (run / "stop").touch()
        try:
            _, app_err = app.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            app.kill()
            _, app_err = app.communicate()
    assert app.returncode == 0, app_err
    assert failures == []
    assert (run / "errors").read_text(encoding="utf-8") == ""  # the app showed no error
    assert (run / "journal").read_text(encoding="utf-8") == ""  # -wal and -shm were never removed
    acked = (run / "acked").read_text(encoding="utf-8").splitlines()
    actions = [line.split("\t")[1] for line in acked if line.startswith("action\t")]
    notes = [line.split("\t") for line in acked if line.startswith("notes\t")]
    assert len(actions) >= 10 and notes
    conn = sqlite3.connect(demo)
    try:
        stored = {
            r[0] for r in conn.execute("SELECT description FROM actions WHERE description LIKE 'torture action %'")
        }
        last_notes = {int(item): int(length) for _, item, length in notes}  # the last save of each item wins
        saved = {
            item: len(conn.execute("SELECT notes FROM agenda_items WHERE id = ?", (item,)).fetchone()[0])
            for item in last_notes
        }
    finally:
        conn.close()
    lost = [a for a in actions if a not in stored]
    assert lost == []
    assert saved == last_notes
    assert forumdesk("check", "--db", str(demo)).returncode == 0
    print(f"torture: {len(actions) + len(notes)} writes acknowledged, {total} commands run, lost {len(lost)}")
