"""The command line: a second face on the same services as the GUI.

Errors are one line on stderr and exit 1, never a traceback, for anything the user or the environment
caused. Qt is imported only when the desktop app is asked for, so listings start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Sequence
from typing import NoReturn

from forumdesk import __version__

IMPORTED_AT = time.perf_counter()  # start-up time where the process's own start cannot be read (app.py)

# Each module registers its sub-commands (see forumdesk/commands/__init__.py).
COMMAND_MODULES = [
    "forumdesk.commands.setup",
    "forumdesk.commands.listing",
    "forumdesk.commands.maintenance",
    "forumdesk.commands.imports",
    "forumdesk.commands.export",
    "forumdesk.commands.safety",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="forumdesk", description="Partnership forums, meetings, minutes and actions.")
    parser.add_argument("--version", action="version", version=f"ForumDesk {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="the database (default: $FORUMDESK_DB, then your data folder)"
    )
    parser.add_argument(
        "--smoke-test", action="store_true", help="open the app offscreen, visit every page, export, and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from forumdesk.domain.errors import ForumDeskError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from forumdesk.app import run_app

            return run_app(args.db, smoke_test=args.smoke_test)
        return int(args.handler(args))
    except ForumDeskError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a file the user named cannot be read or written
        where = f" ({error.filename})" if error.filename else ""
        return _fail(f"{error.strerror or error}{where}")


def _fail(message: str) -> int:
    print(f"forumdesk: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
