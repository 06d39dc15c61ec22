"""Tests of the koers command line, through Typer's runner (the real commands, real data)."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from koers.cli import app

runner = CliRunner()


def run_json(*args: str) -> Any:
    """Run ``koers ARGS``, insist on success, return its JSON output."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
