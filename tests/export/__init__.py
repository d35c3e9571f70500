"""Tests of the exporters (no database, no Qt): files read back with pypdf, openpyxl, csv and icalendar."""
