"""Action references, per forum and year of raising: ``CSP/25/014`` is the 14th action the forum raised in 2025."""

from __future__ import annotations

import re

_SMALL_WORDS = {"and", "of", "the", "for", "&", "-", "on", "in"}


def short_code(forum_name: str) -> str:
    """Initials of a forum's name, e.g. ``Basildon Community Safety Partnership`` -> ``BCSP``."""
    words = [w for w in re.split(r"[\s/,()]+", forum_name) if w and w.lower() not in _SMALL_WORDS]
    code = "".join(w[0] for w in words if w[0].isalnum()).upper()
    return code[:8] or "F"


def format_ref(code: str, year: int, sequence: int) -> str:
    return f"{code}/{year % 100:02d}/{sequence:03d}"


REF_PATTERN = re.compile(r"^(?P<code>.+)/(?P<yy>\d{2})/(?P<seq>\d+)$")
