"""The database store of imported market data sets: implements
:class:`koers.market.in_force.ImportedDatasets` and is installed when the app starts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from koers.market.dataset import Dataset
from koers.market.in_force import UnknownImport
from koers.web.market.models import DatasetEvent, MarketDataset


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
        """Changes with every import, withdrawal and restore (each makes an event): the newest
        event's id and time, so an id reused after a rollback is still a new version."""
        if not self._ready():
            return 0
        latest = DatasetEvent.objects.order_by("-id").values_list("id", "at").first()
        return hash(latest) if latest else 0

    @staticmethod
    def _datasets(rows: Iterable[MarketDataset]) -> list[Dataset]:
        return [
            Dataset(
                d.kind, tuple(d.rows), source=d.source, synthetic=d.is_synthetic, label=d.file_name
            )
            for d in rows
        ]

    def datasets(self) -> list[Dataset]:
        if not self._ready():
            return []
        in_force = MarketDataset.objects.filter(withdrawn_at__isnull=True)
        return self._datasets(in_force.order_by("imported_at", "id"))

    def datasets_if(self, dataset_id: int, *, withdrawn: bool) -> list[Dataset]:
        if not MarketDataset.objects.filter(pk=dataset_id).exists():
            raise UnknownImport(dataset_id=dataset_id)
        rows = [
            d
            for d in MarketDataset.objects.order_by("imported_at", "id")
            if (d.pk != dataset_id and d.withdrawn_at is None)
            or (d.pk == dataset_id and not withdrawn)
        ]
        return self._datasets(rows)

    @transaction.atomic
    def add(self, dataset: Dataset, *, imported_by: Any = None) -> None:
        row = MarketDataset.objects.create(
            kind=dataset.kind,
            file_name=dataset.label,
            source=dataset.source,
            is_synthetic=dataset.synthetic,
            row_count=len(dataset.rows),
            rows=list(dataset.rows),
            imported_by=imported_by,
        )
        DatasetEvent.objects.create(dataset=row, action="imported", by=imported_by)

    @transaction.atomic
    def set_withdrawn(self, dataset_id: int, *, withdrawn: bool, by: Any = None) -> None:
        row = MarketDataset.objects.select_for_update().filter(pk=dataset_id).first()
        if row is None:
            raise UnknownImport(dataset_id=dataset_id)
        row.withdrawn_at = timezone.now() if withdrawn else None
        row.save(update_fields=["withdrawn_at"])
        action = "withdrawn" if withdrawn else "restored"
        DatasetEvent.objects.create(dataset=row, action=action, by=by)
