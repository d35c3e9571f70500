"""The frozen build: build.spec read as PyInstaller would, the resource path, the icons, the start-up traps.

The spec is executed with recording stand-ins for Analysis/PYZ/EXE/COLLECT/BUNDLE (PyInstaller's own hook
helpers run for real), once per platform, so the Windows and macOS branches are checked on Linux too.
The real build is slow: ``FORUMDESK_TEST_DIST=1`` runs it (see ``test_real_build``).
"""

from __future__ import annotations

import ast
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import forumdesk
from forumdesk import frozen
from forumdesk.resources import bundled_strategy_path, resource_path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
ICONS = ROOT / "resources" / "icons"
MAX_BUNDLE_MB = 250


class _Recorder:
    """Stands in for one PyInstaller build class and remembers how the spec called it."""

    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]

    def __init__(self, kind: str, calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]) -> None:
        self.kind, self.calls = kind, calls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((self.kind, args, kwargs))
        target = type(self.kind, (), {})()
        if self.kind == "Analysis":
            target.binaries = [("PySide6/Qt/translations/qt_de.qm", "x", "DATA"), ("libfoo.so", "y", "BINARY")]
            target.datas = list(kwargs["datas"])
            target.pure, target.scripts = [], []
        return target


def run_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Execute build.spec as PyInstaller does, pretending to be on ``platform``; its globals plus ``calls``."""
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    namespace: dict[str, Any] = {"SPECPATH": str(ROOT), "workpath": str(tmp_path / "work"), "__file__": str(SPEC)}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = _Recorder(kind, calls)
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["calls"] = calls
    return namespace


def call(spec: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [kwargs | {"args": args} for k, args, kwargs in spec["calls"] if k == kind]


@pytest.fixture(scope="module")
def linux_spec(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_spec("linux", tmp_path_factory.mktemp("spec"), monkeypatch)


def test_spec_builds_one_windowed_folder_named_forumdesk(linux_spec: dict[str, Any]) -> None:
    (analysis,) = call(linux_spec, "Analysis")
    assert analysis["args"][0] == [str(ROOT / "packaging" / "forumdesk_main.py")]
    assert Path(analysis["args"][0][0]).is_file()
    exes = {e["name"]: e for e in call(linux_spec, "EXE")}
    assert exes["ForumDesk"]["console"] is False
    assert exes["forumdesk-cli"]["console"] is True
    assert all(e["exclude_binaries"] for e in exes.values()), "one-folder: binaries go to COLLECT"
    (collect,) = call(linux_spec, "COLLECT")
    assert collect["name"] == "ForumDesk"
    assert linux_spec["VERSION"] == forumdesk.__version__
    assert exes["ForumDesk"]["version"] is None and not call(linux_spec, "BUNDLE")


def test_spec_bundles_every_resource_where_resource_path_finds_it(
    linux_spec: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (analysis,) = call(linux_spec, "Analysis")
    meipass = tmp_path / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)
    bundled = {meipass / dest / Path(src).name for src, dest in analysis["datas"]}
    resources = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert {p.parent.name for p in resources} >= {"strategies", "fonts", "icons"}
    for path in resources:
        assert resource_path(*path.relative_to(ROOT / "resources").parts) in bundled, path
    assert bundled_strategy_path() in bundled
    for sql in (ROOT / "forumdesk" / "db").glob("*.sql"):  # read with Path(__file__) by the migrations
        assert meipass / "forumdesk" / "db" / sql.name in bundled
    reportlab_fonts = {p.name for p in bundled if p.parent.name == "fonts" and p.parent.parent.name == "reportlab"}
    assert {"Vera.ttf", "_a______.afm"} <= reportlab_fonts


def test_resource_path_uses_meipass_only_when_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resource_path("strategies") == ROOT / "resources" / "strategies"
    assert bundled_strategy_path().is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons", "forumdesk.svg") == tmp_path / "resources" / "icons" / "forumdesk.svg"


def test_spec_names_by_hand_only_what_is_loaded_by_name(linux_spec: dict[str, Any]) -> None:
    """ForumDesk's own modules are found by following static imports from the entry point, which reach every one
    (``tests/test_layers.py``); zoneinfo loads tzdata by name."""
    (analysis,) = call(linux_spec, "Analysis")
    assert analysis["hiddenimports"] == ["tzdata"]
    assert analysis["args"] == ([str(ROOT / "packaging" / "forumdesk_main.py")],)
    assert {"forumdesk.cli", "forumdesk.frozen"} <= _imported_modules(ROOT / "packaging" / "forumdesk_main.py")


def test_entry_point_lets_spawned_children_through_before_anything_else() -> None:
    """A frozen child process (big exports) re-runs the entry point: ``freeze_support`` must divert it first."""
    tree = ast.parse((ROOT / "packaging" / "forumdesk_main.py").read_text(encoding="utf-8"))
    main = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "main")
    calls = [ast.unparse(n) for n in main.body if isinstance(n, ast.Expr)]
    assert calls and calls[0] == "multiprocessing.freeze_support()"


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_spec_excludes_what_forumdesk_never_imports(linux_spec: dict[str, Any]) -> None:
    (analysis,) = call(linux_spec, "Analysis")
    excludes = set(analysis["excludes"])
    assert {"tkinter", "unittest", "pytest", "hypothesis", "mypy", "PySide6.QtQml", "PySide6.QtQuick"} <= excludes
    assert {"PySide6.QtWebEngineCore", "PySide6.QtPdf", "PySide6.QtDesigner", "PySide6.Qt3DCore"} <= excludes
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtNetwork"} & excludes
    sources = [*(ROOT / "forumdesk").rglob("*.py"), *(ROOT / "packaging").glob("*.py")]
    for source in sources:
        for name in _imported_modules(source):
            hits = {e for e in excludes if name == e or name.startswith(e + ".")}
            assert not hits, f"{source.relative_to(ROOT)} imports {name}, which build.spec excludes"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6\\Qt\\plugins\\sqldrivers\\qsqlite.dll", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ],
)
def test_spec_prunes_qt_files_forumdesk_cannot_use(linux_spec: dict[str, Any], dest: str, kept: bool) -> None:
    assert bool(linux_spec["pruned"]([(dest, "src", "BINARY")])) is kept


def test_spec_windows_branch_has_ico_and_version_resource(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = run_spec("win32", tmp_path, monkeypatch)
    exe = next(e for e in call(spec, "EXE") if e["name"] == "ForumDesk")
    assert exe["icon"].endswith("forumdesk.ico") and exe["console"] is False
    text = Path(exe["version"]).read_text(encoding="utf-8")
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this text with its version-info classes
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"  # type: ignore[attr-defined]
    quad = tuple(int(n) for n in re.findall(r"\d+", forumdesk.__version__)[:4])
    quad += (0,) * (4 - len(quad))
    assert f"filevers={quad}" in text
    assert f"StringStruct('ProductVersion', '{forumdesk.__version__}')" in text
    assert "StringStruct('OriginalFilename', 'ForumDesk.exe')" in text
    cli = next(e for e in call(spec, "EXE") if e["name"] == "forumdesk-cli")
    assert "StringStruct('OriginalFilename', 'forumdesk-cli.exe')" in Path(cli["version"]).read_text("utf-8")


def test_spec_macos_branch_makes_a_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = run_spec("darwin", tmp_path, monkeypatch)
    (bundle,) = call(spec, "BUNDLE")
    assert bundle["name"] == "ForumDesk.app" and bundle["icon"].endswith("forumdesk.icns")
    assert bundle["bundle_identifier"] == "uk.org.forumdesk.ForumDesk"
    assert bundle["info_plist"]["NSHighResolutionCapable"] is True
    assert bundle["info_plist"]["CFBundleShortVersionString"] == forumdesk.__version__
    assert all(e["icon"].endswith(".icns") for e in call(spec, "EXE"))


def test_icons_exist_at_every_size() -> None:
    assert (ICONS / "forumdesk.svg").read_text(encoding="utf-8").startswith("<svg")
    for size in (16, 24, 32, 48, 64, 128, 256):
        with Image.open(ICONS / f"forumdesk-{size}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"
            assert png.getpixel((0, 0))[3] == 0, "corners are transparent"
            assert png.getpixel((size // 2, size // 2))[3] == 255
    with Image.open(ICONS / "forumdesk.ico") as ico:
        assert {(s, s) for s in (16, 32, 48, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "forumdesk.icns") as icns:
        assert {s[:2] for s in icns.info["sizes"]} >= {(16, 16), (32, 32), (128, 128), (256, 256), (512, 512)}


# --- forumdesk.frozen: the start-up traps -------------------------------------------------------------------


@pytest.fixture
def clean_logging(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Whatever the test adds to the root logger, the hooks and the warnings module is undone."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setitem(frozen._state, "log_path", None)
    yield root
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.captureWarnings(False)


def test_missing_std_streams_are_replaced(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    frozen.ensure_std_streams()
    print("nowhere to go")  # would raise AttributeError on None
    with caplog.at_level(logging.WARNING, logger="forumdesk.stderr"):
        sys.stderr.write("first half, ")
        sys.stderr.write("second half\nnext line")
        sys.stderr.flush()
    assert [r.getMessage() for r in caplog.records] == ["first half, second half", "next line"]
    assert sys.stdout is not None and sys.stdout.name == os.devnull
    sys.stdout.close()


def test_logs_go_to_a_rotating_file_in_the_user_data_folder(clean_logging: logging.Logger) -> None:
    from forumdesk.paths import user_data_dir

    path = frozen.setup_logging()
    assert path == user_data_dir() / "logs" / "forumdesk.log"
    assert frozen.setup_logging() == path
    files = [h for h in clean_logging.handlers if getattr(h, "baseFilename", None) == str(path)]
    assert len(files) == 1, "calling twice must not log every line twice"
    assert files[0].maxBytes == frozen.LOG_MAX_BYTES and files[0].backupCount == frozen.LOG_BACKUPS  # type: ignore[attr-defined]
    logging.getLogger("forumdesk.test").info("Chelmsford forum opened £")
    files[0].flush()
    assert "Chelmsford forum opened £" in path.read_text(encoding="utf-8")
    assert frozen.current_log_path() == path


def test_logs_fall_back_to_the_temp_folder_when_the_data_folder_is_unwritable(
    clean_logging: logging.Logger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    path = frozen.setup_logging(blocker / "logs")
    assert path == tmp_path / "tmp" / "ForumDesk-logs" / "forumdesk.log"


def test_uncaught_exception_is_logged_and_shown_with_the_log_path(
    clean_logging: logging.Logger, tmp_path: Path
) -> None:
    log_path = frozen.setup_logging(tmp_path)
    shown: list[tuple[str, Path]] = []
    frozen.install_excepthook(lambda summary, path: shown.append((summary, path)))
    try:
        raise ValueError("the minutes have no date")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert shown == [("ValueError: the minutes have no date", log_path)]
    text = log_path.read_text(encoding="utf-8")
    assert "Uncaught exception" in text and "Traceback" in text and "the minutes have no date" in text
    message = frozen.error_message(*shown[0])
    assert str(log_path) in message and "the minutes have no date" in message


def test_uncaught_exception_in_a_thread_reaches_the_callback(clean_logging: logging.Logger, tmp_path: Path) -> None:
    frozen.setup_logging(tmp_path)
    shown: list[str] = []
    frozen.install_excepthook(lambda summary, path: shown.append(summary))

    def fail() -> None:
        raise RuntimeError("export thread failed")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    assert shown == ["RuntimeError: export thread failed"]


def test_a_failing_error_callback_is_logged_not_raised(clean_logging: logging.Logger, tmp_path: Path) -> None:
    log_path = frozen.setup_logging(tmp_path)

    def broken_dialog(summary: str, path: Path) -> None:
        raise RuntimeError("no QApplication")

    frozen.install_excepthook(broken_dialog)
    error = KeyError("x")
    sys.excepthook(KeyError, error, None)
    assert "The error callback failed" in log_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "env", "platform", "offscreen"),
    [
        (["--smoke-test"], {}, "linux", True),
        (["--smoke-test", "--db", "x"], {"DISPLAY": ":0"}, "linux", False),
        (["--smoke-test"], {"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        (["--smoke-test"], {"QT_QPA_PLATFORM": "xcb"}, "linux", False),
        (["--smoke-test"], {}, "win32", False),
        ([], {}, "linux", False),
    ],
)
def test_smoke_test_without_a_display_runs_offscreen(
    argv: list[str], env: dict[str, str], platform: str, offscreen: bool
) -> None:
    before = dict(env)
    assert frozen.prepare_smoke_test(argv, env, platform) is offscreen
    expected = before | {"QT_QPA_PLATFORM": "offscreen"} if offscreen else before
    assert env == expected


def test_start_sets_everything_up(clean_logging: logging.Logger, monkeypatch: pytest.MonkeyPatch) -> None:
    enabled: list[Any] = []
    monkeypatch.setattr(frozen.faulthandler, "enable", lambda file: enabled.append(file))  # keep pytest's own
    monkeypatch.setitem(frozen._state, "crash_file", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    path = frozen.start(["--smoke-test"])
    assert path.name == "forumdesk.log" and path.parent.name == "logs"
    assert enabled and enabled[0].name == str(path.parent / "crash.log")
    frozen.enable_crash_log(path.parent)
    assert len(enabled) == 1, "asking twice keeps the one crash log"
    enabled[0].close()
    assert isinstance(sys.stderr, frozen.LogWriter)
    assert sys.excepthook is not sys.__excepthook__
    expected_platform = "offscreen" if sys.platform.startswith("linux") else None
    assert os.environ.get("QT_QPA_PLATFORM") == expected_platform
    assert f"ForumDesk {forumdesk.__version__} starting" in path.read_text(encoding="utf-8")


# --- the real build ----------------------------------------------------------------------------------------


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("FORUMDESK_TEST_DIST") != "1", reason="set FORUMDESK_TEST_DIST=1 (a real build: 30 s to 2 min)"
)
def test_real_build(tmp_path: Path) -> None:
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        pytest.fail("pyinstaller is not installed: pip install -r requirements-dist.lock")
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = [pyinstaller, "--noconfirm", "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work)]
    subprocess.run([*build, str(SPEC)], cwd=ROOT, check=True, timeout=600)
    folder = dist / "ForumDesk"
    assert _folder_mb(folder) < MAX_BUNDLE_MB
    inside = [p.relative_to(folder / "_internal").as_posix() for p in (folder / "_internal").rglob("*")]
    assert not [p for p in inside if re.search(r"translations/|platforms/libqeglfs|libqgtk3|libpango|libgtk", p)]
    assert "PySide6/Qt/plugins/platforms/libqxcb.so" in inside

    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    db = tmp_path / "x.sqlite"

    def run(exe: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(folder / exe), *args], env=env, capture_output=True, text=True, timeout=120)

    smoke = run("ForumDesk", "--smoke-test", "--db", str(db))
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert db.is_file()
    # Closed stdout and stderr make sys.stdout/sys.stderr None, as in a windowed Windows build.
    no_console = [str(folder / "ForumDesk"), "--smoke-test", "--db", str(tmp_path / "y.sqlite")]
    closed = subprocess.run(["sh", "-c", 'exec "$0" "$@" >&- 2>&-', *no_console], env=env, timeout=120)
    assert closed.returncode == 0
    xvfb = shutil.which("xvfb-run")
    if xvfb is not None:  # a real X server: the xcb platform plugin and its bundled libraries load
        on_x = [xvfb, "-a", str(folder / "ForumDesk"), "--smoke-test", "--db", str(tmp_path / "z.sqlite")]
        shown = subprocess.run(on_x, env=env, capture_output=True, text=True, timeout=120)
        assert shown.returncode == 0, shown.stdout + shown.stderr
    check = run("forumdesk-cli", "--check-bundle")
    assert check.returncode == 0 and "FAIL" not in check.stdout, check.stdout + check.stderr
    assert run("forumdesk-cli", "--version").stdout.strip() == f"ForumDesk {forumdesk.__version__}"
    assert run("forumdesk-cli", "check", "--db", str(db)).returncode == 0
    backup = tmp_path / "copy.sqlite"
    assert run("forumdesk-cli", "backup", "--db", str(db), "-o", str(backup)).returncode == 0
    assert backup.is_file()
    _frozen_exports_read_back(run, tmp_path)
    log = home / "data" / "ForumDesk" / "logs" / "forumdesk.log"
    assert "offscreen for the smoke test" in log.read_text(encoding="utf-8")


def _frozen_exports_read_back(run: Any, tmp_path: Path) -> None:
    """The real exporters, frozen: reportlab with its fonts, openpyxl with lxml, icalendar with tzdata."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    demo = str(tmp_path / "demo.sqlite")
    made = run("forumdesk-cli", "demo", "--db", demo, "--actions", "50")
    assert made.returncode == 0, made.stderr
    pdf, xlsx, ics = tmp_path / "actions.pdf", tmp_path / "actions.xlsx", tmp_path / "meetings.ics"
    for kind, out in (("pdf", pdf), ("xlsx", xlsx)):
        wrote = run("forumdesk-cli", "export", "actions", "--db", demo, "--format", kind, "-o", str(out))
        assert wrote.returncode == 0, wrote.stderr
    assert run("forumdesk-cli", "export", "calendar", "--db", demo, "-o", str(ics)).returncode == 0
    assert "Action log" in PdfReader(pdf).pages[0].extract_text()
    book = load_workbook(xlsx)
    assert book.worksheets[0].max_row == 51, "a header and 50 actions"
    assert "BEGIN:VEVENT" in ics.read_text(encoding="utf-8")
