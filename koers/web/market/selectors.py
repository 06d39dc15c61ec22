"""Reads of market data: the data in force, forecasts and the outlook, cached per version.

The version is the newest import; a new import makes every cached figure stale at once.
"""

from __future__ import annotations

from functools import lru_cache

from koers.market.barometer import SkillsBarometer
from koers.market.dataset import Dataset, MarketData
from koers.market.forecast import ForecastInputs, prepare
from koers.market.outlook import MarketOutlook
from koers.market.sources import market_data
from koers.taxonomy import get_taxonomy
from koers.web.market.models import MarketDataset


def _version() -> int:
    latest = MarketDataset.objects.order_by("-id").values_list("id", flat=True).first()
    return latest or 0


@lru_cache(maxsize=2)
def _data(version: int) -> MarketData:
    imported = [
        Dataset(d.kind, tuple(d.rows), source=d.source, synthetic=d.is_synthetic, label=d.file_name)
        for d in MarketDataset.objects.filter(id__lte=version).order_by("imported_at", "id")
    ]
    return market_data(imported)


@lru_cache(maxsize=2)
def _inputs(version: int) -> ForecastInputs:
    return prepare(_data(version))


@lru_cache(maxsize=2)
def _outlook(version: int) -> MarketOutlook:
    return MarketOutlook(get_taxonomy(), _data(version), _inputs(version))


@lru_cache(maxsize=2)
def _barometer(version: int) -> SkillsBarometer:
    return SkillsBarometer(get_taxonomy(), _inputs(version))


def market_data_in_force() -> MarketData:
    return _data(_version())


def forecast_inputs() -> ForecastInputs:
    return _inputs(_version())


def market_outlook() -> MarketOutlook:
    return _outlook(_version())


def skills_barometer() -> SkillsBarometer:
    return _barometer(_version())
