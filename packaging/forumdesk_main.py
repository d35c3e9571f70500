"""Entry point of the frozen build: the start-up traps first, then the `forumdesk` command's own `main`."""

from __future__ import annotations

import sys


def main() -> int:
    from forumdesk import frozen

    frozen.start(sys.argv[1:])
    from forumdesk.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
