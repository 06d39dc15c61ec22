"""Benchmark labour-market intelligence. Prints one JSON object.

* a full forecast: all occupation groups, 5 years, 3 scenarios, with and without data
  preparation, its time and peak memory; beside it, in the same run, the demand part alone
  written as plain Python loops over the distribution key (supply, adjustments and result
  rows left out, so it is a floor, not the same work);
* the backtest on the real VDAB construction vacancies (and the open-vacancy stock as yearly
  means), last three years held out: per series the method chosen by rolling origin on the
  training years, its MAPE and MASE against naive (last value), the 80 % interval's coverage of
  the held-out years, its time; beside it the demand model's trend rule alone.
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
    from koers.market.backtest import OPEN_VACANCIES, backtest, backtest_all, construction_series
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

    start = time.perf_counter()
    backtests = backtest_all(construction_series())
    backtest_seconds = time.perf_counter() - start
    trend_rule = [
        backtest(r.series, construction_series()[r.series], method="trend") for r in backtests
    ]
    total = next(r for r in backtests if r.series == "Totaal")
    groups = [r for r in backtests if r.series not in ("Totaal", OPEN_VACANCIES)]
    covered = sum(
        lo <= a <= hi
        for r in backtests
        for a, lo, hi in zip(r.actual, r.lower, r.upper, strict=True)
    )
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
                    "seconds": backtest_seconds,
                    "per_series": [
                        {
                            "series": r.series,
                            "method": r.method,
                            "mape": r.mape,
                            "naive_mape": r.naive_mape,
                            "mase": r.mase,
                            "naive_mase": r.naive_mase,
                            "beats_naive": r.beats_naive,
                            "trend_rule_mape": t.mape,
                        }
                        for r, t in zip(backtests, trend_rule, strict=True)
                    ],
                    "total": {
                        "method": total.method,
                        "mape": total.mape,
                        "naive_mape": total.naive_mape,
                        "mase": total.mase,
                    },
                    "groups": len(groups),
                    "groups_where_chosen_beats_naive": sum(r.beats_naive for r in groups),
                    "groups_where_trend_rule_beats_naive": sum(
                        t.beats_naive
                        for t in trend_rule
                        if t.series not in ("Totaal", OPEN_VACANCIES)
                    ),
                    "median_mape_chosen": statistics.median(r.mape for r in groups),
                    "median_mape_naive": statistics.median(r.naive_mape for r in groups),
                    "median_mase_chosen": statistics.median(r.mase for r in groups),
                    "median_mase_naive": statistics.median(r.naive_mase for r in groups),
                    "interval_80_coverage_of_held_out_years": covered
                    / sum(len(r.actual) for r in backtests),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
