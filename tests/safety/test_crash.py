"""Crash safety: a writing process is SIGKILLed at random points, 50 times over, on the same file.

After each kill: SQLite's integrity, foreign-key and search-index checks pass, every change the writer
acknowledged (it says ``ack`` after each commit) is present, and no operation is half-applied: a note is
one complete text, a bulk status change covers all 20 actions or none, a batch of 25 records has all its
rows and audit rows or none, and an import of a 25-row CSV has all its rows or none.
The writer is tests/safety/crash_writer.py.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import random
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from forumdesk.services import open_services
from forumdesk.services.actions import NewAction
from forumdesk.services.setup import create_database
from tests.conftest import TODAY
from tests.safety import crash_writer
from tests.safety.crash_writer import BATCH, notes_text

KILLS = 50
GROUP = 20


@dataclass
class Known:
    """What the file must hold, as verified after the previous kill."""

    notes: dict[int, str] = field(default_factory=dict)  # item id -> tag ("" = never typed)
    status: str = "open"
    batches: set[str] = field(default_factory=set)
    acked_batches: set[str] = field(default_factory=set)
    imports: set[str] = field(default_factory=set)
    acked_imports: set[str] = field(default_factory=set)
    acks: int = 0
    mid_write: int = 0  # kills that landed between a "try" and its "ack"


def make_database(path: Path) -> list[int]:
    create_database(path)
    services = open_services(path, today=lambda: TODAY)
    try:
        forum = services.forums.forums()[0]
        meeting_id = services.meetings.schedule(forum.id, datetime(2026, 11, 20, 10, 0)).value
        for n in range(4):
            services.cycle.add_item(meeting_id, f"Item {n}")
        for n in range(GROUP):
            services.actions.record(NewAction(forum.id, f"bulkgroup action {n}"))
        return [item.id for item in services.cycle.items(meeting_id)]
    finally:
        services.close()


def writer_context() -> multiprocessing.context.ForkServerContext:
    """A forkserver with the services imported once: each writer starts in milliseconds, from a clean
    single-threaded process (never a fork of the test process and its threads)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["forumdesk.services", "tests.safety.crash_writer"])
    return context


def run_and_kill(
    context: multiprocessing.context.ForkServerContext, db: Path, run: int, rng: random.Random
) -> list[str]:
    """Start the writer, let it write for a random moment, SIGKILL it; returns every line it sent."""
    receiver, sender = context.Pipe(duplex=False)
    proc = context.Process(target=crash_writer.run_with_pipe, args=(str(db), run, rng.randrange(1 << 30), sender))
    proc.start()
    sender.close()
    lines: list[str] = []
    ready = threading.Event()

    def drain() -> None:  # keep the pipe empty so the writer never waits on it
        while True:
            try:
                lines.append(receiver.recv_bytes().decode("utf-8"))
            except (EOFError, OSError):
                break
            ready.set()
        ready.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    assert ready.wait(30) and lines and lines[0] == "ready", "the writer did not start"
    time.sleep(rng.uniform(0.0, 0.15))
    os.kill(proc.pid or 0, signal.SIGKILL)
    proc.join(timeout=30)
    reader.join(timeout=30)
    receiver.close()
    assert proc.exitcode == -signal.SIGKILL  # it was killed, not failed on its own
    proc.close()
    return lines


def verify(db: Path, lines: list[str], items: list[int], known: Known) -> None:
    events = [line.split() for line in lines if line.startswith(("try", "ack"))]
    inflight = events[-1] if events and events[-1][0] == "try" else None
    acked = [e for e in events if e[0] == "ack"]
    known.acks += len(acked)
    known.mid_write += inflight is not None

    services = open_services(db, create=False, today=lambda: TODAY)
    try:
        report = services.admin.check()
        assert report.ok, report.problems
    finally:
        services.close()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        _verify_notes(conn, acked, inflight, items, known)
        _verify_bulk(conn, acked, inflight, known)
        _verify_batches(conn, acked, inflight, known)
        _verify_imports(conn, acked, inflight, known)
    finally:
        conn.close()


def _verify_notes(
    conn: sqlite3.Connection, acked: list[list[str]], inflight: list[str] | None, items: list[int], known: Known
) -> None:
    for item in items:
        expected = known.notes.get(item, "")
        for event in acked:
            if event[1] == "notes" and int(event[2]) == item:
                expected = event[3]
        allowed = {expected}
        if inflight and inflight[1] == "notes" and int(inflight[2]) == item:
            allowed.add(inflight[3])
        notes = conn.execute("SELECT notes FROM agenda_items WHERE id = ?", (item,)).fetchone()[0]
        tag = notes.split(":", 1)[0] if notes else ""
        assert tag in allowed, f"item {item}: notes of {tag!r}, expected one of {allowed}"
        assert notes == (notes_text(tag) if tag else ""), "notes half-written"
        known.notes[item] = tag


def _verify_bulk(conn: sqlite3.Connection, acked: list[list[str]], inflight: list[str] | None, known: Known) -> None:
    expected = known.status
    for event in acked:
        if event[1] == "bulk":
            expected = event[2]
    allowed = {expected} | ({inflight[2]} if inflight and inflight[1] == "bulk" else set())
    statuses = {r[0] for r in conn.execute("SELECT status FROM actions WHERE description LIKE 'bulkgroup %'")}
    assert len(statuses) == 1, f"a bulk change was half-applied: {statuses}"
    assert statuses <= allowed, f"bulk status {statuses}, expected one of {allowed}"
    known.status = statuses.pop()


def _verify_batches(conn: sqlite3.Connection, acked: list[list[str]], inflight: list[str] | None, known: Known) -> None:
    known.acked_batches |= {e[2] for e in acked if e[1] == "batch"}
    counts = dict(
        conn.execute(
            "SELECT substr(description, 7, instr(substr(description, 7), ' ') - 1) AS tag, count(*)"
            " FROM actions WHERE description LIKE 'batch %' GROUP BY tag"
        ).fetchall()
    )
    audited = dict(
        conn.execute(
            "SELECT substr(new_value, 7, instr(substr(new_value, 7), ' ') - 1) AS tag, count(*) FROM audit_log"
            " WHERE entity = 'action' AND operation = 'create' AND new_value LIKE 'batch %' GROUP BY tag"
        ).fetchall()
    )
    assert all(n == BATCH for n in counts.values()), f"a batch was half-applied: {counts}"
    assert audited == counts, "the audit trail and the records disagree"
    assert known.acked_batches <= set(counts), f"acknowledged batches lost: {known.acked_batches - set(counts)}"
    assert known.batches <= set(counts), "batches found after an earlier kill were lost"
    allowed = known.batches | known.acked_batches | ({inflight[2]} if inflight and inflight[1] == "batch" else set())
    assert set(counts) <= allowed, f"batches nobody wrote: {set(counts) - allowed}"
    known.batches = set(counts)


def _verify_imports(conn: sqlite3.Connection, acked: list[list[str]], inflight: list[str] | None, known: Known) -> None:
    known.acked_imports |= {e[2] for e in acked if e[1] == "import"}
    counts = dict(
        conn.execute(
            "SELECT substr(description, 10, instr(substr(description, 10), ' ') - 1) AS tag, count(*)"
            " FROM actions WHERE description LIKE 'imported %' GROUP BY tag"
        ).fetchall()
    )
    assert all(n == BATCH for n in counts.values()), f"an import was half-applied: {counts}"
    assert known.acked_imports <= set(counts), f"acknowledged imports lost: {known.acked_imports - set(counts)}"
    allowed = known.imports | known.acked_imports | ({inflight[2]} if inflight and inflight[1] == "import" else set())
    assert set(counts) <= allowed, f"imports nobody made: {set(counts) - allowed}"
    assert known.imports <= set(counts), "imports found after an earlier kill were lost"
    known.imports = set(counts)


def test_fifty_kills_lose_nothing_acknowledged_and_half_apply_nothing(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite"
    items = make_database(db)
    rng = random.Random(2026)
    known = Known()
    context = writer_context()
    started = time.monotonic()
    for run in range(KILLS):
        lines = run_and_kill(context, db, run, rng)
        verify(db, lines, items, known)
    elapsed = time.monotonic() - started
    print(
        f"{KILLS} kills survived ({known.mid_write} in the middle of a write),"
        f" {known.acks} acknowledged commits checked ({len(known.imports)} imports), in {elapsed:.1f} s"
    )
    assert known.acks > KILLS and known.mid_write > KILLS // 2  # the kills did land among real work
