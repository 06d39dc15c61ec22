"""Tension ratio (spanningsratio) and bottleneck occupations (knelpuntberoepen).

tension ratio = job seekers interested in an occupation / its open vacancies, per period.
Below 1 there are more vacancies than interested job seekers: a bottleneck. As in the experts'
advice, only occupations with at least ``MIN_VACANCIES`` vacancies count by default, since a
ratio over a handful of vacancies says little.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy import stats

from koers.errors import InvalidInput, NotFound
from koers.market.dataset import MarketData
from koers.market.formats import PERIOD

MIN_VACANCIES = 50


class BadPeriod(InvalidInput):
    code = "market.bad_period"
    message = "“{period}” is not a period YYYY-MM."


class UnknownPeriod(NotFound):
    code = "market.unknown_period"
    message = "No vacancy and job-seeker figures for {period}. Periods with data: {periods}."


@dataclass(frozen=True, slots=True)
class TensionRow:
    """The tension of one occupation in one period, with the provenance of its figures."""

    occupation_nl: str
    esco_uri: str
    period: str
    job_seekers: int
    vacancies: int
    tension_ratio: float
    source: str
    synthetic: bool

    @property
    def is_bottleneck(self) -> bool:
        return self.tension_ratio < 1


def check_period(period: str) -> str:
    """Return ``period``; raise :class:`BadPeriod` unless it is a period YYYY-MM."""
    if not PERIOD.match(period):
        raise BadPeriod(period=period)
    return period


def tension_periods(data: MarketData) -> list[str]:
    """Periods with both vacancy and job-seeker figures, oldest first."""
    return sorted(set(data.periods("vacancies")) & set(data.periods("job_seekers")))


def period_is_synthetic(data: MarketData, period: str) -> bool:
    dataset = data.for_period("vacancies", period)
    return dataset is not None and dataset.synthetic


def comparable_periods(data: MarketData, period: str) -> list[str]:
    """The periods of the same provenance as ``period`` (real with real, synthetic with
    synthetic): only those may be compared or charted together."""
    synthetic = period_is_synthetic(data, period)
    return [p for p in tension_periods(data) if period_is_synthetic(data, p) == synthetic]


def tension_series(
    data: MarketData, periods: list[str], occupations: list[str]
) -> dict[str, tuple[list[str], list[float]]]:
    """Tension ratio over ``periods`` of each named occupation: name → (periods, ratios)."""
    wanted = set(occupations)
    series: dict[str, tuple[list[str], list[float]]] = {}
    for period in periods:
        for row in tension_table(data, period):
            if row.occupation_nl in wanted:
                xs, ys = series.setdefault(row.occupation_nl, ([], []))
                xs.append(period)
                ys.append(row.tension_ratio)
    return {name: series[name] for name in occupations if name in series}


def tension_table(data: MarketData, period: str) -> list[TensionRow]:
    """Tension per occupation in ``period``, tightest first (occupations with vacancies only).

    Raises :class:`UnknownPeriod` when the period has no figures.
    """
    vacancies = data.for_period("vacancies", period)
    seekers = data.for_period("job_seekers", period)
    if vacancies is None or seekers is None:
        periods = ", ".join(tension_periods(data))
        raise UnknownPeriod(period=period, periods=periods or "–")
    interested = {r["occupation"]: r["job_seekers"] for r in seekers.rows if r["period"] == period}
    rows = []
    for r in vacancies.rows:
        if r["period"] != period or r["vacancies"] <= 0 or r["occupation"] not in interested:
            continue
        job_seekers = interested[r["occupation"]]
        rows.append(
            TensionRow(
                occupation_nl=r["occupation"],
                esco_uri=r.get("esco_uri") or "",
                period=period,
                job_seekers=job_seekers,
                vacancies=r["vacancies"],
                tension_ratio=round(job_seekers / r["vacancies"], 2),
                source=vacancies.source,
                synthetic=vacancies.synthetic,
            )
        )
    rows.sort(key=lambda row: (row.tension_ratio, -row.vacancies, row.occupation_nl))
    return rows


def bottlenecks(
    data: MarketData, period: str, *, min_vacancies: int = MIN_VACANCIES
) -> list[TensionRow]:
    """Bottleneck occupations of ``period``: ratio below 1 and at least ``min_vacancies``."""
    return [
        row
        for row in tension_table(data, period)
        if row.is_bottleneck and row.vacancies >= min_vacancies
    ]


@dataclass(frozen=True, slots=True)
class Stability:
    period_a: str
    period_b: str
    top: int
    in_both: tuple[str, ...]
    overlap_share: float
    rank_correlation: float | None  # Spearman, over occupations in both top lists


def stability(
    data: MarketData,
    period_a: str,
    period_b: str,
    *,
    top: int = 20,
    min_vacancies: int = MIN_VACANCIES,
) -> Stability:
    """How stable the tightest occupations are between two periods."""
    first = [r for r in tension_table(data, period_a) if r.vacancies >= min_vacancies][:top]
    second = [r for r in tension_table(data, period_b) if r.vacancies >= min_vacancies][:top]
    rank_a = {r.occupation_nl: i for i, r in enumerate(first)}
    rank_b = {r.occupation_nl: i for i, r in enumerate(second)}
    both = tuple(name for name in rank_a if name in rank_b)
    correlation = None
    if len(both) >= 3:
        result = stats.spearmanr([rank_a[n] for n in both], [rank_b[n] for n in both])
        correlation = round(float(result.statistic), 3)
    size = min(len(first), len(second)) or 1
    return Stability(period_a, period_b, top, both, round(len(both) / size, 3), correlation)


def latest_ratio_by_esco(data: MarketData) -> dict[str, tuple[float, str, bool]]:
    """For each mapped ESCO occupation, its most recent (tension ratio, period, synthetic)."""
    latest: dict[str, tuple[float, str, bool]] = {}
    for period in tension_periods(data):
        for row in tension_table(data, period):
            if row.esco_uri and row.vacancies >= MIN_VACANCIES:
                latest[row.esco_uri] = (row.tension_ratio, period, row.synthetic)
    return latest
