"""The market's outlook per occupation: forecast growth and the latest tension ratio."""

from __future__ import annotations

import math

import pytest

from koers.market.bundled import real_tension_datasets
from koers.market.dataset import MarketData
from koers.market.forecast_inputs import prepare
from koers.market.occupation_outlook import (
    GROWTH_SCALE,
    UNCERTAIN,
    MarketOutlook,
    growth_beats_naive,
)
from koers.market.sources import synthetic_datasets
from koers.market.tension import tension_table
from koers.outlook import NEUTRAL


@pytest.fixture(scope="module")
def real_tension_only():
    """Real VDAB tension tables, and the synthetic series only for what the forecast needs."""
    forecast_kinds = [d for d in synthetic_datasets() if d.kind not in ("vacancies", "job_seekers")]
    return MarketData([*real_tension_datasets(), *forecast_kinds])


@pytest.fixture(scope="module")
def outlook(taxonomy, real_tension_only):
    """As in production: the growth part counts only if the trend rule beats naive."""
    return MarketOutlook(taxonomy, real_tension_only, prepare(real_tension_only))


@pytest.fixture(scope="module")
def trusting(taxonomy, real_tension_only):
    """The growth part counted, as it would be once the trend rule beats naive."""
    inputs = prepare(real_tension_only)
    return MarketOutlook(taxonomy, real_tension_only, inputs, growth_trusted=True)


def _untensioned(outlook, taxonomy, real_tension_only):
    with_tension = {r.esco_uri for r in tension_table(real_tension_only, "2021-04")}
    return next(
        o
        for o in taxonomy.occupations
        if o.uri not in with_tension and o.isco_code in outlook.growth
    )


def test_tension_part_follows_the_latest_real_ratio(outlook, real_tension_only, taxonomy):
    rows = [r for r in tension_table(real_tension_only, "2021-04") if r.esco_uri]
    once = [r for r in rows if sum(other.esco_uri == r.esco_uri for other in rows) == 1]
    assert len(once) >= 10
    for row in once:
        signal = outlook.outlook(row.esco_uri)
        assert signal.tension_ratio == row.tension_ratio
        assert signal.tension_period == "2021-04"
        assert "(VDAB)" in signal.summary
        parts = [math.tanh(1 - row.tension_ratio)]
        if signal.growth is not None:
            parts.append(math.tanh(signal.growth / GROWTH_SCALE))
        assert signal.score == pytest.approx(sum(parts) / len(parts), abs=1e-3)
    tightest = min(once, key=lambda r: r.tension_ratio)
    assert outlook.outlook(tightest.esco_uri).score > 0, "a bottleneck raises the outlook"


def test_growth_alone_where_no_tension_is_known(trusting, taxonomy, real_tension_only):
    signal = trusting.outlook(_untensioned(trusting, taxonomy, real_tension_only).uri)
    assert signal.tension_ratio is None
    assert signal.score == pytest.approx(math.tanh(signal.growth / GROWTH_SCALE), abs=1e-3)
    assert signal.synthetic and "(synthetic)" in signal.summary


def test_the_trend_rule_loses_to_naive_so_growth_is_uncertain(outlook, taxonomy, real_tension_only):
    """On the real construction total the trend rule errs 44.3 % against naive's 30.7 %."""
    assert growth_beats_naive() is False
    assert outlook.growth_trusted is False
    plain = _untensioned(outlook, taxonomy, real_tension_only)
    signal = outlook.outlook(plain.uri)
    assert signal.growth is None and signal.score == 0
    assert signal.summary == UNCERTAIN and "uncertain" in signal.summary
    rows = [r for r in tension_table(real_tension_only, "2021-04") if r.esco_uri]
    tight = min(rows, key=lambda r: r.tension_ratio)
    signal = outlook.outlook(tight.esco_uri)
    assert UNCERTAIN in signal.summary and "(VDAB)" in signal.summary
    assert signal.score == pytest.approx(math.tanh(1 - signal.tension_ratio), abs=1e-3)
    assert not signal.synthetic, "only real figures moved the score"


def test_unknown_occupation_is_neutral(outlook):
    assert outlook.outlook("http://example.org/none") is NEUTRAL
