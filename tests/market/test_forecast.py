"""The forecast against a slow, written-out reference on a hand-made market."""

from __future__ import annotations

import itertools
import math

import pytest

from koers.market.dataset import MarketData, MissingMarketData
from koers.market.forecast import (
    DAMPING,
    REEMPLOYMENT_RATE,
    HorizonOutOfRange,
    UnknownScenario,
    all_scenarios,
    forecast,
)
from koers.market.forecast_inputs import EmploymentGaps, prepare
from tests.market.conftest import small_market


def reference_demand(employment: list[float], share: float, trend: float, horizon: int):
    """Expansion and replacement of one sector, year by year, with plain loops."""
    logs = [math.log(b / a) for a, b in itertools.pairwise(employment)]
    mean = sum(logs) / len(logs)
    level, rows = employment[-1], []
    for h in range(horizon):
        new = level * math.exp(mean * DAMPING**h)
        s = share + trend * (h + 1)
        rows.append((new - level, level * (s * 0.12 + (1 - s) * 0.03)))
        level = new
    return rows


def test_baseline_matches_the_reference(market):
    rows = forecast(prepare(market), scenario="baseline", horizon=3)
    f = reference_demand([1000, 1020, 1040, 1061, 1082], 0.24, 0.01, 3)
    q = reference_demand([2000, 2100, 2205, 2315, 2431], 0.29, 0.01, 3)
    by_key = {(r.isco_code, r.year): r for r in rows}
    for h, year in enumerate((2025, 2026, 2027)):
        nurse, technician, builder = (
            by_key["2221", year],
            by_key["3112", year],
            by_key["7112", year],
        )
        assert nurse.expansion_demand == pytest.approx(0.6 * q[h][0], rel=1e-6)
        assert nurse.replacement_demand == pytest.approx(0.6 * q[h][1], rel=1e-6)
        assert technician.expansion_demand == pytest.approx(0.3 * f[h][0] + 0.4 * q[h][0], rel=1e-6)
        assert builder.total_demand == pytest.approx(0.7 * (f[h][0] + f[h][1]), rel=1e-6)


def test_supply_school_leavers_unemployed_and_migrants(market):
    inputs = prepare(market)
    rows = {(r.isco_code, r.year): r for r in forecast(inputs, horizon=1)}
    share_f, share_q = 1082 / (1082 + 2431), 2431 / (1082 + 2431)
    from_labour = 1000 * REEMPLOYMENT_RATE + 100
    expected_builders = 130 + 0.7 * share_f * from_labour  # Bouw leavers average 130
    assert rows["7112", 2025].new_supply == pytest.approx(expected_builders, rel=1e-6)
    expected_nurses = 200 + 0.6 * share_q * from_labour
    assert rows["2221", 2025].new_supply == pytest.approx(expected_nurses, rel=1e-6)
    assert rows["2221", 2025].gap == pytest.approx(
        rows["2221", 2025].total_demand - expected_nurses
    )


def test_stem_trend_raises_stem_supply_only(market):
    inputs = prepare(market)
    base = {(r.isco_code, r.year): r.new_supply for r in forecast(inputs, horizon=3)}
    stem = {
        (r.isco_code, r.year): r.new_supply
        for r in forecast(inputs, horizon=3, supply_scenario="stem_trend")
    }
    assert stem["7112", 2027] > base["7112", 2027]
    assert stem["2221", 2027] == pytest.approx(base["2221", 2027])


def test_scenarios_are_ordered(market):
    results = all_scenarios(prepare(market), horizon=3)
    first = {
        name: sum(r.total_demand for r in rows if r.year == 2025) for name, rows in results.items()
    }
    assert first["growth"] > first["baseline"] > first["recession"]


def test_adjustments_are_applied_and_named():
    adjusted = small_market(
        adjustments=[
            {
                "round": "ex_ante",
                "origin": "expert_panel",
                "scope": "sector",
                "code": "Q",
                "factor": 1.2,
                "note": "ageing",
            },
            {
                "round": "validation",
                "origin": "employer_survey",
                "scope": "occupation",
                "code": "7112",
                "factor": 0.5,
                "note": None,
            },
        ]
    )
    plain = {(r.isco_code, r.year): r for r in forecast(prepare(small_market()), horizon=5)}
    rows = {(r.isco_code, r.year): r for r in forecast(prepare(adjusted), horizon=5)}
    assert rows["2221", 2029].employment == pytest.approx(plain["2221", 2029].employment * 1.2)
    assert rows["7112", 2027].total_demand == pytest.approx(plain["7112", 2027].total_demand * 0.5)
    assert any("ageing" in a for a in rows["2221", 2027].adjustments)
    assert any("employer survey" in a for a in rows["7112", 2027].adjustments)


def test_bad_options_and_missing_data(market):
    inputs = prepare(market)
    with pytest.raises(UnknownScenario) as raised:
        forecast(inputs, scenario="boom")
    assert (
        str(raised.value) == "Unknown scenario “boom”; choose one of: baseline, growth, recession."
    )
    with pytest.raises(HorizonOutOfRange, match="between 1 and 15 years"):
        forecast(inputs, horizon=0)
    with pytest.raises(MissingMarketData, match="koers market import employment"):
        prepare(MarketData([]))


def test_a_gap_in_the_employment_series_is_named(market):
    employment = market.require("employment")
    holed = [r for r in employment.rows if (r["nace"], r["year"]) != ("F", 2022)]
    data = MarketData(
        [*market.datasets, type(employment)("employment", tuple(holed), "test", True)]
    )
    with pytest.raises(EmploymentGaps) as raised:
        prepare(data)
    assert raised.value.code == "forecast.employment_gaps"
    assert "F 2022" in str(raised.value)


def test_full_synthetic_forecast_is_complete_and_labelled():
    from koers.market.sources import market_data

    inputs = prepare(market_data())
    rows = forecast(inputs, horizon=5)
    assert len(rows) == 5 * len(inputs.occupations)
    assert all(math.isfinite(r.gap) for r in rows)
    assert len(inputs.sources) >= 7
    assert all("synthetic" in source for kind, source in inputs.sources.items())
