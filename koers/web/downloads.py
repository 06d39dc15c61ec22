"""CSV downloads of result rows: the header is the row type's fields (one shape, see koers.rows)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

from koers.rows import row_columns, row_values


def wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def csv_response(
    name: str,
    row_type: type[Any],
    rows: Iterable[Any],
    *,
    extra: dict[str, Callable[[Any], Any]] | None = None,
) -> HttpResponse:
    """A CSV attachment of ``rows`` (instances of ``row_type``), with ``extra`` columns
    (name → value of a row) after the row's own."""
    extra = extra or {}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow([*row_columns(row_type), *extra])
    for row in rows:
        writer.writerow([*row_values(row), *(value(row) for value in extra.values())])
    return response
