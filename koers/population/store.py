"""Write and open a population folder (see :mod:`koers.population`): partitioned Parquet."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from koers.errors import InvalidInput
from koers.population.synthetic import (
    SYNTHETIC,
    PopulationModel,
    generate_citizens,
    generate_vacancies,
)

FORMAT = "koers-population/1"
METADATA = "metadata.json"
SKILLS = "skills.parquet"
CITIZENS = "citizens"
VACANCIES = "vacancies"
LABEL_KEY = b"koers.label"

CITIZEN_SCHEMA = pa.schema(
    [
        ("citizen_id", pa.int64()),
        ("status", pa.string()),  # employed | self_employed | job_seeker | inactive
        ("occupation_uri", pa.string()),  # ESCO occupation now (or last); null if none
        ("aspiration_uri", pa.string()),  # an ESCO occupation they would like to move to
        ("age", pa.int8()),
        ("education", pa.string()),  # low | mid | high
        ("region", pa.string()),  # Flanders | Wallonia | Brussels
        ("language", pa.string()),  # nl | fr | de | en
        ("trained_last_12_months", pa.bool_()),
        ("career_guidance_last_12_months", pa.bool_()),
        ("learning_spend_eur", pa.float32()),
        ("demand_driven_spend_eur", pa.float32()),
        ("skills", pa.list_(pa.int32())),  # indices into skills.parquet
        ("skill_last_used", pa.list_(pa.date32())),  # one per skill, null if unknown
        ("skill_validation", pa.list_(pa.int8())),  # 0 self-declared, 1 confirmed, 2 formal
    ],
    metadata={LABEL_KEY: SYNTHETIC.encode()},
)
VACANCY_SCHEMA = pa.schema(
    [
        ("vacancy_id", pa.int64()),
        ("occupation_uri", pa.string()),
        ("region", pa.string()),
        ("language", pa.string()),
        ("required_skills", pa.list_(pa.int32())),  # indices into skills.parquet
        ("posted_on", pa.date32()),
    ],
    metadata={LABEL_KEY: SYNTHETIC.encode()},
)
CITIZEN_COLUMNS = ("citizen_id", "occupation_uri", "skills")


class PopulationError(InvalidInput):
    """A population folder that cannot be read."""


class NotAPopulation(PopulationError):
    code = "population.not_a_population"
    message = "{path} is not a population folder (it needs {what})."


class PopulationColumnMissing(PopulationError):
    code = "population.column_missing"
    message = "{path}: column {column} is missing."


class PopulationOutputExists(PopulationError):
    code = "population.output_exists"
    message = "{path} already holds a population; choose an empty folder."


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` whole or not at all: a temporary file, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def partition_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def partition_bounds(total: int, size: int) -> list[tuple[int, int]]:
    """(first id, count) of each partition of ``total`` rows in partitions of ``size``."""
    return [(start, min(size, total - start)) for start in range(0, total, size)]


def write_population(
    path: Path,
    model: PopulationModel,
    *,
    citizens: int,
    vacancies: int = 0,
    seed: int = 0,
    partition_size: int = 100_000,
    today: date,
    job_seeker_share: float | None = None,
) -> Population:
    """Generate and write a synthetic population folder at ``path``; return it opened.

    Raises :class:`PopulationOutputExists` when ``path`` already holds one.
    """
    if (path / METADATA).exists():
        raise PopulationOutputExists(path=path)
    path.mkdir(parents=True, exist_ok=True)
    vocabulary = pa.table(
        {
            "skill_index": pa.array(np.arange(len(model.skill_uris), dtype=np.int32)),
            "skill_uri": pa.array(model.skill_uris, type=pa.string()),
        }
    )
    write_parquet_atomic(vocabulary, path / SKILLS)
    for number, (first, count) in enumerate(partition_bounds(citizens, partition_size)):
        table = generate_citizens(
            model,
            count=count,
            first_id=first,
            seed=seed,
            partition=number,
            today=today,
            job_seeker_share=job_seeker_share,
        )
        write_parquet_atomic(table, path / CITIZENS / partition_name(number))
    for number, (first, count) in enumerate(partition_bounds(vacancies, partition_size)):
        table = generate_vacancies(
            model, count=count, first_id=first, seed=seed, partition=number, today=today
        )
        write_parquet_atomic(table, path / VACANCIES / partition_name(number))
    metadata = {
        "format": FORMAT,
        "label": SYNTHETIC,
        "note": "Synthetic people and vacancies drawn from ESCO occupation profiles; no real "
        "person is described.",
        "seed": seed,
        "citizens": citizens,
        "vacancies": vacancies,
        "partition_size": partition_size,
        "reference_date": today.isoformat(),
        "job_seeker_share": job_seeker_share,
    }
    (path / METADATA).write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return open_population(path)


@dataclass(frozen=True)
class Population:
    """An opened population folder: its metadata, skill vocabulary and partition files."""

    path: Path
    metadata: dict[str, Any]
    skill_uris: tuple[str, ...]
    citizen_files: tuple[Path, ...]
    vacancy_files: tuple[Path, ...]

    @property
    def synthetic(self) -> bool:
        return self.metadata.get("label") == SYNTHETIC

    def skill_map(self, skill_index: dict[str, int]) -> npt.NDArray[np.int32]:
        """Vocabulary index → taxonomy index (-1 for a skill the taxonomy does not know)."""
        return np.array([skill_index.get(u, -1) for u in self.skill_uris], dtype=np.int32)


def open_population(path: Path) -> Population:
    """Open the population folder at ``path``.

    Raises :class:`NotAPopulation` when the vocabulary or the citizens are missing.
    """
    if not (path / SKILLS).is_file():
        raise NotAPopulation(path=path, what=SKILLS)
    citizens = tuple(sorted((path / CITIZENS).glob("*.parquet")))
    if not citizens:
        raise NotAPopulation(path=path, what=f"{CITIZENS}/*.parquet")
    metadata_file = path / METADATA
    metadata = (
        json.loads(metadata_file.read_text(encoding="utf-8")) if metadata_file.is_file() else {}
    )
    vocabulary = pq.read_table(path / SKILLS, columns=["skill_index", "skill_uri"])
    order = np.argsort(vocabulary.column("skill_index").to_numpy())
    uris = vocabulary.column("skill_uri").to_numpy(zero_copy_only=False)[order]
    return Population(
        path=path,
        metadata=metadata,
        skill_uris=tuple(str(u) for u in uris),
        citizen_files=citizens,
        vacancy_files=tuple(sorted((path / VACANCIES).glob("*.parquet"))),
    )


def read_partition(path: Path, columns: list[str] | None = None) -> pa.Table:
    """One partition file; raises :class:`PopulationColumnMissing` for a missing column."""
    schema = pq.read_schema(path)
    for column in columns or []:
        if column not in schema.names:
            raise PopulationColumnMissing(path=path, column=column)
    return pq.read_table(path, columns=columns)
