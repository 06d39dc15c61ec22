"""Benchmark labour-market intelligence. Prints one JSON object.

* a full forecast: all occupation groups, 5 years, 3 scenarios, with and without data
  preparation, its time and peak memory; beside it, in the same run, the demand part alone
  written as plain Python loops over the distribution key (supply, adjustments and result
  rows left out, so it is a floor, not the same work);
* the backtest on the real VDAB construction vacancies: trend rule against naive last value.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_demand(
    inputs, scenario_rates: dict[str, list[float]], horizon: int
) -> dict[tuple[str, int], float]:
    """Baseline: expansion + replacement per occupation and year with dicts and loops."""
    key: dict[str, dict[str, float]] = {}
    for s, sector in enumerate(inputs.sectors):
        for o, code in enumerate(inputs.occupations):
            if inputs.key[s, o]:
                key.setdefault(sector, {})[code] = float(inputs.key[s, o])
    demand: dict[tuple[str, int], float] = {}
    for s, sector in enumerate(inputs.sectors):
        level = float(inputs.employment[s, -1])
        for h in range(horizon):
            new = level * (1 + scenario_rates[sector][h])
            share = min(0.9, max(0.0, inputs.share_55[s] + inputs.share_55_trend[s] * (h + 1)))
            outflow = share * inputs.outflow_55[s] + (1 - share) * inputs.outflow_young[s]
            sector_demand = (new - level) + level * outflow
            for code, part in key.get(sector, {}).items():
                demand[code, h] = demand.get((code, h), 0.0) + part * sector_demand
            level = new
    return demand


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from koers.market.backtest import backtest_all
    from koers.market.bundled import construction_vacancies_yearly
    from koers.market.forecast import DAMPING, SCENARIOS, forecast
    from koers.market.forecast_inputs import prepare
    from koers.market.sources import market_data

    data = market_data()
    prepare(data)  # warm caches (taxonomy, synthetic set)
    runs, peaks = [], []
    for attempt in range(5):
        tracemalloc.start() if attempt == 0 else None
        start = time.perf_counter()
        inputs = prepare(data)
        results = {name: forecast(inputs, scenario=name, horizon=5) for name in SCENARIOS}
        runs.append(time.perf_counter() - start)
        if attempt == 0:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    rows = sum(len(r) for r in results.values())
    forecast_only = []
    for _ in range(5):
        start = time.perf_counter()
        for name in SCENARIOS:
            forecast(inputs, scenario=name, horizon=5)
        forecast_only.append(time.perf_counter() - start)

    import numpy as np

    logs = np.diff(np.log(inputs.employment), axis=1).mean(axis=1)
    rates = {
        sector: [math.expm1(logs[s] * DAMPING**h) for h in range(5)]
        for s, sector in enumerate(inputs.sectors)
    }
    baseline_runs = []
    for _ in range(3):
        start = time.perf_counter()
        for _scenario in SCENARIOS:
            python_demand(inputs, rates, 5)
        baseline_runs.append(time.perf_counter() - start)

    backtests = backtest_all(construction_vacancies_yearly())
    total = next(r for r in backtests if r.series == "Totaal")
    print(
        json.dumps(
            {
                "benchmark": "market",
                "full_forecast": {
                    "occupation_groups": len(inputs.occupations),
                    "sectors": len(inputs.sectors),
                    "rows": rows,
                    "seconds_median_with_data_preparation": statistics.median(runs),
                    "seconds_median_forecast_only": statistics.median(forecast_only),
                    "peak_python_mb": peaks[0] / 1e6,
                    "python_loop_demand_baseline_seconds_median": statistics.median(baseline_runs),
                },
                "backtest_construction_vacancies": {
                    "series": len(backtests),
                    "hold_out_years": list(total.test_years),
                    "total_mape_trend": total.mape_forecast,
                    "total_mape_naive": total.mape_naive,
                    "median_mape_trend": statistics.median(r.mape_forecast for r in backtests),
                    "median_mape_naive": statistics.median(r.mape_naive for r in backtests),
                    "series_where_trend_beats_naive": sum(
                        r.mape_forecast < r.mape_naive for r in backtests
                    ),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
