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

from dataclasses import dataclass

import numpy as np

from koers.errors import InvalidInput
from koers.market.forecast_inputs import FloatArray, ForecastInputs

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


class ForecastInputError(InvalidInput):
    """A forecast asked with options it cannot take."""


class UnknownScenario(ForecastInputError):
    code = "forecast.unknown_scenario"
    message = "Unknown scenario “{name}”; choose one of: {choices}."


class HorizonOutOfRange(ForecastInputError):
    code = "forecast.horizon_out_of_range"
    message = "The horizon must be between 1 and {limit} years."


@dataclass(frozen=True, slots=True)
class OccupationForecast:
    """Demand, new supply and gap of one occupation group in one year (persons)."""

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
        raise UnknownScenario(name=scenario, choices=", ".join(SCENARIOS))
    if not 1 <= horizon <= MAX_HORIZON:
        raise HorizonOutOfRange(limit=MAX_HORIZON)


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
        raise UnknownScenario(name=supply_scenario, choices=", ".join(SUPPLY_SCENARIOS))
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
    """The forecast under every demand scenario, by scenario name."""
    return {name: forecast(inputs, scenario=name, horizon=horizon) for name in SCENARIOS}


def scenario_series(
    by_scenario: dict[str, list[OccupationForecast]], isco_code: str
) -> dict[str, list[OccupationForecast]]:
    """The rows of one occupation group under each scenario, in year order."""
    return {
        name: sorted((r for r in rows if r.isco_code == isco_code), key=lambda r: r.year)
        for name, rows in by_scenario.items()
    }
