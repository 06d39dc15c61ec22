from __future__ import annotations

import pytest

from koers.market.dataset import Dataset, MarketData


def _ds(kind, rows):
    return Dataset(kind, tuple(rows), source="hand-made test data", synthetic=True)


def small_market(adjustments=()) -> MarketData:
    """Two sectors, three occupation groups, two study fields: small enough to check by hand."""
    employment = [
        {"nace": "F", "year": y, "employed": e}
        for y, e in zip(range(2020, 2025), (1000, 1020, 1040, 1061, 1082), strict=True)
    ] + [
        {"nace": "Q", "year": y, "employed": e}
        for y, e in zip(range(2020, 2025), (2000, 2100, 2205, 2315, 2431), strict=True)
    ]
    ages = [
        {
            "nace": n,
            "year": y,
            "share_55_plus": s + 0.01 * (y - 2020),
            "outflow_rate_55_plus": 0.12,
            "outflow_rate_under_55": 0.03,
        }
        for n, s in (("F", 0.20), ("Q", 0.25))
        for y in range(2020, 2025)
    ]
    key = [
        {"nace": "F", "isco_code": "7112", "share": 0.7},
        {"nace": "F", "isco_code": "3112", "share": 0.3},
        {"nace": "Q", "isco_code": "2221", "share": 0.6},
        {"nace": "Q", "isco_code": "3112", "share": 0.4},
    ]
    leavers = [
        {"study_field": f, "stem": stem, "year": y, "school_leavers": base + step * (y - 2018)}
        for f, stem, base, step in (("Bouw", 1, 100, 10), ("Zorg", 0, 200, 0))
        for y in range(2018, 2025)
    ]
    field_key = [
        {"study_field": "Bouw", "isco_code": "7112", "share": 1.0},
        {"study_field": "Zorg", "isco_code": "2221", "share": 1.0},
    ]
    years = range(2025, 2035)
    data = [
        _ds("employment", employment),
        _ds("age_structure", ages),
        _ds("sector_occupation_key", key),
        _ds("school_leavers", leavers),
        _ds("field_occupation_key", field_key),
        _ds("unemployment_forecast", [{"year": y, "unemployed": 1000} for y in years]),
        _ds("migration_inflow", [{"year": y, "migrants": 100} for y in years]),
    ]
    if adjustments:
        data.append(_ds("adjustment_factors", adjustments))
    return MarketData(data)


@pytest.fixture
def market():
    return small_market()
