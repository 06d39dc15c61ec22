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

import numpy as np

from koers.errors import DataConflict, KoersError, NotFound
from koers.market.barometer import SkillsBarometer
from koers.market.dataset import Dataset, MarketData
from koers.market.forecast import forecast
from koers.market.forecast_inputs import ForecastInputs, prepare
from koers.market.formats import ImportProblem, ImportValidationError, RowError, load_file
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

    def datasets_if(self, dataset_id: int, *, withdrawn: bool) -> list[Dataset]:
        """The data sets that would be in force if import ``dataset_id`` were withdrawn (or
        restored); raises :class:`UnknownImport` for an id it does not hold."""
        ...

    def set_withdrawn(self, dataset_id: int, *, withdrawn: bool, by: Any = None) -> None:
        """Withdraw an import from the data in force, or restore it; its history is kept."""
        ...


class NoImports:
    """The store of a process that keeps no imports: only the shipped data is in force."""

    def version(self) -> int:
        return 0

    def datasets(self) -> list[Dataset]:
        return []

    def add(self, dataset: Dataset, *, imported_by: Any = None) -> None:
        raise RuntimeError("This process keeps no imported data sets: set up the database first")

    def datasets_if(self, dataset_id: int, *, withdrawn: bool) -> list[Dataset]:
        raise UnknownImport(dataset_id=dataset_id)

    def set_withdrawn(self, dataset_id: int, *, withdrawn: bool, by: Any = None) -> None:
        raise UnknownImport(dataset_id=dataset_id)


class UnknownImport(NotFound):
    code = "import.unknown"
    message = "There is no import with number {dataset_id}."


class UnknownEscoOccupation(ImportProblem):
    code = "import.unknown_esco_occupation"
    message = "{uri} is not an ESCO occupation"


class ImportBreaksForecast(DataConflict):
    code = "import.breaks_forecast"
    message = "This file does not fit the data in force, nothing was imported: {reason}"


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
    """The outlook; when the forecast inputs cannot be prepared, it rests on tension alone."""
    try:
        inputs: ForecastInputs | None = _inputs(store, version)
    except KoersError:
        inputs = None
    return MarketOutlook(get_taxonomy(), _data(store, version), inputs)


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


def check_combination(datasets: list[Dataset]) -> None:
    """Build every figure the pages show from ``datasets`` (the shipped data plus these
    imports); raise :class:`ImportBreaksForecast` when one cannot be made or is not finite."""
    try:
        data = market_data(datasets)
        inputs = prepare(data)
        figures = [
            value
            for row in forecast(inputs, scenario="baseline")
            for value in (row.total_demand, row.new_supply, row.gap, row.employment)
        ]
        if not np.isfinite(figures).all():
            raise ImportBreaksForecast(reason="the forecast would not be a finite number")
        SkillsBarometer(get_taxonomy(), inputs)
        MarketOutlook(get_taxonomy(), data, inputs)
    except ImportBreaksForecast:
        raise
    except KoersError as error:
        raise ImportBreaksForecast(reason=str(error)) from None
    except (ValueError, ArithmeticError, FloatingPointError) as error:
        raise ImportBreaksForecast(reason=str(error)[:200]) from None


def _check_esco_uris(rows: list[dict[str, Any]], file: str) -> None:
    known = get_taxonomy().occupation_index
    errors = [
        RowError(file, number, "esco_uri", UnknownEscoOccupation(uri=row["esco_uri"]))
        for number, row in enumerate(rows, start=1)
        if row.get("esco_uri") and row["esco_uri"] not in known
    ]
    if errors:
        raise ImportValidationError(errors)


def dataset_import(
    *, kind: str, path: Path, source: str = "", synthetic: bool = False, imported_by: Any = None
) -> Dataset:
    """Validate the file at ``path`` as ``kind``, check that every figure can still be made
    with it in force, and keep it whole in the installed store.

    Raises :class:`koers.market.formats.UnknownDatasetKind`,
    :class:`koers.market.formats.ImportValidationError` or :class:`ImportBreaksForecast`;
    nothing is kept then.
    """
    rows = load_file(kind, path)
    _check_esco_uris(rows, path.name)
    named = source or next((r["source"] for r in rows if r.get("source")), "") or path.name
    dataset = Dataset(kind, tuple(rows), source=named, synthetic=synthetic, label=path.name)
    check_combination([*_store.datasets(), dataset])
    _store.add(dataset, imported_by=imported_by)
    return dataset


def dataset_withdraw(dataset_id: int, *, withdrawn: bool = True, by: Any = None) -> None:
    """Withdraw an import from the data in force (or restore it with ``withdrawn=False``),
    after checking that every figure can still be made without (or with) it."""
    check_combination(_store.datasets_if(dataset_id, withdrawn=withdrawn))
    _store.set_withdrawn(dataset_id, withdrawn=withdrawn, by=by)
