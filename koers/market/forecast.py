"""Demand and supply forecasts per occupation, as in Annex B.1 of the experts' advice (2021).

Demand (vraag) per sector and year:

* expansion demand (uitbreidingsvraag) = the change in sector employment, projected from the
  historical series under a scenario: *baseline* (the sector's mean yearly growth), *growth*
  (mean + one standard deviation), *recession* (the sector's worst historical year for two
  years, then the mean); the trend is damped (``DAMPING`` per year, as in Gardner's damped
  trend), since no sector keeps its past pace for ever;
* replacement demand (vervangingsvraag) = last year's employment × the outflow rate, which is
  driven by the share of workers aged 55+ (its trend continued from the age series).

Ex ante adjustments (employer survey, expert panel) move a sector's employment path: a factor
1.15 means 15 % more jobs than the trend by the horizon, phased in linearly. Sectors are turned
into occupations (ISCO-08 unit groups) with the distribution key from the labour force survey;
validation adjustments then scale an occupation's total demand. Every applied factor is listed
with its origin.

Supply (aanbod) per occupation and year: school leavers (the historical average per study
field held constant; scenario ``stem_trend`` continues the trend of STEM fields), unemployed
people returning to work (the forecast number × ``REEMPLOYMENT_RATE``, spread over sectors by
employment share, or skewed to shrinking sectors in a recession) and migrants (spread by
share), each through its distribution key. The gap is total demand minus new supply: positive
means a shortage.

Occupations are ISCO unit groups, the level at which the labour force survey links sectors to
occupations; each carries the ESCO URI of its ISCO group. The skills barometer and the outlook
feed bring them down to ESCO occupations and skills.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from koers.market.dataset import MarketData

SCENARIOS = ("baseline", "growth", "recession")
SUPPLY_SCENARIOS = ("baseline", "stem_trend")
DEFAULT_HORIZON = 5
MAX_HORIZON = 15
REEMPLOYMENT_RATE = 0.3
"""Share of the unemployed who (re)enter work in a year: the part counted as new supply."""
RECESSION_YEARS = 2
DAMPING = 0.8
"""Each further year keeps this share of the previous year's trend growth."""
RECESSION_SKEW = 20.0
ISCO_URI = "http://data.europa.eu/esco/isco/C{code}"

ERR_SCENARIO = "Unknown scenario {name!r}; choose one of: {choices}."
ERR_HORIZON = "The horizon must be between 1 and {limit} years."

FloatArray = npt.NDArray[np.float64]


class ForecastInputError(ValueError):
    """Raised for a forecast that cannot be made from the options or data given."""


@dataclass(frozen=True, slots=True)
class OccupationForecast:
    isco_code: str
    occupation_uri: str
    year: int
    scenario: str
    expansion_demand: float
    replacement_demand: float
    total_demand: float
    new_supply: float
    gap: float
    employment: float
    adjustments: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "occupation_uri": self.occupation_uri,
            "isco_code": self.isco_code,
            "year": self.year,
            "scenario": self.scenario,
            "expansion_demand": round(self.expansion_demand, 1),
            "replacement_demand": round(self.replacement_demand, 1),
            "total_demand": round(self.total_demand, 1),
            "new_supply": round(self.new_supply, 1),
            "gap": round(self.gap, 1),
            "employment": round(self.employment, 1),
            "adjustments": list(self.adjustments),
        }


@dataclass
class ForecastInputs:
    """The data of a forecast as arrays: sectors × years, sectors × occupations, ..."""

    sectors: list[str]
    years: list[int]
    employment: FloatArray  # (sectors, history years)
    share_55: FloatArray  # (sectors,) latest
    share_55_trend: FloatArray  # (sectors,) yearly change
    outflow_55: FloatArray
    outflow_young: FloatArray
    occupations: list[str]  # ISCO codes
    key: FloatArray  # (sectors, occupations)
    fields: list[str]
    stem: npt.NDArray[np.bool_]
    leavers: FloatArray  # (fields, leaver years)
    field_key: FloatArray  # (fields, occupations)
    unemployed: dict[int, float]
    migrants: dict[int, float]
    sector_factors: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    occupation_factors: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def _index(values: list[str]) -> dict[str, int]:
    return {v: i for i, v in enumerate(values)}


def prepare(data: MarketData) -> ForecastInputs:
    """Turn the data sets in force into the arrays a forecast needs.

    Raises :class:`LookupError` naming the first kind of data that is missing.
    """
    employment = data.require("employment")
    ages = data.require("age_structure")
    key_rows = data.require("sector_occupation_key")
    leaver_rows = data.require("school_leavers")
    field_rows = data.require("field_occupation_key")
    unemployed = data.require("unemployment_forecast")
    migrants = data.require("migration_inflow")
    sectors = sorted({r["nace"] for r in employment.rows})
    years = sorted({r["year"] for r in employment.rows})
    s_index, y_index = _index(sectors), _index([str(y) for y in years])
    matrix = np.full((len(sectors), len(years)), np.nan)
    for r in employment.rows:
        matrix[s_index[r["nace"]], y_index[str(r["year"])]] = r["employed"]
    if np.isnan(matrix).any():
        gaps = [
            f"{sectors[s]} {years[y]}" for s, y in zip(*np.where(np.isnan(matrix)), strict=True)
        ]
        raise ForecastInputError(f"Employment series has gaps: {', '.join(gaps[:5])}")
    share = np.zeros(len(sectors))
    trend = np.zeros(len(sectors))
    out_old = np.full(len(sectors), 0.12)
    out_young = np.full(len(sectors), 0.03)
    by_sector: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in ages.rows:
        by_sector[r["nace"]].append(r)
    for nace, rows in by_sector.items():
        if nace not in s_index:
            continue
        rows.sort(key=lambda r: r["year"])
        i = s_index[nace]
        share[i] = rows[-1]["share_55_plus"]
        out_old[i] = rows[-1]["outflow_rate_55_plus"]
        out_young[i] = rows[-1]["outflow_rate_under_55"]
        if len(rows) > 1:
            trend[i] = np.polyfit([r["year"] for r in rows], [r["share_55_plus"] for r in rows], 1)[
                0
            ]
    occupations = sorted(
        {r["isco_code"] for r in key_rows.rows} | {r["isco_code"] for r in field_rows.rows}
    )
    o_index = _index(occupations)
    key = np.zeros((len(sectors), len(occupations)))
    for r in key_rows.rows:
        if r["nace"] in s_index:
            key[s_index[r["nace"]], o_index[r["isco_code"]]] += r["share"]
    fields = sorted({r["study_field"] for r in leaver_rows.rows})
    f_index = _index(fields)
    leaver_years = sorted({r["year"] for r in leaver_rows.rows})
    ly_index = {y: i for i, y in enumerate(leaver_years)}
    leavers = np.zeros((len(fields), len(leaver_years)))
    stem = np.zeros(len(fields), dtype=bool)
    for r in leaver_rows.rows:
        leavers[f_index[r["study_field"]], ly_index[r["year"]]] = r["school_leavers"]
        stem[f_index[r["study_field"]]] = bool(r["stem"])
    field_key = np.zeros((len(fields), len(occupations)))
    for r in field_rows.rows:
        if r["study_field"] in f_index:
            field_key[f_index[r["study_field"]], o_index[r["isco_code"]]] += r["share"]
    inputs = ForecastInputs(
        sectors=sectors,
        years=years,
        employment=matrix,
        share_55=share,
        share_55_trend=trend,
        outflow_55=out_old,
        outflow_young=out_young,
        occupations=occupations,
        key=key,
        fields=fields,
        stem=stem,
        leavers=leavers,
        field_key=field_key,
        unemployed={r["year"]: float(r["unemployed"]) for r in unemployed.rows},
        migrants={r["year"]: float(r["migrants"]) for r in migrants.rows},
        sources={
            d.kind: d.provenance
            for d in (employment, ages, key_rows, leaver_rows, field_rows, unemployed, migrants)
        },
    )
    adjustments = data.latest("adjustment_factors")
    if adjustments is not None:
        inputs.sources["adjustment_factors"] = adjustments.provenance
        for r in adjustments.rows:
            label = f"{r['round']} {r['origin'].replace('_', ' ')} ×{r['factor']:g}"
            if r.get("note"):
                label += f": {r['note']}"
            if r["round"] == "ex_ante" and r["scope"] == "sector":
                inputs.sector_factors.setdefault(r["code"], []).append((r["factor"], label))
            elif r["round"] == "validation" and r["scope"] == "occupation":
                inputs.occupation_factors.setdefault(r["code"], []).append((r["factor"], label))
    return inputs


def scenario_growth(history: FloatArray, scenario: str, horizon: int) -> FloatArray:
    """Yearly growth rates per sector for the horizon, derived from the historical series.

    ``history`` has shape (sectors, years); the result (sectors, horizon).
    """
    rates = np.diff(np.log(history), axis=1)
    mean = rates.mean(axis=1)
    damping = DAMPING ** np.arange(horizon)
    growth = mean[:, np.newaxis] * damping[np.newaxis, :]
    if scenario == "growth":
        growth += rates.std(axis=1)[:, np.newaxis] * damping[np.newaxis, :]
    elif scenario == "recession":
        worst = rates.min(axis=1)
        growth[:, : min(RECESSION_YEARS, horizon)] = worst[:, np.newaxis]
    return np.asarray(np.expm1(growth))


def _check(scenario: str, horizon: int) -> None:
    if scenario not in SCENARIOS:
        raise ForecastInputError(ERR_SCENARIO.format(name=scenario, choices=", ".join(SCENARIOS)))
    if not 1 <= horizon <= MAX_HORIZON:
        raise ForecastInputError(ERR_HORIZON.format(limit=MAX_HORIZON))


def forecast(
    inputs: ForecastInputs,
    *,
    scenario: str = "baseline",
    horizon: int = DEFAULT_HORIZON,
    supply_scenario: str = "baseline",
) -> list[OccupationForecast]:
    """Forecast demand, supply and gap per occupation and year for ``horizon`` years."""
    _check(scenario, horizon)
    if supply_scenario not in SUPPLY_SCENARIOS:
        raise ForecastInputError(
            ERR_SCENARIO.format(name=supply_scenario, choices=", ".join(SUPPLY_SCENARIOS))
        )
    base_year = inputs.years[-1]
    years = [base_year + h for h in range(1, horizon + 1)]
    levels = sector_paths(inputs, scenario=scenario, horizon=horizon)  # (sectors, horizon + 1)
    expansion = np.diff(levels, axis=1)  # (sectors, horizon)
    steps = np.arange(1, horizon + 1)
    share = np.clip(inputs.share_55[:, None] + inputs.share_55_trend[:, None] * steps, 0, 0.9)
    outflow = share * inputs.outflow_55[:, None] + (1 - share) * inputs.outflow_young[:, None]
    replacement = levels[:, :-1] * outflow
    key = inputs.key
    occ_expansion = key.T @ expansion  # (occupations, horizon)
    occ_replacement = key.T @ replacement
    occ_employment = key.T @ levels[:, 1:]
    total = occ_expansion + occ_replacement
    validation = np.ones(len(inputs.occupations))
    labels: list[tuple[str, ...]] = [() for _ in inputs.occupations]
    for i, code in enumerate(inputs.occupations):
        for factor, label in inputs.occupation_factors.get(code, []):
            validation[i] *= factor
            labels[i] += (label,)
    sector_labels = {
        s: tuple(label for _, label in inputs.sector_factors.get(s, [])) for s in inputs.sectors
    }
    for s, sector in enumerate(inputs.sectors):
        if sector_labels[sector]:
            for i in np.flatnonzero(key[s] > 0).tolist():
                labels[i] += tuple(f"{sector}: {label}" for label in sector_labels[sector])
    total = total * validation[:, None]
    supply = new_supply(inputs, years=years, scenario=scenario, supply_scenario=supply_scenario)
    rows = []
    for i, code in enumerate(inputs.occupations):
        for h, year in enumerate(years):
            rows.append(
                OccupationForecast(
                    isco_code=code,
                    occupation_uri=ISCO_URI.format(code=code),
                    year=year,
                    scenario=scenario,
                    expansion_demand=float(occ_expansion[i, h] * validation[i]),
                    replacement_demand=float(occ_replacement[i, h] * validation[i]),
                    total_demand=float(total[i, h]),
                    new_supply=float(supply[i, h]),
                    gap=float(total[i, h] - supply[i, h]),
                    employment=float(occ_employment[i, h]),
                    adjustments=labels[i],
                )
            )
    return rows


def sector_paths(inputs: ForecastInputs, *, scenario: str, horizon: int) -> FloatArray:
    """Employment per sector from the last observed year to the horizon, (sectors, horizon+1),
    ex ante adjustments included."""
    growth = scenario_growth(inputs.employment, scenario, horizon)
    last = inputs.employment[:, -1]
    levels = np.empty((len(inputs.sectors), horizon + 1))
    levels[:, 0] = last
    levels[:, 1:] = last[:, None] * np.cumprod(1 + growth, axis=1)
    phase = np.arange(horizon + 1) / horizon
    for s, sector in enumerate(inputs.sectors):
        for factor, _ in inputs.sector_factors.get(sector, []):
            levels[s] *= 1 + (factor - 1) * phase
    return levels


def new_supply(
    inputs: ForecastInputs, *, years: list[int], scenario: str, supply_scenario: str
) -> FloatArray:
    """New labour supply per occupation and year, (occupations, len(years))."""
    horizon = len(years)
    mean = inputs.leavers.mean(axis=1)
    leavers = np.repeat(mean[:, None], horizon, axis=1)
    if supply_scenario == "stem_trend":
        x = np.arange(inputs.leavers.shape[1])
        for f in np.flatnonzero(inputs.stem):
            slope, intercept = np.polyfit(x, inputs.leavers[f], 1)
            future = intercept + slope * (x[-1] + np.arange(1, horizon + 1))
            leavers[f] = np.maximum(future, 0)
    from_school = inputs.field_key.T @ leavers
    shares = inputs.employment[:, -1] / inputs.employment[:, -1].sum()
    unemployed_weights = shares
    if scenario == "recession":
        worst = np.diff(np.log(inputs.employment), axis=1).min(axis=1)
        unemployed_weights = shares * np.exp(-RECESSION_SKEW * worst)
        unemployed_weights /= unemployed_weights.sum()
    unemployed = np.array([inputs.unemployed.get(y, 0.0) for y in years]) * REEMPLOYMENT_RATE
    migrants = np.array([inputs.migrants.get(y, 0.0) for y in years])
    by_sector = np.outer(unemployed_weights, unemployed) + np.outer(shares, migrants)
    result: FloatArray = from_school + inputs.key.T @ by_sector
    return result


def all_scenarios(
    inputs: ForecastInputs, *, horizon: int = DEFAULT_HORIZON
) -> dict[str, list[OccupationForecast]]:
    return {name: forecast(inputs, scenario=name, horizon=horizon) for name in SCENARIOS}
