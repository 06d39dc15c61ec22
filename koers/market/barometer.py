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

from koers.market.forecast import DEFAULT_HORIZON, ForecastInputs, sector_paths
from koers.taxonomy.model import ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT, Skill
from koers.taxonomy.taxonomy import Taxonomy

COLLECTIONS = ("digital", "green", "transversal")
MIN_DEMAND = 50.0
"""Skills whose demand (jobs-weighted) stays below this are left out: too thin to rank."""


@dataclass(frozen=True, slots=True)
class SkillTrend:
    skill: Skill
    growth: float
    demand_start: float
    demand_end: float


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
    ) -> list[SkillTrend]:
        """Skills ranked by forecast demand growth, fastest growing first."""
        if collection is not None and collection not in COLLECTIONS:
            raise ValueError(f"Unknown collection {collection!r}; choose {', '.join(COLLECTIONS)}")
        levels = sector_paths(self.inputs, scenario=scenario, horizon=horizon)
        if sector is not None:
            if sector not in self.inputs.sectors:
                raise ValueError(
                    f"Unknown sector {sector!r}; known: {', '.join(self.inputs.sectors)}"
                )
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
        return [
            SkillTrend(
                self.taxonomy.skills[i], round(float(growth[i]), 4), float(start[i]), float(end[i])
            )
            for i in order
        ]
