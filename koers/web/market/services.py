"""Writes of market data: one import is one transaction, validated before anything is stored."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from koers.market.formats import load_file
from koers.web.accounts.models import User
from koers.web.market.models import MarketDataset


@transaction.atomic
def market_dataset_import(
    *, kind: str, path: Path, source: str = "", synthetic: bool = False, user: User | None = None
) -> MarketDataset:
    """Validate ``path`` as ``kind`` and store it whole.

    Raises :class:`koers.market.formats.ImportValidationError` (nothing stored) or KeyError.
    """
    rows = load_file(kind, path)
    named = source or next((r["source"] for r in rows if r.get("source")), "") or path.name
    return MarketDataset.objects.create(
        kind=kind,
        file_name=path.name,
        source=named,
        is_synthetic=synthetic,
        row_count=len(rows),
        rows=rows,
        imported_by=user,
    )
