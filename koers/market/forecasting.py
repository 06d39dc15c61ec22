"""Yearly forecasts that have to earn their place against the naive forecast.

Every method maps the training values of one yearly series to forecasts 1..h years ahead:

* ``naive``: every future year equals the last observed one;
* ``mean``: the mean of the training years (series that swing around a level);
* ``ses``: simple exponential smoothing, its smoothing weight fitted by least squares;
* ``damped``: Holt's linear trend with a damped trend (Gardner & McKenzie), its three
  parameters (level weight alpha, trend weight beta, damping phi in [0.8, 0.98]) fitted by
  least squares of the one-step errors with :func:`scipy.optimize.minimize`;
* ``trend``: the demand model's trend rule (mean log growth, damped; see
  :func:`koers.market.forecast.scenario_growth`);
* ``damped+naive``: the mean of ``damped`` and ``naive`` (combinations are hard to beat).

:func:`select_method` picks one method per series by a rolling-origin backtest on the values
it is given (so a caller that holds years out must pass the training years only): from every
origin with at least :data:`MIN_TRAIN` years, each candidate forecasts the following years up
to the horizon, and the candidate with the lowest mean absolute percentage error over all
those forecasts wins (ties go to the earlier, simpler candidate).

Prediction intervals come from the same rolling-origin forecasts of the chosen method: the
log errors ``log(actual / forecast)`` at horizon ``h`` are divided by ``sqrt(h)`` and give one
one-year standard deviation (root mean square, so a bias widens the interval too); ``h`` years
ahead the interval is ``forecast * exp(± q * sigma * sqrt(h))`` with ``q`` the Student-t
quantile for the level, with as many degrees of freedom as there are errors (few errors, wider
intervals). The interval always contains the forecast and widens with the horizon.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize, stats

from koers.market.forecast import scenario_growth

FloatArray = npt.NDArray[np.float64]
Method = Callable[[FloatArray, int], FloatArray]

MIN_TRAIN = 3  # the fewest years a rolling-origin forecast starts from
PHI_BOUNDS = (0.8, 0.98)  # damping, as Hyndman & Athanasopoulos recommend
LEVEL = 0.8  # the default prediction-interval level


@dataclass(frozen=True, slots=True)
class DampedTrend:
    """A fitted damped-trend model: its parameters and its final level and trend."""

    alpha: float
    beta: float
    phi: float
    level: float
    trend: float
    sse: float

    def forecast(self, horizon: int) -> FloatArray:
        """``level + (phi + phi² + … + phi^h) * trend`` for h = 1..horizon."""
        steps = np.cumsum(self.phi ** np.arange(1, horizon + 1))
        return np.asarray(self.level + steps * self.trend, dtype=float)


def damped_trend_filter(
    values: FloatArray, alpha: float, beta: float, phi: float
) -> tuple[FloatArray, float, float]:
    """Run the damped-trend recursions over ``values``.

    The first two values set the state (level ``y1``, trend ``y1 - y0``); from the third on,
    each value is first forecast one step ahead, then the state is updated:
    ``level' = alpha*y + (1-alpha)*(level + phi*trend)``,
    ``trend' = beta*(level' - level) + (1-beta)*phi*trend``.
    Returns the one-step errors (one per value from the third) and the final level and trend.
    """
    level, trend = float(values[1]), float(values[1] - values[0])
    errors = np.empty(len(values) - 2)
    for i, y in enumerate(values[2:]):
        predicted = level + phi * trend
        errors[i] = y - predicted
        new_level = alpha * y + (1 - alpha) * predicted
        trend = beta * (new_level - level) + (1 - beta) * phi * trend
        level = new_level
    return errors, level, trend


def fit_damped_trend(values: Sequence[float] | FloatArray) -> DampedTrend:
    """Least-squares damped trend: the parameters that minimise the one-step squared errors.

    Several starting points, bounded L-BFGS-B; needs at least three values.
    """
    y = np.asarray(values, dtype=float)
    if len(y) < 3:
        raise ValueError("a damped trend needs at least three values")

    def sse(params: FloatArray) -> float:
        errors, _, _ = damped_trend_filter(y, *params)
        return float(errors @ errors)

    bounds = [(0.0, 1.0), (0.0, 1.0), PHI_BOUNDS]
    best: tuple[float, FloatArray] | None = None
    for start in ((0.5, 0.1, 0.9), (0.9, 0.5, 0.95), (0.2, 0.05, 0.85), (0.9, 0.05, 0.9)):
        found = optimize.minimize(sse, np.array(start), method="L-BFGS-B", bounds=bounds)
        if best is None or found.fun < best[0] - 1e-12:
            best = (float(found.fun), np.asarray(found.x, dtype=float))
    assert best is not None
    alpha, beta, phi = (float(v) for v in best[1])
    _, level, trend = damped_trend_filter(y, alpha, beta, phi)
    return DampedTrend(alpha, beta, phi, level, trend, best[0])


def _ses_filter(values: FloatArray, alpha: float) -> tuple[FloatArray, float]:
    level = float(values[0])
    errors = np.empty(len(values) - 1)
    for i, y in enumerate(values[1:]):
        errors[i] = y - level
        level += alpha * errors[i]
    return errors, level


def naive(values: FloatArray, horizon: int) -> FloatArray:
    return np.full(horizon, float(values[-1]))


def historical_mean(values: FloatArray, horizon: int) -> FloatArray:
    return np.full(horizon, float(np.mean(values)))


def ses(values: FloatArray, horizon: int) -> FloatArray:
    """Simple exponential smoothing, alpha in [0, 1] fitted by least squares."""

    def sse(alpha: float) -> float:
        errors, _ = _ses_filter(values, alpha)
        return float(errors @ errors)

    alpha = float(optimize.minimize_scalar(sse, bounds=(0.0, 1.0), method="bounded").x)
    return np.full(horizon, _ses_filter(values, alpha)[1])


def damped(values: FloatArray, horizon: int) -> FloatArray:
    return fit_damped_trend(values).forecast(horizon)


def trend_rule(values: FloatArray, horizon: int) -> FloatArray:
    growth = scenario_growth(values[np.newaxis, :], "baseline", horizon)[0]
    return np.asarray(values[-1] * np.cumprod(1 + growth), dtype=float)


def damped_and_naive(values: FloatArray, horizon: int) -> FloatArray:
    return (damped(values, horizon) + naive(values, horizon)) / 2


# In order of preference when two score the same: the simplest first.
METHODS: dict[str, Method] = {
    "naive": naive,
    "mean": historical_mean,
    "ses": ses,
    "damped": damped,
    "trend": trend_rule,
    "damped+naive": damped_and_naive,
}


def predict(method: str, values: Sequence[float] | FloatArray, horizon: int) -> FloatArray:
    """Forecasts 1..horizon of ``method`` from ``values``, never below zero."""
    y = np.asarray(values, dtype=float)
    return np.maximum(METHODS[method](y, horizon), 0.0)


@dataclass(frozen=True, slots=True)
class OriginForecast:
    """One forecast of a rolling-origin backtest: ``horizon`` years after its origin."""

    horizon: int
    actual: float
    predicted: float


def rolling_origin(
    method: str, values: Sequence[float] | FloatArray, horizon: int
) -> list[OriginForecast]:
    """Forecasts of ``method`` from every origin with at least :data:`MIN_TRAIN` values, each
    up to ``horizon`` years ahead (as far as ``values`` reach)."""
    y = np.asarray(values, dtype=float)
    found = []
    for origin in range(MIN_TRAIN, len(y)):
        steps = min(horizon, len(y) - origin)
        predicted = predict(method, y[:origin], steps)
        found += [
            OriginForecast(h + 1, float(y[origin + h]), float(predicted[h])) for h in range(steps)
        ]
    return found


def mape(actual: FloatArray, predicted: FloatArray) -> float:
    """Mean absolute percentage error, in percent."""
    return float(np.mean(np.abs(predicted - actual) / np.abs(actual)) * 100)


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen method, every candidate's rolling-origin MAPE, and the chosen one's forecasts."""

    method: str
    scores: tuple[tuple[str, float], ...]
    forecasts: tuple[OriginForecast, ...]


def select_method(
    values: Sequence[float] | FloatArray,
    horizon: int,
    candidates: Sequence[str] = tuple(METHODS),
) -> Selection:
    """The candidate with the lowest rolling-origin MAPE on ``values`` (see the module)."""
    y = np.asarray(values, dtype=float)
    if len(y) <= MIN_TRAIN:
        raise ValueError(f"rolling-origin selection needs more than {MIN_TRAIN} values")
    scores, runs = [], {}
    for name in candidates:
        runs[name] = rolling_origin(name, y, horizon)
        actual = np.array([f.actual for f in runs[name]])
        predicted = np.array([f.predicted for f in runs[name]])
        scores.append((name, mape(actual, predicted)))
    best = scores[0]
    for score in scores[1:]:
        if score[1] < best[1] - 1e-9:
            best = score
    return Selection(best[0], tuple(scores), tuple(runs[best[0]]))


def interval_scale(forecasts: Sequence[OriginForecast], level: float = LEVEL) -> float:
    """Half-width of the one-year interval on the log scale, ``q * sigma`` (see the module)."""
    scaled = [
        math.log(max(f.actual, 1e-9) / max(f.predicted, 1e-9)) / math.sqrt(f.horizon)
        for f in forecasts
    ]
    if not scaled:
        return 0.0
    sigma = math.sqrt(sum(e * e for e in scaled) / len(scaled))
    return float(stats.t.ppf(0.5 + level / 2, df=len(scaled))) * sigma


def interval(
    forecast: Sequence[float] | FloatArray, scale: float, horizons: Sequence[int] | None = None
) -> tuple[FloatArray, FloatArray]:
    """Lower and upper bounds ``forecast * exp(∓ scale * sqrt(h))``; ``h`` defaults to 1, 2, …"""
    point = np.asarray(forecast, dtype=float)
    h = np.arange(1, len(point) + 1) if horizons is None else np.asarray(horizons, dtype=float)
    spread = np.exp(scale * np.sqrt(h))
    return point / spread, point * spread
