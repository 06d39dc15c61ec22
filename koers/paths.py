"""Where Koers keeps local state: ``$KOERS_VAR_DIR``, by default ``var/`` in the project."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]


def var_dir() -> Path:
    return Path(os.environ.get("KOERS_VAR_DIR", PROJECT_DIR / "var"))
