from __future__ import annotations

import pytest

from koers.market.backtest import SeriesTooShort, backtest, backtest_all
from koers.market.bundled import construction_vacancies_yearly


def test_trend_wins_on_a_steadily_growing_series():
    series = {2010 + i: 1000 * 1.05**i for i in range(10)}
    result = backtest("steady", series, hold_out=3)
    assert result.mape_forecast < result.mape_naive
    assert result.test_years == (2017, 2018, 2019)


def test_flat_series_has_no_error():
    result = backtest("flat", dict.fromkeys(range(2010, 2020), 500.0))
    assert result.mape_forecast == 0 and result.mape_naive == 0


def test_too_short_a_series_is_refused():
    with pytest.raises(SeriesTooShort, match="at least 3 years"):
        backtest("short", {2020: 1.0, 2021: 2.0, 2022: 3.0})


def test_real_construction_series_are_backtested():
    series = construction_vacancies_yearly()
    assert series["Totaal"][2017] == 18973 and series["Totaal"][2025] == 18363
    results = backtest_all(series)
    assert any(r.series == "Totaal" for r in results)
    total = next(r for r in results if r.series == "Totaal")
    assert total.test_years == (2023, 2024, 2025)
    assert total.naive == (25025.0, 25025.0, 25025.0)
