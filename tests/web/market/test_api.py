"""The labour-market API: rows of the domain's own types, errors with codes."""

from __future__ import annotations

import pytest

from koers.market.backtest import BacktestResult
from koers.market.tension import TensionRow
from koers.rows import row_columns

pytestmark = [pytest.mark.db, pytest.mark.django_db]


def test_market_api(client):
    body = client.get("/api/market/bottlenecks", {"period": "2021-04"}).json()
    assert body and list(body[0]) == row_columns(TensionRow)
    assert client.get("/api/market/bottlenecks", {"period": "2021-13"}).status_code == 422
    missing = client.get("/api/market/bottlenecks", {"period": "1999-01"})
    assert missing.status_code == 404
    assert missing.json()["code"] == "market.unknown_period"
    rows = client.get(
        "/api/market/forecast", {"scenario": "recession", "horizon": 2, "isco_code": "2221"}
    ).json()
    assert [r["year"] for r in rows] == [2026, 2027]
    assert client.get("/api/market/forecast", {"horizon": 99}).status_code == 422
    assert len(client.get("/api/market/barometer", {"collection": "green", "limit": 5}).json()) == 5
    unknown = client.get("/api/market/barometer", {"sector": "ZZ"})
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "market.unknown_sector"
    assert len(client.get("/api/market/bottleneck-list-2026").json()) == 227


def test_backtest_api_rows_are_the_domain_rows(client):
    rows = client.get("/api/market/backtest").json()
    assert list(rows[0]) == row_columns(BacktestResult)
    total = next(r for r in rows if r["series"] == "Totaal")
    assert total["method"] and total["mape"] < total["naive_mape"] and total["beats_naive"]
    assert total["mase"] > 0 and total["naive_mase"] > total["mase"]
    assert all(
        lo <= f <= hi
        for lo, f, hi in zip(total["lower"], total["forecast"], total["upper"], strict=True)
    )
