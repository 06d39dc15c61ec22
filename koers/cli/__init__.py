"""The ``koers`` command line (Typer): one module per domain, each thin over the domain code.

``koers.cli.common`` holds the app, the shared options and the one place errors are printed.
"""

from __future__ import annotations

from koers.cli import backup, batch, checks, market, matching, rights, serve, taxonomy, training
from koers.cli.common import app

__all__ = [
    "app",
    "backup",
    "batch",
    "checks",
    "market",
    "matching",
    "rights",
    "serve",
    "taxonomy",
    "training",
]
