"""The command line of labour-market data and forecasts."""

from __future__ import annotations

import pytest

from koers.cli import app
from tests.cli import run_json, runner

# Career steps, market and forecast commands read imported data sets from the database.
pytestmark = [pytest.mark.db, pytest.mark.django_db]
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
PHYSIO = "http://data.europa.eu/esco/occupation/006cc1f9-2841-41c3-991a-dc3f2f3bd533"


def test_market_bottlenecks_json_real_period():
    rows = run_json("market", "bottlenecks", "--period", "2021-04", "--json")
    assert rows[0]["occupation_nl"] == "Hoofdverpleegkundige"
    assert set(rows[0]) >= {
        "occupation_nl",
        "esco_uri",
        "job_seekers",
        "vacancies",
        "tension_ratio",
    }


def test_market_bottlenecks_bad_period():
    result = runner.invoke(app, ["market", "bottlenecks", "--period", "April"])
    assert result.exit_code == 2 and "YYYY-MM" in result.output


def test_forecast_json_shape():
    rows = run_json("forecast", "--scenario", "growth", "--horizon", "2", "--json")
    assert {r["year"] for r in rows} == {2026, 2027}
    keys = {
        "occupation_uri",
        "year",
        "expansion_demand",
        "replacement_demand",
        "total_demand",
        "new_supply",
        "gap",
    }
    assert keys <= set(rows[0])


def test_forecast_backtest_json_shape():
    rows = run_json("forecast", "backtest", "--json")
    assert {"series", "method", "mape", "naive_mape", "mase", "beats_naive"} <= set(rows[0])
    total = next(r for r in rows if r["series"] == "Totaal")
    assert total["test_years"] == [2023, 2024, 2025]
    assert total["beats_naive"] and total["mape"] < total["naive_mape"]
    assert len(total["lower"]) == len(total["upper"]) == 3
    assert "Openstaande vacatures (jaargemiddelde)" in {r["series"] for r in rows}


def test_forecast_backtest_table():
    result = runner.invoke(app, ["forecast", "backtest"])
    assert result.exit_code == 0, result.output
    assert "beat naive" in result.output and "Totaal" in result.output


def test_synthetic_files_drop_in_through_import(tmp_path):
    """A data set in the documented formats replaces the synthetic one without code changes."""
    before = run_json("forecast", "--horizon", "1", "--json")
    result = runner.invoke(app, ["market", "synthetic", str(tmp_path), "--seed", "11"])
    assert result.exit_code == 0, result.output
    for kind in (
        "employment",
        "age_structure",
        "sector_occupation_key",
        "school_leavers",
        "field_occupation_key",
        "unemployment_forecast",
        "migration_inflow",
    ):
        result = runner.invoke(
            app,
            ["market", "import", kind, str(tmp_path / f"{kind}.csv"), "--source", "test import"],
        )
        assert result.exit_code == 0, result.output
    after = run_json("forecast", "--horizon", "1", "--json")
    assert len(before) > 0 and before != after


def test_market_import_reports_problems(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("nace,year,employed\nF,2024,-5\n", encoding="utf-8")
    result = runner.invoke(app, ["market", "import", "employment", str(path)])
    assert result.exit_code == 2
    assert "row 1, field 'employed'" in result.output


def test_suggest_mapping_for_a_new_name():
    result = run_json("market", "suggest-mapping", "Installateur zonnepanelen op daken", "--json")
    assert result["suggestions"] and result["mapped_to"] is None
    known = run_json("market", "suggest-mapping", "Verpleegkundige", "--json")
    assert known["mapped_to"].endswith("8d3e8aaa-791b-4c75-a465-f3f827028f50")
