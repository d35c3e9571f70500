"""The desktop face: PySide6 lives here and only here.

The rooms: ``shell`` (the main window, its menus and the machinery every screen runs on), ``pages`` (the
screens the navigation shows), ``meeting`` (the meeting's own screens: planning, attendance, live minutes),
``dialogs`` (every dialog and wizard), ``widgets`` (pieces the pages share) and ``models`` (Qt item models).
"""
