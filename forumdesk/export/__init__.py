"""Exporters: pure functions of domain objects and options that write one file (PDF, XLSX, CSV, ICS).

No database, no Qt. Every exporter writes to a temp file beside the target and moves it into place
(``files.atomic_output``), so a failure leaves no half-written file and keeps any old one.
"""
