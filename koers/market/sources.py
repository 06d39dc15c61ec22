"""The market data in force: bundled real series, the synthetic demo set, and imports.

Imports of a kind replace the synthetic data of that kind; the bundled real series stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from koers.market import synthetic
from koers.market.bundled import real_tension_datasets
from koers.market.dataset import Dataset, MarketData, merge
from koers.market.mapping import curated_mapping
from koers.taxonomy import get_taxonomy

SYNTHETIC_SEED = 2026


@cache
def synthetic_datasets(seed: int = SYNTHETIC_SEED) -> tuple[Dataset, ...]:
    taxonomy = get_taxonomy()
    occupations = [(o.uri, o.label("nl"), o.isco_code) for o in taxonomy.occupations]
    common = [m.esco_uri for m in curated_mapping().values() if m.esco_uri]
    return tuple(synthetic.generate(occupations=occupations, seed=seed, common=common))


def market_data(imported: Sequence[Dataset] = ()) -> MarketData:
    """Real bundled series first, then synthetic data, then imports (latest wins per kind)."""
    return merge([*real_tension_datasets(), *synthetic_datasets()], list(imported))
