"""The inputs of a demand and supply forecast: the data sets in force turned into arrays
(sectors × years, sectors × occupations, study fields × occupations), checked on the way.

See :mod:`koers.market.forecast` for the model that runs on them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from koers.errors import DataConflict
from koers.market.dataset import MarketData

FloatArray = npt.NDArray[np.float64]


class EmploymentGaps(DataConflict):
    code = "forecast.employment_gaps"
    message = "The employment series in force has gaps ({gaps}): no forecast can be made."


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
    sector_labels: dict[str, str] = field(default_factory=dict)
    """NACE code → sector name, as the employment data names it (the code when it does not)."""


def _index(values: list[str]) -> dict[str, int]:
    return {v: i for i, v in enumerate(values)}


def prepare(data: MarketData) -> ForecastInputs:
    """Turn the data sets in force into the arrays a forecast needs.

    Raises :class:`koers.market.dataset.MissingMarketData` naming the first kind of data
    that is missing, :class:`EmploymentGaps` when the employment series has holes.
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
        raise EmploymentGaps(gaps=", ".join(gaps[:5]))
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
        sector_labels={r["nace"]: r.get("sector_label") or r["nace"] for r in employment.rows},
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
