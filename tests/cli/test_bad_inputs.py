"""Bad input and hostile surroundings on the command line (issue 12, "Smaller"): one line, exit 1, nothing changed.

Each case runs the real ``forumdesk`` process (so arguments arrive as the operating system passes them, bytes
included) and checks the one-line message, the exit code and the database's bytes (sha256) before and after.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forumdesk.tempfiles import HOST_TAG
from tests.safety.conftest import tmpfs

MAX_ID = 2**63 - 1


def run(*args: str | bytes, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumdesk", *args], capture_output=True, text=True, timeout=timeout,
        errors="replace",
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> str:
    """Exit 1, exactly one line on stderr holding ``fragment``, no traceback; returns the line."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in lines[0], lines[0]
    return lines[0]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def dead_pid() -> int:
    """The id of a process that has ended (as a killed export's would be)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def damage_page(path: Path, table: str, index: int = 3) -> int:
    """Overwrite one leaf page of ``table`` with garbage; returns the page's number."""
    conn = sqlite3.connect(path)
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    page = pages[min(index, len(pages) - 1)]
    fd = os.open(path, os.O_RDWR)
    try:
        os.pwrite(fd, b"\xa5" * size, (page - 1) * size)
    finally:
        os.close(fd)
    return int(page)


# -- a killed demo, killed exports and backups ---------------------------------------------------------------


def test_a_killed_demo_leaves_nothing_under_the_target_name_and_is_cleaned_next_time(tmp_path: Path) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    target = folder / "demo.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-m", "forumdesk", "demo", "--actions", "1000000", "--db", str(target)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    def well_into_the_build() -> bool:  # the file has its schema (and the marker), and a megabyte of actions
        try:
            sizes = {p.name: p.stat().st_size for p in folder.iterdir()}
        except FileNotFoundError:  # renamed while listed
            return False
        schema = any(size > 0 for name, size in sizes.items() if not name.endswith(("-wal", "-shm")))
        return schema and sum(sizes.values()) > 1_000_000

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not well_into_the_build():
        time.sleep(0.05)  # polling a child process: no event loop to wait on
    assert child.poll() is None, "the demo ended before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    left = listing(folder)
    assert "demo.sqlite" not in left and left, left
    assert all(name.startswith(".fd-") for name in left), left
    # The half-built file, under any name, fails the check.
    half = tmp_path / "half.sqlite"
    main_temp = next(n for n in left if n.endswith(".part"))
    half.write_bytes((folder / main_temp).read_bytes())
    if (folder / f"{main_temp}-wal").exists():
        Path(f"{half}-wal").write_bytes((folder / f"{main_temp}-wal").read_bytes())
    result = run("check", "--db", str(half))
    assert result.returncode == 1, result.stdout
    assert "never finished" in result.stdout and "Traceback" not in result.stderr
    # The next start in that folder removes the dead process's temp files, and the demo then builds.
    result = run("demo", "--actions", "50", "--db", str(target))
    assert result.returncode == 0, result.stderr
    assert listing(folder) == ["demo.sqlite"]
    assert run("check", "--db", str(target)).returncode == 0


def test_stale_temp_files_of_dead_processes_are_cleaned_on_the_next_start(demo_copy: Path, tmp_path: Path) -> None:
    from forumdesk.db.snapshots import backup_folder

    out = tmp_path / "out"
    out.mkdir()
    backups = backup_folder(demo_copy)  # the child process sees the same (test) data folder
    backups.mkdir(parents=True)
    gone = dead_pid()
    stale = [f".fd-{gone}-{HOST_TAG}0a1b2c3{end}" for end in ("d.part", "e.part", "e.part-wal")]
    alive = f".fd-{os.getpid()}-{HOST_TAG}0a1b2c3f.part"  # this test's own process is running: not stale
    foreign = ".report.xlsx.part"  # not our naming: never touched
    old = time.time() - 3600
    for folder in (out, demo_copy.parent, backups):
        for name in [*stale, alive, foreign]:
            (folder / name).write_bytes(b"half")
            os.utime(folder / name, (old, old))
    result = run("export", "actions", "--format", "csv", "-o", str(out / "a.csv"), "--db", str(demo_copy))
    assert result.returncode == 0, result.stderr
    assert listing(out) == sorted([alive, foreign, "a.csv"])
    assert listing(backups) == sorted([alive, foreign])
    assert sorted(set(listing(demo_copy.parent)) & {*stale, alive, foreign}) == sorted([alive, foreign])


def test_stale_backup_temps_are_cleaned_when_the_app_starts(demo_copy: Path, tmp_path: Path) -> None:
    from forumdesk.app import open_or_create
    from forumdesk.db.snapshots import backup_folder

    folder = backup_folder(demo_copy)
    folder.mkdir(parents=True)
    gone = dead_pid()
    name = f".fd-{gone}-{HOST_TAG}0a1b2c3d.part"
    (folder / name).write_bytes(b"half a backup")
    old = time.time() - 3600
    os.utime(folder / name, (old, old))
    open_or_create(demo_copy)
    assert listing(folder) == []


# -- names and ids ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("export", "actions", "--format", "csv", "-o", "OUT/a.csv", "--forum", ""), "--forum"),
        (("export", "actions", "--format", "csv", "-o", "OUT/a.csv", "--forum", "   "), "--forum"),
        (("export", "actions", "--format", "csv", "-o", "OUT/a.csv", "--owner", ""), "--owner"),
        (("export", "actions", "--format", "csv", "-o", "OUT/a.csv", "--status", ""), "--status"),
        (("export", "calendar", "-o", "OUT/a.ics", "--forum", ""), "--forum"),
        (("list", "actions", "--aim", " "), "--aim"),
        (("list", "people", "--forum", ""), "--forum"),
        (("import", "people", "OUT/none.csv", "--forum", ""), "--forum"),
        (("person", "export", "", "-o", "OUT/p.json"), "name"),
        (("list", "forums", "--db", ""), "--db"),
    ],
)
def test_an_empty_name_is_refused_not_taken_as_everything(
    demo_copy: Path, tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = digest(demo_copy)
    argv = [a.replace("OUT", str(out)) for a in args]
    if "--db" not in argv:
        argv += ["--db", str(demo_copy)]
    line = one_line_error(run(*argv), "cannot be empty")
    assert option in line
    assert listing(out) == []
    assert digest(demo_copy) == before


@pytest.mark.parametrize("text", ["١٢", "۱۲", "１２", "²", "12\u0663"])
def test_a_person_id_is_ascii_digits_only(demo_copy: Path, text: str) -> None:
    before = digest(demo_copy)
    one_line_error(run("person", "erase", text, "--yes", "--db", str(demo_copy)), "no person")
    assert digest(demo_copy) == before
    conn = sqlite3.connect(demo_copy)
    assert not conn.execute("SELECT name FROM people WHERE id = 12").fetchone()[0].startswith("Former member")
    conn.close()


def test_history_of_an_unknown_record_exits_1(demo_copy: Path) -> None:
    before = digest(demo_copy)
    one_line_error(run("history", "action", "999999", "--db", str(demo_copy)), "there is no action 999999")
    one_line_error(run("history", "gadget", "1", "--db", str(demo_copy)), "unknown kind of record 'gadget'")
    assert digest(demo_copy) == before
    known = run("history", "action", "1", "--db", str(demo_copy))  # exists; the demo wrote no audit rows
    assert known.returncode == 0 and known.stdout.startswith("No changes recorded for action 1"), known


@pytest.mark.parametrize(
    "args",
    [
        ("history", "action", "99999999999999999999999"),
        ("history", "action", str(MAX_ID + 1)),
        ("export", "minutes", "--meeting", "99999999999999999999999", "-o", "OUT/m.pdf"),
        ("export", "board-pack", "--meeting", "-99999999999999999999999", "-o", "OUT/m.pdf"),
        ("person", "export", "99999999999999999999999", "-o", "OUT/p.json"),
        ("person", "erase", "99999999999999999999999", "--yes"),
    ],
)
def test_a_huge_id_is_refused_in_one_line(demo_copy: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = digest(demo_copy)
    argv = [a.replace("OUT", str(out)) for a in args]
    one_line_error(run(*argv, "--db", str(demo_copy)), "is not an id")
    assert listing(out) == []
    assert digest(demo_copy) == before


@pytest.mark.parametrize(
    "args",
    [
        (b"list", b"forums", b"--forum", b"\xff\xfe"),
        (b"export", b"actions", b"--format", b"csv", b"-o", b"OUT/\xffx.csv"),
        (b"person", b"export", b"Zo\xeb Wright", b"-o", b"OUT/p.json"),
        (b"list", b"forums", b"--db", b"OUT/\xff.sqlite"),
    ],
)
def test_undecodable_bytes_in_arguments_are_refused(demo_copy: Path, tmp_path: Path, args: tuple[bytes, ...]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = digest(demo_copy)
    argv = [a.replace(b"OUT", os.fsencode(out)) for a in args]
    if b"--db" not in argv:
        argv += [b"--db", os.fsencode(demo_copy)]
    one_line_error(run(*argv), "not valid UTF-8")
    assert listing(out) == []
    assert digest(demo_copy) == before


def test_undecodable_bytes_in_the_database_variable_are_refused(demo_copy: Path, tmp_path: Path) -> None:
    env = {**os.environ, "FORUMDESK_DB": os.fsdecode(os.fsencode(tmp_path) + b"/\xff.sqlite")}
    result = subprocess.run(
        [sys.executable, "-m", "forumdesk", "list", "forums"], capture_output=True, text=True, timeout=120, env=env
    )
    one_line_error(result, "not valid UTF-8")
    assert listing(tmp_path) == ["demo.sqlite"]


# -- damage and full disks ---------------------------------------------------------------------------------------


def test_a_damaged_page_under_list_is_named(demo_copy: Path) -> None:
    page = damage_page(demo_copy, "actions")
    before = digest(demo_copy)
    line = one_line_error(run("list", "actions", "--db", str(demo_copy)), f"damaged page {page}")
    assert "demo.sqlite is damaged" in line and "forumdesk recover" in line
    assert digest(demo_copy) == before


def test_undecodable_text_in_the_file_is_damage_not_a_traceback(demo_copy: Path) -> None:
    conn = sqlite3.connect(demo_copy)
    conn.execute("UPDATE actions SET description = CAST(X'4F6BFF21' AS TEXT) WHERE id = 1")
    conn.commit()
    conn.close()
    before = digest(demo_copy)
    one_line_error(run("list", "actions", "--json", "--db", str(demo_copy)), "demo.sqlite is damaged")
    assert digest(demo_copy) == before


def test_a_full_disk_during_an_xlsx_export_is_one_line_and_leaves_nothing(demo_copy: Path, tmp_path: Path) -> None:
    before = digest(demo_copy)
    with tmpfs(tmp_path / "tiny", "16k") as disk:
        result = run("export", "actions", "--format", "xlsx", "-o", str(disk / "log.xlsx"), "--db", str(demo_copy))
        left = listing(disk)
    one_line_error(result, "the disk is full: log.xlsx was not written")
    assert left == []
    assert digest(demo_copy) == before


@pytest.mark.parametrize("table", ["audit_log", "actions"])
def test_backups_now_on_a_damaged_file_names_the_file_and_keeps_nothing(demo_copy: Path, table: str) -> None:
    page = damage_page(demo_copy, table, index=0)
    before = digest(demo_copy)
    from forumdesk.db.snapshots import backup_folder

    result = run("backups", "now", "--db", str(demo_copy))
    line = one_line_error(result, f"demo.sqlite is damaged (damaged page {page}")
    assert "demo-2" not in line  # the backup's own name is not blamed
    folder = backup_folder(demo_copy)
    assert not folder.exists() or listing(folder) == []  # made or not, depending on where the damage is found
    assert digest(demo_copy) == before


# -- sizes and targets -------------------------------------------------------------------------------------------


def test_demo_refuses_a_huge_number_of_actions_before_writing(tmp_path: Path) -> None:
    started = time.monotonic()
    one_line_error(run("demo", "--actions", "100000000000", "--db", str(tmp_path / "d.sqlite")), "1,000,000")
    assert time.monotonic() - started < 20
    assert listing(tmp_path) == []


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_backup_never_replaces_a_device_or_a_pipe(demo_copy: Path, tmp_path: Path, kind: str) -> None:
    node = tmp_path / "node"
    if kind == "fifo":
        os.mkfifo(node)
    else:
        try:
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a copy of /dev/full's node
        except PermissionError:
            pytest.skip("making a device node needs root")
    before = digest(demo_copy)
    one_line_error(run("backup", "-o", str(node), "--db", str(demo_copy)), "is not a regular file")
    mode = node.lstat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)
    assert sorted(listing(tmp_path)) == sorted(["demo.sqlite", "node"])
    assert digest(demo_copy) == before


def test_an_export_never_replaces_a_pipe(demo_copy: Path, tmp_path: Path) -> None:
    node = tmp_path / "pipe.csv"
    os.mkfifo(node)
    one_line_error(run("export", "actions", "--format", "csv", "-o", str(node), "--db", str(demo_copy)),
                   "is not a regular file")
    assert stat.S_ISFIFO(node.lstat().st_mode)


@pytest.mark.parametrize("length", [241, 250, 255])
def test_names_up_to_255_bytes_can_be_exported_and_backed_up(demo_copy: Path, tmp_path: Path, length: int) -> None:
    out = tmp_path / "out"
    out.mkdir()
    csv_name = "é" * ((length - 4) // 2) + "a" * ((length - 4) % 2) + ".csv"
    assert len(csv_name.encode()) == length
    result = run("export", "actions", "--format", "csv", "-o", str(out / csv_name), "--db", str(demo_copy))
    assert result.returncode == 0, result.stderr
    copy_name = "b" * (length - 7) + ".sqlite"
    result = run("backup", "-o", str(out / copy_name), "--db", str(demo_copy))
    assert result.returncode == 0, result.stderr
    assert listing(out) == sorted([csv_name, copy_name])
    assert (out / csv_name).read_text(encoding="utf-8-sig").count("\n") > 100
    conn = sqlite3.connect(f"file:{out / copy_name}?mode=ro", uri=True)  # a -wal name would pass NAME_MAX
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 600
    conn.close()
