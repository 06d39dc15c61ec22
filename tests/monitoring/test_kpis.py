"""Monitoring KPIs: computed from the population, held to the targets, real kept apart."""

from __future__ import annotations

import pyarrow as pa
import pytest

from koers.market.dataset import Dataset, MarketData
from koers.monitoring import (
    LedgerSpending,
    monitoring_report,
    policy_targets,
    population_figures,
    real_indicators,
)
from koers.monitoring.kpis import (
    BOTTLENECKS,
    DEMAND_DRIVEN,
    GUIDANCE,
    MATTHEW,
    TRAINING,
    bottleneck_trend,
)
from koers.rows import row_columns, row_dict, row_values


def _people(rows):
    columns = ["age", "education", "trained", "guided", "spend", "demand"]
    data = dict(zip(columns, zip(*rows, strict=True), strict=True))
    return pa.table(
        {
            "age": pa.array(data["age"], type=pa.int8()),
            "education": pa.array(data["education"]),
            "trained_last_12_months": pa.array(data["trained"]),
            "career_guidance_last_12_months": pa.array(data["guided"]),
            "learning_spend_eur": pa.array(data["spend"], type=pa.float32()),
            "demand_driven_spend_eur": pa.array(data["demand"], type=pa.float32()),
        }
    )


@pytest.fixture
def figures():
    first = _people(
        [
            (30, "high", True, True, 1000.0, 600.0),
            (40, "high", True, False, 500.0, 0.0),
            (50, "low", False, False, 0.0, 0.0),
        ]
    )
    second = _people(
        [
            (20, "low", True, True, 300.0, 300.0),  # under 25: not an adult of the KPI
            (60, "low", False, True, 0.0, 0.0),
            (45, "mid", True, False, 200.0, 100.0),
        ]
    )
    return population_figures([first, second], synthetic=True, source="test population")


def _one(rows, indicator, population=None):
    found = [
        r
        for r in rows
        if r.indicator == indicator and (population is None or r.population == population)
    ]
    assert len(found) == 1, found
    return found[0]


def test_figures_add_up_over_partitions(figures):
    assert figures.adults == (2, 1, 2)  # low, mid, high
    assert figures.trained == (0, 1, 2)
    assert figures.guided == (1, 0, 1)
    assert figures.spend == 2000.0 and figures.demand_driven == 1000.0


def test_kpis_against_targets_and_provenance(figures):
    report = monitoring_report(figures, None, period="2026-11")
    training = _one(report.platform, "training_participation_last_12_months", "adults 25-64")
    assert training.value == 60.0 and training.target == 60.0 and training.gap == 0.0
    assert training.provenance == "synthetic" and training.target_year == "2030"
    users_high = _one(report.platform, "career_guidance_users_high_educated")
    assert users_high.value == 50.0 and users_high.target is None
    rate_low = _one(report.platform, "career_guidance_use_rate_low_educated")
    assert rate_low.value == 50.0
    assert _one(report.platform, MATTHEW).value == 1.0
    demand = _one(report.platform, "demand_driven_share_of_learning_spend")
    assert (demand.value, demand.target, demand.gap) == (50.0, 50.0, 0.0)
    assert all(r.provenance == "synthetic" for r in report.platform)
    assert all(r.provenance == "real" and r.source for r in report.real)
    assert {r.kpi for r in report.real} >= {TRAINING, GUIDANCE, DEMAND_DRIVEN, BOTTLENECKS}


def test_ledger_spending_wins_over_the_population(figures):
    ledger = LedgerSpending(spent=1000.0, demand_driven=250.0)
    report = monitoring_report(figures, None, period="2026", ledger=ledger)
    demand = _one(report.platform, "demand_driven_share_of_learning_spend")
    assert demand.value == 25.0 and demand.provenance == "platform"
    assert demand.source == "Koers learning-account ledger"


def test_real_indicators_and_targets_come_from_the_shipped_files():
    targets = {t.target: t.value for t in policy_targets()}
    assert targets["adult_training_participation_last_12_months"] == 60.0
    assert targets["demand_driven_share_of_public_lll_budget"] == 50.0
    real = real_indicators()
    flanders = _one(real, "training_participation_last_12_months", "Flanders 25-64")
    assert (flanders.value, flanders.period, flanders.source) == (
        23.0,
        "2019",
        "Labour Force Survey (EAK)",
    )
    assert flanders.gap == 37.0
    assert _one(real, "demand_driven_share_of_public_lll_budget").value == 6.0
    assert _one(real, "career_guidance_users_low_educated").value == 5.4


def test_bottleneck_trend_keeps_real_and_synthetic_periods_apart():
    def tension(period, synthetic, ratio):
        common = {"occupation": "lasser", "esco_uri": None, "period": period}
        return [
            Dataset("vacancies", ({**common, "vacancies": 100},), synthetic=synthetic, source="s"),
            Dataset(
                "job_seekers",
                ({**common, "job_seekers": int(100 * ratio)},),
                synthetic=synthetic,
                source="s",
            ),
        ]

    data = MarketData([*tension("2020-02", False, 0.5), *tension("2024-03", True, 2.0)])
    rows = bottleneck_trend(data)
    assert [(r.period, r.value, r.provenance) for r in rows] == [
        ("2020-02", 1.0, "real"),
        ("2024-03", 0.0, "synthetic"),
    ]
    report = monitoring_report(None, data, period="2026")
    assert [r.period for r in report.real if r.indicator == "bottleneck_occupations"] == ["2020-02"]
    assert [r.period for r in report.platform] == ["2024-03"]


def test_rows_are_plain_rows_for_pages_and_csv(figures):
    report = monitoring_report(figures, None, period="2026")
    row = report.platform[0]
    assert row_columns(type(row))[:3] == ["kpi", "indicator", "population"]
    assert row_dict(row)["provenance"] == "synthetic"
    assert len(row_values(row)) == len(row_columns(type(row)))


def test_kpis_of_a_synthetic_population_folder(tmp_path):
    from datetime import date

    from koers.matching import get_engine
    from koers.monitoring import population_figures_of
    from koers.population import PopulationModel, write_population

    population = write_population(
        tmp_path / "pop",
        PopulationModel.from_engine(get_engine()),
        citizens=3000,
        seed=1,
        partition_size=1000,
        today=date(2026, 11, 1),
    )
    figures = population_figures_of(population)
    assert figures.synthetic and "synthetic" in figures.source
    report = monitoring_report(figures, None, period="2026-11")
    training = _one(report.platform, "training_participation_last_12_months", "adults 25-64")
    assert 10 < training.value < 40 and training.provenance == "synthetic"
    high = _one(report.platform, "career_guidance_use_rate_high_educated").value
    low = _one(report.platform, "career_guidance_use_rate_low_educated").value
    assert high > low  # the Matthew effect the synthetic population is drawn with


def test_ledger_entries_give_the_demand_driven_share(figures):
    from datetime import datetime

    from koers.ledger.model import Entry, EntryKind
    from koers.monitoring import ledger_spending

    at = datetime(2026, 3, 1)
    entries = [
        Entry(EntryKind.DEPOSIT, 50_000, at),
        Entry(EntryKind.SPEND, 30_000, at, demand_driven=True),
        Entry(EntryKind.SPEND, 10_000, at),
    ]
    spending = ledger_spending(entries)
    assert (spending.spent, spending.demand_driven) == (400.0, 300.0)
    report = monitoring_report(figures, None, period="2026", ledger=spending)
    assert _one(report.platform, "demand_driven_share_of_learning_spend").value == 75.0
