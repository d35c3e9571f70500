"""The command line: a second face on the same services as the GUI.

Errors are one line on stderr and exit 1, never a traceback, for anything the user or the environment
caused. Qt is imported only when the desktop app is asked for, so listings start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from typing import NoReturn

from forumdesk import __version__
from forumdesk.commands import export, imports, listing, mail, maintenance, papers, safety, setup, undo
from forumdesk.commands._common import nonblank
from forumdesk.paths import DB_ENV

IMPORTED_AT = time.perf_counter()  # start-up time where the process's own start cannot be read (app.py)

# Each module registers its sub-commands (see forumdesk/commands/__init__.py), in this order in --help.
COMMAND_MODULES = (setup, listing, maintenance, imports, export, mail, papers, safety, undo)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="forumdesk", description="Partnership forums, meetings, minutes and actions.")
    parser.add_argument("--version", action="version", version=f"ForumDesk {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", type=nonblank, help="the database (default: $FORUMDESK_DB, then your data folder)"
    )
    parser.add_argument(
        "--smoke-test", action="store_true", help="open the app offscreen, visit every page, export, and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from forumdesk.domain.errors import DatabaseDamagedError, ForumDeskError

    arguments = list(sys.argv[1:] if argv is None else argv)
    undecodable = next((a for a in arguments if not _is_text(a)), None)
    if undecodable is not None:  # bytes the file system allows but no database or document can hold
        return _fail(_not_text(undecodable, "retype the argument"))
    parser = build_parser()
    args = parser.parse_args(arguments)
    if getattr(args, "db", None) is None and not _is_text(os.environ.get(DB_ENV, "")):
        return _fail(_not_text(os.environ[DB_ENV], f"correct ${DB_ENV}"))
    try:
        if args.command is None:
            from forumdesk.app import run_app

            return run_app(args.db, smoke_test=args.smoke_test, started=IMPORTED_AT)
        _clean_leftovers(args)
        return int(args.handler(args))
    except DatabaseDamagedError as error:
        return _fail(_damage_message(args, error))
    except ForumDeskError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a file the user named cannot be read or written
        where = f" ({error.filename})" if error.filename else ""
        return _fail(f"{error.strerror or error}{where}")


def _not_text(value: str, fix: str) -> str:
    shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return f"'{shown}' is not valid UTF-8 text: rename the file or {fix} (nothing was changed)"


def _is_text(argument: str) -> bool:
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _clean_leftovers(args: argparse.Namespace) -> None:
    """Our temp files that killed runs left beside the database and among its backups go at start-up."""
    from forumdesk.paths import resolve_db
    from forumdesk.services.admin import clean_leftovers

    clean_leftovers(resolve_db(getattr(args, "db", None)))


def _damage_message(args: argparse.Namespace, error: Exception) -> str:
    """The damage named as SQLite's check names it ("damaged page 228"), with the way out."""
    from forumdesk.paths import resolve_db
    from forumdesk.services.admin import damage_detail

    message = str(error)
    path = resolve_db(getattr(args, "db", None))
    if not message.startswith(f"{path.name} is damaged"):
        return message  # another file (a backup, an import) is damaged: its own message says which
    if "damaged page" not in message:
        detail = damage_detail(path)
        if detail is not None and "damaged page" in detail:
            message = f"{path.name} is damaged ({detail})"
    if "forumdesk recover" not in message:
        message += "; forumdesk recover sets it aside and restores the newest backup"
    return message


def _fail(message: str) -> int:
    print(f"forumdesk: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
