"""One shape per result row, in every doorway.

A result row of the domain (a tension figure, a forecast, a search hit, an extracted skill, a
skill trend, a backtest) is a frozen dataclass of plain values. That class *is* the shape: the
API uses it as its response schema, the CLI prints :func:`row_dict` as JSON, and CSV downloads
take their header from :func:`row_columns` and their cells from :func:`row_values`.
"""

from __future__ import annotations

import dataclasses
from typing import Any


def row_columns(row_type: type[Any]) -> list[str]:
    """The field names of a row type, in declaration order."""
    return [f.name for f in dataclasses.fields(row_type)]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def row_dict(row: Any) -> dict[str, Any]:
    """A row as a JSON-ready dict (tuples become lists)."""
    return {f.name: _plain(getattr(row, f.name)) for f in dataclasses.fields(row)}


def row_values(row: Any) -> list[Any]:
    """A row's values in column order; sequences joined with " | " for a CSV cell."""
    return [
        " | ".join(map(str, value)) if isinstance(value, tuple | list) else value
        for value in (getattr(row, f.name) for f in dataclasses.fields(row))
    ]
