"""The meeting page under the name the main window loads (``forumdesk.ui.meeting.page.MeetingPage``); it lives
in ``forumdesk/ui/pages/meeting.py`` with the other pages."""

from forumdesk.ui.pages.meeting import MeetingPage

__all__ = ["MeetingPage"]
