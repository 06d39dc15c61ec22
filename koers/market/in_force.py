"""The labour-market data in force: the data Koers ships plus the data sets imported so far.

Imported data sets live where the platform keeps them (the web app: its database). This module
declares the small contract it needs from that store, :class:`ImportedDatasets`, and builds
every derived view (forecast inputs, occupation outlook, skills barometer) once per version of
the store, so a new import makes every cached figure stale at once. The web app installs its
database store when it starts (:func:`use_imported_datasets`); until then, only the shipped
data is in force. Every doorway (pages, API, CLI) reads market data through these functions.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from koers.market.barometer import SkillsBarometer
from koers.market.dataset import Dataset, MarketData
from koers.market.forecast_inputs import ForecastInputs, prepare
from koers.market.formats import load_file
from koers.market.occupation_outlook import MarketOutlook
from koers.market.sources import market_data
from koers.taxonomy import get_taxonomy


class ImportedDatasets(Hashable, Protocol):
    """Where imported data sets are kept (hashable: derived figures are cached per store)."""

    def version(self) -> int:
        """A number that changes whenever the imported data sets change."""
        ...

    def datasets(self) -> list[Dataset]:
        """The imported data sets, oldest first."""
        ...

    def add(self, dataset: Dataset, *, imported_by: Any = None) -> None:
        """Keep ``dataset`` whole, or nothing of it."""
        ...


class NoImports:
    """The store of a process that keeps no imports: only the shipped data is in force."""

    def version(self) -> int:
        return 0

    def datasets(self) -> list[Dataset]:
        return []

    def add(self, dataset: Dataset, *, imported_by: Any = None) -> None:
        raise RuntimeError("This process keeps no imported data sets: set up the database first")


_store: ImportedDatasets = NoImports()


def use_imported_datasets(store: ImportedDatasets) -> None:
    """Install the store of imported data sets (the web app does this when it starts)."""
    global _store
    _store = store


def imported_datasets() -> ImportedDatasets:
    return _store


@lru_cache(maxsize=4)
def _data(store: ImportedDatasets, version: int) -> MarketData:
    return market_data(store.datasets())


@lru_cache(maxsize=4)
def _inputs(store: ImportedDatasets, version: int) -> ForecastInputs:
    return prepare(_data(store, version))


@lru_cache(maxsize=4)
def _outlook(store: ImportedDatasets, version: int) -> MarketOutlook:
    return MarketOutlook(get_taxonomy(), _data(store, version), _inputs(store, version))


@lru_cache(maxsize=4)
def _barometer(store: ImportedDatasets, version: int) -> SkillsBarometer:
    return SkillsBarometer(get_taxonomy(), _inputs(store, version))


def market_data_in_force() -> MarketData:
    """Shipped real series, then the synthetic demo set, then imports (latest wins per kind)."""
    return _data(_store, _store.version())


def forecast_inputs() -> ForecastInputs:
    """The forecast inputs of the data in force (raises if they cannot be prepared)."""
    return _inputs(_store, _store.version())


def market_outlook() -> MarketOutlook:
    """The outlook per ESCO occupation from the data in force."""
    return _outlook(_store, _store.version())


def skills_barometer() -> SkillsBarometer:
    return _barometer(_store, _store.version())


def dataset_import(
    *, kind: str, path: Path, source: str = "", synthetic: bool = False, imported_by: Any = None
) -> Dataset:
    """Validate the file at ``path`` as ``kind`` and keep it whole in the installed store.

    Raises :class:`koers.market.formats.UnknownDatasetKind` or
    :class:`koers.market.formats.ImportValidationError`; nothing is kept then.
    """
    rows = load_file(kind, path)
    named = source or next((r["source"] for r in rows if r.get("source")), "") or path.name
    dataset = Dataset(kind, tuple(rows), source=named, synthetic=synthetic, label=path.name)
    _store.add(dataset, imported_by=imported_by)
    return dataset
