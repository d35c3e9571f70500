"""``python -m forumdesk``: the same as the ``forumdesk`` command."""

import sys

from forumdesk.cli import main

if __name__ == "__main__":  # not when a child process (a big export) imports it as ``__mp_main__``
    sys.exit(main())
