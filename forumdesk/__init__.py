"""ForumDesk: partnership forums, meetings, minutes and actions tied to a crime prevention strategy."""

import time

# The process's start where the kernel cannot tell it (ui/shell/startup_timer.py): the first ForumDesk import.
IMPORTED_AT = time.perf_counter()

__version__ = "0.1.0"
APP_NAME = "ForumDesk"
