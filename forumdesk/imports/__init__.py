"""Bringing existing trackers in: reading .xlsx and .csv action logs and member lists into a plain plan.

A layer beside ``forumdesk.export``: no database and no Qt, only ``forumdesk.domain``, openpyxl and the
standard library. ``forumdesk.services.imports`` resolves a plan against a forum and writes it.
"""

from forumdesk.imports.actions import parse_actions, read_actions
from forumdesk.imports.columns import Field, PersonField
from forumdesk.imports.people import parse_people, read_people
from forumdesk.imports.plan import ActionFile, ImportedAction, ImportedPerson, PeopleFile, Place, RowMessage, SheetTable
from forumdesk.imports.sources import Table, load_tables

__all__ = [
    "ActionFile",
    "Field",
    "ImportedAction",
    "ImportedPerson",
    "PeopleFile",
    "PersonField",
    "Place",
    "RowMessage",
    "SheetTable",
    "Table",
    "load_tables",
    "parse_actions",
    "parse_people",
    "read_actions",
    "read_people",
]
