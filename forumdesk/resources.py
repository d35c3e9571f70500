"""Where the bundled resources (strategy files, fonts, icons) are, from a checkout or a frozen build.

The one resource-path function: everything that reads ``resources/`` goes through ``resource_path``.
"""

from __future__ import annotations

import sys
from pathlib import Path

BUNDLED_STRATEGY = "strategies/essex-police-crime-prevention.toml"


def resources_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data files here
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def bundled_strategy_path() -> Path:
    return resource_path(BUNDLED_STRATEGY)
