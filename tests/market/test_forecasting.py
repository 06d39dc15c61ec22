"""Forecasting methods, rolling-origin selection and prediction intervals, on hand-made series."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from koers.market.forecasting import (
    METHODS,
    MIN_TRAIN,
    PHI_BOUNDS,
    DampedTrend,
    damped_trend_filter,
    fit_damped_trend,
    interval,
    interval_scale,
    predict,
    rolling_origin,
    select_method,
)

HAND_MADE = [120.0, 131.0, 128.0, 140.0, 151.0, 149.0, 158.0, 166.0]


def slow_damped_trend(values, alpha, beta, phi, horizon):
    """The damped-trend recursions written out one value at a time, then the forecasts as an
    explicit sum of damped trend steps: (one-step errors, forecasts 1..horizon)."""
    level = values[1]
    trend = values[1] - values[0]
    errors = []
    for y in values[2:]:
        forecast = level + phi * trend
        errors.append(y - forecast)
        previous_level = level
        level = alpha * y + (1 - alpha) * (previous_level + phi * trend)
        trend = beta * (level - previous_level) + (1 - beta) * phi * trend
    forecasts = []
    for h in range(1, horizon + 1):
        damping = 0.0
        for i in range(1, h + 1):
            damping += phi**i
        forecasts.append(level + damping * trend)
    return errors, forecasts


def test_damped_trend_by_hand():
    """Four values, alpha = beta = 0.5, phi = 0.9, worked out on paper."""
    errors, level, trend = damped_trend_filter(np.array([10.0, 12.0, 13.0, 15.0]), 0.5, 0.5, 0.9)
    # state (12, 2); 13.8 forecast, error -0.8, state (13.4, 1.6); 14.84, error 0.16, (14.92, 1.48)
    assert errors.tolist() == pytest.approx([-0.8, 0.16])
    assert (level, trend) == pytest.approx((14.92, 1.48))
    model = DampedTrend(0.5, 0.5, 0.9, level, trend, sse=0.0)
    assert model.forecast(2).tolist() == pytest.approx([16.252, 17.4508])


@pytest.mark.parametrize("alpha,beta,phi", [(0.3, 0.1, 0.9), (0.8, 0.4, 0.98), (1.0, 0.0, 0.8)])
def test_damped_trend_matches_the_slow_reference(alpha, beta, phi):
    errors, level, trend = damped_trend_filter(np.array(HAND_MADE), alpha, beta, phi)
    slow_errors, slow_forecasts = slow_damped_trend(HAND_MADE, alpha, beta, phi, 5)
    assert errors.tolist() == pytest.approx(slow_errors)
    model = DampedTrend(alpha, beta, phi, level, trend, sse=float(errors @ errors))
    assert model.forecast(5).tolist() == pytest.approx(slow_forecasts)


def test_fitted_parameters_beat_a_slow_grid_search():
    fit = fit_damped_trend(HAND_MADE)
    assert 0 <= fit.alpha <= 1 and 0 <= fit.beta <= 1
    assert PHI_BOUNDS[0] <= fit.phi <= PHI_BOUNDS[1]
    grid = np.linspace(0, 1, 21)
    best_on_grid = min(
        sum(e * e for e in slow_damped_trend(HAND_MADE, a, b, p, 1)[0])
        for a, b, p in itertools.product(grid, grid, np.linspace(*PHI_BOUNDS, 10))
    )
    assert fit.sse <= best_on_grid + 1e-6
    errors, forecasts = slow_damped_trend(HAND_MADE, fit.alpha, fit.beta, fit.phi, 3)
    assert fit.sse == pytest.approx(sum(e * e for e in errors))
    assert fit.forecast(3).tolist() == pytest.approx(forecasts)


def test_damped_trend_flattens_out_on_a_straight_line():
    line = [100.0 + 10 * i for i in range(8)]
    steps = np.diff(np.concatenate([[line[-1]], fit_damped_trend(line).forecast(10)]))
    assert np.all(steps > 0) and np.all(np.diff(steps) < 0), "growing, ever more slowly"
    assert steps[0] == pytest.approx(10 * PHI_BOUNDS[1], rel=1e-3)


def test_every_method_forecasts_a_flat_series_exactly():
    for method in METHODS:
        assert predict(method, [50.0] * 6, 3).tolist() == pytest.approx([50.0] * 3), method


def test_rolling_origin_reaches_up_to_the_horizon():
    forecasts = rolling_origin("naive", HAND_MADE[:6], 3)
    # origins after 3, 4 and 5 values: 3 + 2 + 1 forecasts
    assert [f.horizon for f in forecasts] == [1, 2, 3, 1, 2, 1]
    assert [f.actual for f in forecasts] == [140.0, 151.0, 149.0, 151.0, 149.0, 149.0]
    assert [f.predicted for f in forecasts] == [128.0] * 3 + [140.0] * 2 + [151.0]
    assert MIN_TRAIN == 3


def test_selection_prefers_the_simplest_on_a_tie_and_the_trend_when_it_holds():
    assert select_method([70.0] * 7, 3).method == "naive"
    growing = [1000 * 1.06**i for i in range(7)]
    selection = select_method(growing, 3)
    scores = dict(selection.scores)
    assert selection.method in {"trend", "damped"} and scores[selection.method] < 2
    assert scores["naive"] > 5 > scores[selection.method]


def test_selection_only_sees_the_values_it_is_given():
    chosen = select_method(HAND_MADE[:6], 3)
    assert chosen == select_method(list(HAND_MADE[:6]), 3)
    assert chosen.forecasts == tuple(rolling_origin(chosen.method, HAND_MADE[:6], 3))


def test_intervals_contain_the_forecast_and_widen_with_the_horizon():
    forecasts = rolling_origin("ses", HAND_MADE, 3)
    scale = interval_scale(forecasts, 0.8)
    assert scale > 0
    point = predict("ses", HAND_MADE, 4)
    lower, upper = interval(point, scale)
    assert np.all(lower < point) and np.all(point < upper)
    assert np.all(np.diff(upper / point) > 0) and np.all(np.diff(lower / point) < 0)
    assert upper[3] / point[3] == pytest.approx(math.exp(scale * 2))
    assert interval_scale(forecasts, 0.95) > scale, "a higher level, a wider interval"
