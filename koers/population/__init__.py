"""A seeded, synthetic population of citizens and vacancies, stored as partitioned Parquet.

Everything here is **synthetic** (labelled so in every file's metadata and in
``metadata.json``): invented people drawn from ESCO occupation profiles, for population-scale
runs (``koers batch``) and for the platform figures of the monitoring KPIs. No real person is
described.

A population folder holds::

    metadata.json              {"label": "synthetic", "seed", "citizens", "vacancies", ...}
    skills.parquet             the skill vocabulary: skill_index (int32) → skill_uri
    citizens/part-00000.parquet ...   one row per citizen (see CITIZEN_SCHEMA)
    vacancies/part-00000.parquet ...  one row per vacancy (see VACANCY_SCHEMA)

Skills are stored as integer indices into ``skills.parquet`` (list<int32> columns): small and
fast to turn into sparse matrices. A reader maps them to the taxonomy in force through the
vocabulary, so a population written against another ESCO build still reads correctly.
"""

from __future__ import annotations

from koers.population.store import (
    CITIZEN_SCHEMA,
    VACANCY_SCHEMA,
    Population,
    open_population,
    write_parquet_atomic,
    write_population,
)
from koers.population.synthetic import PopulationModel, generate_citizens, generate_vacancies

__all__ = [
    "CITIZEN_SCHEMA",
    "VACANCY_SCHEMA",
    "Population",
    "PopulationModel",
    "generate_citizens",
    "generate_vacancies",
    "open_population",
    "write_parquet_atomic",
    "write_population",
]
