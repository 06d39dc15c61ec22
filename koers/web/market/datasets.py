"""The database store of imported market data sets: implements
:class:`koers.market.in_force.ImportedDatasets` and is installed when the app starts."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from koers.market.dataset import Dataset
from koers.web.market.models import MarketDataset


class DatabaseDatasets:
    """Imported data sets as rows of :class:`MarketDataset`; the version is the newest id."""

    def __init__(self) -> None:
        self._table_ready = False

    def _ready(self) -> bool:
        """Whether the table exists: a command line that never migrated has imported nothing."""
        if not self._table_ready:
            self._table_ready = (
                MarketDataset._meta.db_table in connection.introspection.table_names()
            )
        return self._table_ready

    def version(self) -> int:
        if not self._ready():
            return 0
        latest = MarketDataset.objects.order_by("-id").values_list("id", flat=True).first()
        return latest or 0

    def datasets(self) -> list[Dataset]:
        if not self._ready():
            return []
        return [
            Dataset(
                d.kind, tuple(d.rows), source=d.source, synthetic=d.is_synthetic, label=d.file_name
            )
            for d in MarketDataset.objects.order_by("imported_at", "id")
        ]

    @transaction.atomic
    def add(self, dataset: Dataset, *, imported_by: Any = None) -> None:
        MarketDataset.objects.create(
            kind=dataset.kind,
            file_name=dataset.label,
            source=dataset.source,
            is_synthetic=dataset.synthetic,
            row_count=len(dataset.rows),
            rows=list(dataset.rows),
            imported_by=imported_by,
        )
