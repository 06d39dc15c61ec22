"""Backtests: hold out the last years of a real series, forecast them, compare with naive.

The forecast is the trend rule the demand model uses for sector employment (the mean yearly
log growth over the training years); the baseline is the naive forecast that every held-out
year equals the last observed one. Errors are mean absolute percentage errors (MAPE).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from koers.errors import InvalidInput
from koers.market.forecast import scenario_growth


class SeriesTooShort(InvalidInput):
    code = "market.series_too_short"
    message = "A backtest needs at least {needed} years of history before the held-out years."


@dataclass(frozen=True, slots=True)
class BacktestResult:
    series: str
    train_years: tuple[int, ...]
    test_years: tuple[int, ...]
    actual: tuple[float, ...]
    forecast: tuple[float, ...]
    naive: tuple[float, ...]
    mape_forecast: float
    mape_naive: float

    @property
    def ratio(self) -> float:
        """Forecast error relative to naive (below 1: the forecast beats naive)."""
        return self.mape_forecast / self.mape_naive if self.mape_naive else float("inf")


def _mape(actual: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.mean(np.abs(predicted - actual) / np.abs(actual)) * 100)


def backtest(name: str, series: Mapping[int, float], *, hold_out: int = 3) -> BacktestResult:
    """Backtest one yearly series, holding out its last ``hold_out`` years."""
    years = sorted(y for y, v in series.items() if v > 0)
    if len(years) < hold_out + 3:
        raise SeriesTooShort(needed=3)
    train, test = years[:-hold_out], years[-hold_out:]
    history = np.array([[series[y] for y in train]], dtype=float)
    growth = scenario_growth(history, "baseline", hold_out)[0]
    predicted = history[0, -1] * np.cumprod(1 + growth)
    actual = np.array([series[y] for y in test], dtype=float)
    naive = np.full(hold_out, history[0, -1])
    return BacktestResult(
        series=name,
        train_years=tuple(train),
        test_years=tuple(test),
        actual=tuple(actual.tolist()),
        forecast=tuple(np.round(predicted, 1).tolist()),
        naive=tuple(naive.tolist()),
        mape_forecast=round(_mape(actual, predicted), 2),
        mape_naive=round(_mape(actual, naive), 2),
    )


def backtest_all(
    series: Mapping[str, Mapping[int, float]], *, hold_out: int = 3, min_level: float = 100
) -> list[BacktestResult]:
    """Backtest every series whose values all reach ``min_level`` (small groups are noise)."""
    results = []
    for name, values in series.items():
        if len(values) >= hold_out + 3 and min(values.values()) >= min_level:
            results.append(backtest(name, values, hold_out=hold_out))
    return results
