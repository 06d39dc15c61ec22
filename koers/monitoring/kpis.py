"""Policy KPIs of the leer- en loopbaanoffensief, against the targets, as plain rows.

Four KPIs, each computed from the platform's data and set beside its policy target
(``targets.csv``) and the real measured indicators (``indicators.csv``):

* ``training_participation_12m``: adults 25–64 who took part in training in the last 12
  months (target 60 % by 2030);
* ``career_guidance_use``: use of career guidance (loopbaanbegeleiding) by education level,
  and the Matthew effect (mattheuseffect): how many times more often the high-educated use it
  than the low-educated;
* ``demand_driven_budget_share``: the share of learning budgets spent demand-driven
  (vraaggestuurd), target 50 %; from the learning-account ledger when it holds spending,
  otherwise from the population's spending;
* ``bottleneck_occupations``: bottleneck occupations (tension ratio below 1) per period of the
  market data in force.

Provenance is never mixed: a row says ``real`` (a published figure, with its source) or
``synthetic`` (computed from synthetic data, such as the synthetic population); real rows and
platform rows are returned apart (:class:`MonitoringReport`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from koers.ledger.model import Entry, EntryKind
from koers.market.bundled import BOTTLENECK_SOURCE, bottleneck_list_2026
from koers.market.dataset import MarketData
from koers.market.tension import bottlenecks, period_is_synthetic, tension_periods
from koers.population.store import Population, read_partition

FLANDERS = Path(__file__).parent / "data" / "flanders"
REAL = "real"
SYNTHETIC = "synthetic"
PLATFORM = "platform"
EDUCATION_LEVELS = ("low", "mid", "high")
ADULT_AGES = (25, 64)
POPULATION_COLUMNS = [
    "age",
    "education",
    "trained_last_12_months",
    "career_guidance_last_12_months",
    "learning_spend_eur",
    "demand_driven_spend_eur",
]

TRAINING = "training_participation_12m"
GUIDANCE = "career_guidance_use"
MATTHEW = "career_guidance_matthew_ratio"
DEMAND_DRIVEN = "demand_driven_budget_share"
BOTTLENECKS = "bottleneck_occupations"

TARGET_OF = {
    TRAINING: "adult_training_participation_last_12_months",
    DEMAND_DRIVEN: "demand_driven_share_of_public_lll_budget",
}
INDICATORS_OF = {
    TRAINING: ("training_participation_last_12_months",),
    GUIDANCE: (
        "career_guidance_users_high_educated",
        "career_guidance_users_mid_educated",
        "career_guidance_users_low_educated",
        "career_guidance_users_share_of_working_population",
    ),
    DEMAND_DRIVEN: ("demand_driven_share_of_public_lll_budget",),
}


@dataclass(frozen=True, slots=True)
class Target:
    """One policy target of ``targets.csv``."""

    target: str
    population: str
    value: float
    unit: str
    year: str
    source: str


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One figure of a KPI: its value, where it comes from, and the target it is held to.

    ``provenance`` is ``real`` (published, see ``source``) or ``synthetic``; ``gap`` is
    target minus value in the KPI's unit (positive: still to go), None without a target.
    """

    kpi: str
    indicator: str
    population: str
    value: float | None
    unit: str
    period: str
    provenance: str
    source: str
    target: float | None = None
    target_year: str = ""
    gap: float | None = None


@dataclass(frozen=True)
class PopulationFigures:
    """Counts and sums over a population, by education level (index as EDUCATION_LEVELS).

    ``adults``: people aged 25–64; ``trained`` and ``guided``: of those adults, who trained /
    used career guidance in the last 12 months; ``spend`` and ``demand_driven``: learning
    spending (€) of everyone. ``synthetic``: the population is synthetic.
    """

    adults: tuple[int, int, int]
    trained: tuple[int, int, int]
    guided: tuple[int, int, int]
    spend: float
    demand_driven: float
    synthetic: bool
    source: str = ""


@dataclass(frozen=True)
class LedgerSpending:
    """Learning-account spending as the ledger holds it (€): in all and demand-driven."""

    spent: float
    demand_driven: float
    source: str = "Koers learning-account ledger"
    synthetic: bool = False


@dataclass(frozen=True)
class MonitoringReport:
    """The platform's KPI rows and, kept apart, the real published indicators."""

    platform: tuple[KpiRow, ...]
    real: tuple[KpiRow, ...]
    targets: tuple[Target, ...] = field(default_factory=tuple)


def ledger_spending(entries: Iterable[Entry], *, synthetic: bool = False) -> LedgerSpending:
    """Spending of learning accounts (ledger entries of any accounts) for the demand-driven
    KPI: spends count, demand-driven ones apart; refunds are not netted out."""
    spent = demand = 0
    for entry in entries:
        if entry.kind is EntryKind.SPEND:
            spent += entry.amount_cents
            demand += entry.amount_cents if entry.demand_driven else 0
    return LedgerSpending(spent=spent / 100, demand_driven=demand / 100, synthetic=synthetic)


def _read(name: str) -> list[dict[str, str]]:
    with (FLANDERS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def policy_targets() -> tuple[Target, ...]:
    """The policy targets of ``targets.csv``."""
    return tuple(
        Target(
            target=r["target"],
            population=r["population"],
            value=float(r["value"]),
            unit=r["unit"],
            year=r["year"],
            source=r["source"],
        )
        for r in _read("targets.csv")
    )


def _target(kpi: str) -> Target | None:
    name = TARGET_OF.get(kpi)
    return next((t for t in policy_targets() if t.target == name), None)


def _row(
    kpi: str,
    indicator: str,
    population: str,
    value: float | None,
    unit: str,
    period: str,
    provenance: str,
    source: str,
    *,
    held_to_target: bool = True,
) -> KpiRow:
    target = _target(kpi) if held_to_target else None
    gap = None
    if target is not None and value is not None:
        gap = round(target.value - value, 2)
    return KpiRow(
        kpi=kpi,
        indicator=indicator,
        population=population,
        value=None if value is None else round(value, 2),
        unit=unit,
        period=period,
        provenance=provenance,
        source=source,
        target=target.value if target else None,
        target_year=target.year if target else "",
        gap=gap,
    )


@cache
def real_indicators() -> tuple[KpiRow, ...]:
    """The published indicators behind the KPIs (``indicators.csv``), each labelled real and
    with its source, held to the same target as the KPI they measure."""
    rows = []
    for kpi, names in INDICATORS_OF.items():
        for r in _read("indicators.csv"):
            if r["indicator"] in names:
                rows.append(
                    _row(
                        kpi,
                        r["indicator"],
                        r["population"],
                        float(r["value"]),
                        r["unit"],
                        r["reference_period"],
                        REAL,
                        r["source"],
                        held_to_target=kpi != GUIDANCE,
                    )
                )
    return tuple(rows)


def population_figures(
    partitions: Iterable[pa.Table], *, synthetic: bool, source: str = ""
) -> PopulationFigures:
    """Sum the KPI inputs over population partitions (tables with POPULATION_COLUMNS), one
    partition at a time, so a population of millions never sits in memory whole."""
    adults = np.zeros(3, dtype=np.int64)
    trained = np.zeros(3, dtype=np.int64)
    guided = np.zeros(3, dtype=np.int64)
    spend = demand_driven = 0.0
    levels = pa.array(EDUCATION_LEVELS, type=pa.string())
    for table in partitions:
        age = np.asarray(table.column("age").to_numpy(zero_copy_only=False), dtype=np.int64)
        level = np.asarray(
            pc.index_in(table.column("education"), value_set=levels)
            .fill_null(-1)
            .to_numpy(zero_copy_only=False),
            dtype=np.int64,
        )
        adult = (age >= ADULT_AGES[0]) & (age <= ADULT_AGES[1]) & (level >= 0)
        took = np.asarray(table.column("trained_last_12_months").fill_null(False).to_numpy())
        used = np.asarray(
            table.column("career_guidance_last_12_months").fill_null(False).to_numpy()
        )
        adults += np.bincount(level[adult], minlength=3)
        trained += np.bincount(level[adult & took], minlength=3)
        guided += np.bincount(level[adult & used], minlength=3)
        spend += float(pc.sum(table.column("learning_spend_eur")).as_py() or 0.0)
        demand_driven += float(pc.sum(table.column("demand_driven_spend_eur")).as_py() or 0.0)
    return PopulationFigures(
        adults=(int(adults[0]), int(adults[1]), int(adults[2])),
        trained=(int(trained[0]), int(trained[1]), int(trained[2])),
        guided=(int(guided[0]), int(guided[1]), int(guided[2])),
        spend=spend,
        demand_driven=demand_driven,
        synthetic=synthetic,
        source=source,
    )


def _share(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None


def training_participation(figures: PopulationFigures, period: str) -> list[KpiRow]:
    """Share (%) of adults 25–64 who trained in the last 12 months, in all and by education."""
    provenance = SYNTHETIC if figures.synthetic else PLATFORM
    rows = [
        _row(
            TRAINING,
            "training_participation_last_12_months",
            "adults 25-64",
            _share(sum(figures.trained), sum(figures.adults)),
            "percent",
            period,
            provenance,
            figures.source,
        )
    ]
    for number, level in enumerate(EDUCATION_LEVELS):
        rows.append(
            _row(
                TRAINING,
                "training_participation_last_12_months",
                f"adults 25-64, {level} educated",
                _share(figures.trained[number], figures.adults[number]),
                "percent",
                period,
                provenance,
                figures.source,
            )
        )
    return rows


def guidance_by_education(figures: PopulationFigures, period: str) -> list[KpiRow]:
    """Career-guidance use by education level: the share of users per level (comparable with
    the published composition), the use rate per level, and the Matthew ratio (rate of the
    high-educated / rate of the low-educated)."""
    provenance = SYNTHETIC if figures.synthetic else PLATFORM
    users = sum(figures.guided)
    rows = []
    for number, level in reversed(list(enumerate(EDUCATION_LEVELS))):
        rows.append(
            _row(
                GUIDANCE,
                f"career_guidance_users_{level}_educated",
                "career guidance users 25-64",
                _share(figures.guided[number], users),
                "percent",
                period,
                provenance,
                figures.source,
            )
        )
        rows.append(
            _row(
                GUIDANCE,
                f"career_guidance_use_rate_{level}_educated",
                f"adults 25-64, {level} educated",
                _share(figures.guided[number], figures.adults[number]),
                "percent",
                period,
                provenance,
                figures.source,
            )
        )
    low = _share(figures.guided[0], figures.adults[0])
    high = _share(figures.guided[2], figures.adults[2])
    rows.append(
        _row(
            GUIDANCE,
            MATTHEW,
            "adults 25-64",
            high / low if high is not None and low else None,
            "ratio",
            period,
            provenance,
            figures.source,
        )
    )
    return rows


def demand_driven_share(
    figures: PopulationFigures | None, period: str, ledger: LedgerSpending | None = None
) -> list[KpiRow]:
    """Share (%) of learning spending that is demand-driven: from the ledger when it holds any
    spending, otherwise from the population's spending."""
    if ledger is not None and ledger.spent > 0:
        value = _share(ledger.demand_driven, ledger.spent)
        provenance = SYNTHETIC if ledger.synthetic else PLATFORM
        source = ledger.source
    elif figures is not None:
        value = _share(figures.demand_driven, figures.spend)
        provenance = SYNTHETIC if figures.synthetic else PLATFORM
        source = figures.source
    else:
        return []
    return [
        _row(
            DEMAND_DRIVEN,
            "demand_driven_share_of_learning_spend",
            "learning budgets",
            value,
            "percent",
            period,
            provenance,
            source,
        )
    ]


def bottleneck_trend(data: MarketData) -> list[KpiRow]:
    """Per period of the market data in force: the number of bottleneck occupations (tension
    ratio below 1, enough vacancies). Each period keeps its own provenance: the published
    VDAB top-20 tables are real (and count only their 20 occupations), the demo series is
    synthetic; they are not one series."""
    rows = []
    for period in tension_periods(data):
        dataset = data.for_period("vacancies", period)
        synthetic = period_is_synthetic(data, period)
        rows.append(
            _row(
                BOTTLENECKS,
                "bottleneck_occupations",
                "occupations with a tension ratio below 1",
                float(len(bottlenecks(data, period))),
                "occupations",
                period,
                SYNTHETIC if synthetic else REAL,
                dataset.source if dataset else "",
            )
        )
    return rows


def monitoring_report(
    figures: PopulationFigures | None,
    market: MarketData | None,
    *,
    period: str,
    ledger: LedgerSpending | None = None,
) -> MonitoringReport:
    """Every KPI from the platform's data (``figures``: the population; ``market``: the market
    data in force; ``ledger``: learning-account spending, if any), beside the real indicators.

    Bottleneck periods that are real go with the real rows, synthetic ones with the platform.
    """
    platform: list[KpiRow] = []
    if figures is not None:
        platform += training_participation(figures, period)
        platform += guidance_by_education(figures, period)
    platform += demand_driven_share(figures, period, ledger)
    real = list(real_indicators())
    real.append(
        _row(
            BOTTLENECKS,
            "bottleneck_occupations_vdab_list",
            "occupations on VDAB's list of bottleneck occupations",
            float(len(bottleneck_list_2026())),
            "occupations",
            "2026",
            REAL,
            BOTTLENECK_SOURCE,
        )
    )
    if market is not None:
        for row in bottleneck_trend(market):
            (real if row.provenance == REAL else platform).append(row)
    return MonitoringReport(platform=tuple(platform), real=tuple(real), targets=policy_targets())


def population_figures_of(population: Population) -> PopulationFigures:
    """:func:`population_figures` over a population folder, one partition at a time."""
    label = population.metadata.get("label", "")
    return population_figures(
        (read_partition(path, POPULATION_COLUMNS) for path in population.citizen_files),
        synthetic=population.synthetic,
        source=f"Koers population {population.path.name} ({label or 'unlabelled'})",
    )
