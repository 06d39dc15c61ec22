"""Backtests: hold out the last years of a real series, forecast them, compare with naive.

For each series the forecasting method is chosen by a rolling-origin backtest on the training
years only (:func:`koers.market.forecasting.select_method`; the held-out years are never seen
while choosing), fitted on all training years and used to forecast the held-out years, with an
80 % prediction interval from the chosen method's rolling-origin errors. The baseline is the
naive forecast that every held-out year equals the last observed one.

Errors on the held-out years: the mean absolute percentage error (MAPE) of the chosen method
and of naive, and the mean absolute scaled error (MASE: mean absolute error divided by the
mean absolute one-year change over the training years, i.e. the in-sample naive one-step
error; below 1 the forecast errs less than naive did in-sample).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from koers.errors import InvalidInput
from koers.market.bundled import (
    construction_open_vacancies_monthly,
    construction_vacancies_yearly,
)
from koers.market.forecasting import (
    LEVEL,
    MIN_TRAIN,
    interval,
    interval_scale,
    mape,
    naive,
    predict,
    rolling_origin,
    select_method,
)

HOLD_OUT = 3
OPEN_VACANCIES = "Openstaande vacatures (jaargemiddelde)"


class SeriesTooShort(InvalidInput):
    code = "market.series_too_short"
    message = "A backtest needs at least {needed} years of history before the held-out years."


@dataclass(frozen=True, slots=True)
class BacktestResult:
    """One series held out and forecast: the chosen method against naive."""

    series: str
    method: str  # chosen on the training years by rolling origin
    train_years: tuple[int, ...]
    test_years: tuple[int, ...]
    actual: tuple[float, ...]
    forecast: tuple[float, ...]
    naive: tuple[float, ...]
    lower: tuple[float, ...]  # the 80 % prediction interval per held-out year
    upper: tuple[float, ...]
    mape: float  # of the chosen method, in percent
    naive_mape: float
    mase: float
    naive_mase: float
    beats_naive: bool  # mape < naive_mape
    interval_scale: float  # log half-width of the one-year 80 % interval (× sqrt(h) later)

    @property
    def ratio(self) -> float:
        """Forecast error relative to naive (below 1: the forecast beats naive)."""
        return self.mape / self.naive_mape if self.naive_mape else float("inf")


def _mase(actual: np.ndarray, predicted: np.ndarray, scale: float) -> float:
    error = float(np.mean(np.abs(predicted - actual)))
    if scale == 0:
        return 0.0 if error == 0 else float("inf")
    return error / scale


def backtest(
    name: str,
    series: Mapping[int, float],
    *,
    hold_out: int = HOLD_OUT,
    level: float = LEVEL,
    method: str | None = None,
) -> BacktestResult:
    """Backtest one yearly series, holding out its last ``hold_out`` years.

    ``method`` forces one method of :data:`koers.market.forecasting.METHODS` instead of the
    rolling-origin choice (to backtest that method itself, e.g. the demand model's ``trend``).
    """
    years = sorted(y for y, v in series.items() if v > 0)
    if len(years) < hold_out + MIN_TRAIN + 1:
        raise SeriesTooShort(needed=MIN_TRAIN + 1)
    train, test = years[:-hold_out], years[-hold_out:]
    history = np.array([series[y] for y in train], dtype=float)
    actual = np.array([series[y] for y in test], dtype=float)
    if method is None:
        selection = select_method(history, hold_out)  # sees the training years only
        method, forecasts = selection.method, list(selection.forecasts)
    else:
        forecasts = rolling_origin(method, history, hold_out)
    predicted = predict(method, history, hold_out)
    scale = interval_scale(forecasts, level)
    lower, upper = interval(predicted, scale)
    baseline = naive(history, hold_out)
    in_sample = float(np.mean(np.abs(np.diff(history))))
    model_mape, naive_mape = round(mape(actual, predicted), 2), round(mape(actual, baseline), 2)
    return BacktestResult(
        series=name,
        method=method,
        train_years=tuple(train),
        test_years=tuple(test),
        actual=tuple(actual.tolist()),
        forecast=tuple(np.round(predicted, 1).tolist()),
        naive=tuple(baseline.tolist()),
        lower=tuple(np.round(lower, 1).tolist()),
        upper=tuple(np.round(upper, 1).tolist()),
        mape=model_mape,
        naive_mape=naive_mape,
        mase=round(_mase(actual, predicted, in_sample), 3),
        naive_mase=round(_mase(actual, baseline, in_sample), 3),
        beats_naive=model_mape < naive_mape,
        interval_scale=round(scale, 4),
    )


def backtest_all(
    series: Mapping[str, Mapping[int, float]], *, hold_out: int = HOLD_OUT, min_level: float = 100
) -> list[BacktestResult]:
    """Backtest every series whose values all reach ``min_level`` (small groups are noise)."""
    results = []
    for name, values in series.items():
        if len(values) >= hold_out + MIN_TRAIN + 1 and min(values.values()) >= min_level:
            results.append(backtest(name, values, hold_out=hold_out))
    return results


def yearly_means(monthly: Sequence[tuple[str, float]]) -> dict[int, float]:
    """Mean of the monthly values ("YYYY-MM", value) per calendar year, complete years only."""
    months: dict[int, list[float]] = {}
    for period, value in monthly:
        months.setdefault(int(period[:4]), []).append(value)
    return {year: sum(v) / 12 for year, v in sorted(months.items()) if len(v) == 12}


def construction_series() -> dict[str, dict[int, float]]:
    """The real construction series: received vacancies per occupation group and in total
    (yearly), and the month-end stock of open vacancies as yearly means."""
    series = dict(construction_vacancies_yearly())
    series[OPEN_VACANCIES] = yearly_means(construction_open_vacancies_monthly())
    return series


@cache
def construction_backtests() -> tuple[BacktestResult, ...]:
    """Backtests of every real construction series (the data ship with Koers, so once)."""
    return tuple(backtest_all(construction_series()))
