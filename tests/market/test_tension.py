from __future__ import annotations

import csv

import pytest

from koers.market.bundled import FLANDERS, real_tension_datasets
from koers.market.dataset import Dataset, MarketData
from koers.market.tension import (
    BadPeriod,
    UnknownPeriod,
    bottlenecks,
    check_period,
    stability,
    tension_series,
    tension_table,
)


@pytest.fixture(scope="module")
def real():
    return MarketData(real_tension_datasets())


def test_real_april_2021_ratios_match_the_published_table(real):
    published = {
        r["occupation_nl"]: float(r["tension_ratio"])
        for r in csv.DictReader((FLANDERS / "tension_ratio_2021_04.csv").open(encoding="utf-8"))
    }
    rows = tension_table(real, "2021-04")
    assert len(rows) == len(published)
    for row in rows:
        assert row.tension_ratio == pytest.approx(published[row.occupation_nl], abs=0.011)
        assert not row.synthetic and "VDAB" in row.source


def test_bottlenecks_apply_ratio_and_vacancy_filter(real):
    found = bottlenecks(real, "2021-04")
    assert found and all(r.tension_ratio < 1 and r.vacancies >= 50 for r in found)
    assert [r.tension_ratio for r in found] == sorted(r.tension_ratio for r in found)
    assert len(bottlenecks(real, "2021-04", min_vacancies=500)) < len(found)


def test_stability_between_the_two_real_periods(real):
    result = stability(real, "2020-02", "2021-04")
    first = {r.occupation_nl for r in tension_table(real, "2020-02") if r.vacancies >= 50}
    second = {r.occupation_nl for r in tension_table(real, "2021-04") if r.vacancies >= 50}
    assert set(result.in_both) == first & second
    assert result.rank_correlation is not None and -1 <= result.rank_correlation <= 1


def test_unknown_period_names_the_periods_there_are(real):
    with pytest.raises(UnknownPeriod) as raised:
        tension_table(real, "2019-01")
    assert raised.value.code == "market.unknown_period"
    assert str(raised.value) == (
        "No vacancy and job-seeker figures for 2019-01. Periods with data: 2020-02, 2021-04."
    )
    with pytest.raises(BadPeriod):
        check_period("2021-13")
    assert check_period("2021-04") == "2021-04"


def test_tension_series_follows_each_occupation_over_periods(real):
    tightest = [r.occupation_nl for r in tension_table(real, "2021-04")[:3]]
    series = tension_series(real, ["2020-02", "2021-04"], tightest)
    assert list(series) == [name for name in tightest if name in series]
    for name, (periods, ratios) in series.items():
        expected = {
            p: r.tension_ratio
            for p in periods
            for r in tension_table(real, p)
            if r.occupation_nl == name
        }
        assert dict(zip(periods, ratios, strict=True)) == expected
    assert series, "the tightest occupations of 2021-04 have figures"


def test_zero_vacancies_are_skipped():
    rows = (
        {"occupation": "a", "period": "2025-01", "vacancies": 0},
        {"occupation": "b", "period": "2025-01", "vacancies": 10},
    )
    seekers = (
        {"occupation": "a", "period": "2025-01", "job_seekers": 5},
        {"occupation": "b", "period": "2025-01", "job_seekers": 5},
    )
    data = MarketData(
        [Dataset("vacancies", rows, "t", True), Dataset("job_seekers", seekers, "t", True)]
    )
    assert [r.occupation_nl for r in tension_table(data, "2025-01")] == ["b"]
