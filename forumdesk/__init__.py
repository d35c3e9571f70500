"""ForumDesk: partnership forums, meetings, minutes and actions tied to a crime prevention strategy."""

__version__ = "0.1.0"
APP_NAME = "ForumDesk"
