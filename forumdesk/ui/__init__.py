"""The desktop face: PySide6 lives here and only here."""
