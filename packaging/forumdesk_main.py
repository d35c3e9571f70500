"""Entry point of the frozen build: the start-up traps first, then the `forumdesk` command's own `main`.

``--check-bundle`` (frozen build only) runs ``bundle_check``: every library ForumDesk needs, used once.
"""

from __future__ import annotations

import sys


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a big export runs in a child process (forumdesk/services/export_process.py)
    from forumdesk import frozen

    argv = sys.argv[1:]
    frozen.start(argv)
    if argv == ["--check-bundle"]:
        import bundle_check  # beside this script; PyInstaller bundles it as a top-level module

        return bundle_check.run()
    from forumdesk.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
