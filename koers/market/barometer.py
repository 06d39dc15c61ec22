"""Skills barometer (as the Austrian AMS one): which competences grow or shrink.

Forecast employment per ISCO unit group is shared equally among the group's ESCO occupations
and carried to their skills (essential 1.0, optional 0.35). A skill's indicator is the growth of
that demand between the last observed year and the horizon. Filter by sector (only demand from
that sector's jobs) and by the ESCO collections (digital, green, transversal).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from koers.errors import InvalidInput, NotFound
from koers.market.forecast import DEFAULT_HORIZON, sector_paths
from koers.market.forecast_inputs import ForecastInputs
from koers.taxonomy.model import ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT
from koers.taxonomy.taxonomy import Taxonomy

COLLECTIONS = ("digital", "green", "transversal")
MIN_DEMAND = 50.0
"""Skills whose demand (jobs-weighted) stays below this are left out: too thin to rank."""


class UnknownCollection(InvalidInput):
    code = "market.unknown_collection"
    message = "Unknown collection “{name}”; choose one of: {choices}."


class UnknownSector(NotFound):
    code = "market.unknown_sector"
    message = "Unknown sector “{code}”; known sectors: {choices}."


@dataclass(frozen=True, slots=True)
class SkillTrend:
    """Forecast demand for one skill (jobs-weighted, to 0.1) and its growth to the horizon."""

    skill_uri: str
    label: str
    growth: float
    demand_start: float
    demand_end: float
    digital: bool
    green: bool
    transversal: bool


class SkillsBarometer:
    """Built once per forecast inputs; answers ranked skill trends per scenario and filter."""

    def __init__(self, taxonomy: Taxonomy, inputs: ForecastInputs) -> None:
        self.taxonomy = taxonomy
        self.inputs = inputs
        self.needs = taxonomy.link_matrix(
            np.where(taxonomy.link_essential, ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT)
        )
        group_index = {code: i for i, code in enumerate(inputs.occupations)}
        group_of = np.array([group_index.get(o.isco_code, -1) for o in taxonomy.occupations])
        members = np.bincount(group_of[group_of >= 0], minlength=len(inputs.occupations))
        share = np.zeros(len(taxonomy.occupations))
        known = group_of >= 0
        share[known] = 1.0 / members[group_of[known]]
        # (ESCO occupations × ISCO groups): how a group's jobs are shared among its occupations
        self.spread = sparse.csr_matrix(
            (share[known], (np.flatnonzero(known), group_of[known])),
            shape=(len(taxonomy.occupations), len(inputs.occupations)),
        )

    def trends(
        self,
        *,
        scenario: str = "baseline",
        horizon: int = DEFAULT_HORIZON,
        sector: str | None = None,
        collection: str | None = None,
        lang: str = "nl",
    ) -> list[SkillTrend]:
        """Skills ranked by forecast demand growth, fastest growing first, labelled in ``lang``.

        Raises :class:`UnknownCollection` or :class:`UnknownSector` for a bad filter.
        """
        if collection is not None and collection not in COLLECTIONS:
            raise UnknownCollection(name=collection, choices=", ".join(COLLECTIONS))
        levels = sector_paths(self.inputs, scenario=scenario, horizon=horizon)
        if sector is not None:
            if sector not in self.inputs.sectors:
                raise UnknownSector(code=sector, choices=", ".join(self.inputs.sectors))
            mask = np.array([s == sector for s in self.inputs.sectors])
            levels = levels * mask[:, None]
        groups = self.inputs.key.T @ levels[:, [0, -1]]  # (ISCO groups, 2)
        occupations = self.spread @ groups
        demand = np.asarray(self.needs.T @ occupations)  # (skills, 2)
        start, end = demand[:, 0], demand[:, 1]
        keep = start >= MIN_DEMAND
        if collection is not None:
            keep &= np.array([getattr(s, collection) for s in self.taxonomy.skills])
        growth = np.zeros_like(start)
        growth[keep] = end[keep] / start[keep] - 1
        kept = np.flatnonzero(keep)
        order = kept[np.lexsort((-end[kept], -growth[kept]))]  # ties: larger demand first
        skills = self.taxonomy.skills
        return [
            SkillTrend(
                skill_uri=skills[i].uri,
                label=skills[i].label(lang),
                growth=round(float(growth[i]), 4),
                demand_start=round(float(start[i]), 1),
                demand_end=round(float(end[i]), 1),
                digital=skills[i].digital,
                green=skills[i].green,
                transversal=skills[i].transversal,
            )
            for i in order
        ]
