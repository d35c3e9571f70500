"""Reusable widgets of the desktop face: filter bar, delegates, detail panel, legend, message bar."""
