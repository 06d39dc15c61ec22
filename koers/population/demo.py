"""A small synthetic population held in memory, for pages and the API: the platform figures of
the monitoring KPIs and the synthetic vacancies a citizen is matched with.

Everything here is **synthetic** (the same seeded generator as ``koers batch population``);
built once per process and per set of parameters, in well under a second at the default size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pyarrow as pa

from koers.population.synthetic import (
    SYNTHETIC,
    PopulationModel,
    generate_citizens,
    generate_vacancies,
)

DEMO_CITIZENS = 20_000
DEMO_VACANCIES = 2_000
DEMO_SEED = 0


@dataclass(frozen=True, eq=False)
class DemoPopulation:
    """Synthetic citizens and vacancies (CITIZEN_SCHEMA, VACANCY_SCHEMA); their skill columns
    index ``skill_uris``, the taxonomy's skills in order. Compared (and hashed) by identity:
    one is built per set of parameters."""

    citizens: pa.Table
    vacancies: pa.Table
    skill_uris: tuple[str, ...]
    seed: int
    today: date
    label: str = SYNTHETIC

    @property
    def source(self) -> str:
        return (
            f"Koers synthetic population (seed {self.seed}, {self.citizens.num_rows} people, "
            f"{self.vacancies.num_rows} vacancies, {self.today.isoformat()})"
        )


@lru_cache(maxsize=4)
def demo_population(
    *,
    citizens: int = DEMO_CITIZENS,
    vacancies: int = DEMO_VACANCIES,
    seed: int = DEMO_SEED,
    today: date,
) -> DemoPopulation:
    """The seeded synthetic population of this size and reference date (built once)."""
    from koers.matching import get_engine

    model = PopulationModel.from_engine(get_engine())
    return DemoPopulation(
        citizens=generate_citizens(model, count=citizens, seed=seed, today=today),
        vacancies=generate_vacancies(model, count=vacancies, seed=seed, today=today),
        skill_uris=model.skill_uris,
        seed=seed,
        today=today,
    )
