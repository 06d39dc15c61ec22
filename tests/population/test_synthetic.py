"""The synthetic population: seeded, labelled synthetic, drawn from occupation profiles."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from koers.population import (
    CITIZEN_SCHEMA,
    PopulationModel,
    generate_citizens,
    generate_vacancies,
    open_population,
    write_population,
)
from koers.population.store import NotAPopulation, PopulationOutputExists
from koers.population.synthetic import REGIONS

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def model():
    from koers.matching import get_engine

    return PopulationModel.from_engine(get_engine())


def test_a_partition_is_the_same_for_the_same_seed_and_number(model):
    a = generate_citizens(model, count=500, seed=3, partition=2, today=TODAY)
    b = generate_citizens(model, count=500, seed=3, partition=2, today=TODAY)
    c = generate_citizens(model, count=500, seed=3, partition=3, today=TODAY)
    assert a.equals(b)
    assert not a.column("skills").equals(c.column("skills"))


def test_citizens_are_labelled_synthetic_and_plausible(model, taxonomy):
    table = generate_citizens(model, count=4000, first_id=100, seed=1, today=TODAY)
    assert table.schema.equals(CITIZEN_SCHEMA, check_metadata=True)
    assert table.schema.metadata[b"koers.label"] == b"synthetic"
    rows = table.to_pylist()
    assert [r["citizen_id"] for r in rows] == list(range(100, 4100))
    occupations = {r["occupation_uri"] for r in rows if r["occupation_uri"]}
    assert occupations <= set(taxonomy.occupation_index)
    assert {r["region"] for r in rows} == set(REGIONS)
    flemish = [r for r in rows if r["region"] == "Flanders"]
    assert sum(r["language"] == "nl" for r in flemish) / len(flemish) > 0.9
    assert all(18 <= r["age"] <= 66 for r in rows)
    # a portfolio comes mostly from the person's occupation profile
    in_profile = total = 0
    for r in rows[:500]:
        if not r["occupation_uri"]:
            continue
        profile = {s.uri for s in taxonomy.skills_of(r["occupation_uri"]).essential}
        profile |= {s.uri for s in taxonomy.skills_of(r["occupation_uri"]).optional}
        held = [model.skill_uris[s] for s in r["skills"]]
        in_profile += sum(u in profile for u in held)
        total += len(held)
        assert len(held) == len(set(held)) == len(r["skill_last_used"])
    assert in_profile / total > 0.6
    used = [d for r in rows for d in r["skill_last_used"]]
    assert all(d is None or d <= TODAY for d in used)
    assert 0.05 < sum(d is None for d in used) / len(used) < 0.15
    training = np.mean([r["trained_last_12_months"] for r in rows])
    assert 0.1 < training < 0.4


def test_vacancies_ask_for_skills_of_their_occupation(model, taxonomy):
    table = generate_vacancies(model, count=300, seed=1, today=TODAY)
    lengths = pc.list_value_length(table.column("required_skills")).to_numpy()
    assert lengths.min() >= 1
    for r in table.slice(0, 50).to_pylist():
        skills = taxonomy.skills_of(r["occupation_uri"])
        profile = {s.uri for s in (*skills.essential, *skills.optional)}
        assert {model.skill_uris[s] for s in r["required_skills"]} <= profile


def test_write_and_open_a_population_folder(model, tmp_path):
    path = tmp_path / "pop"
    population = write_population(
        path, model, citizens=2500, vacancies=700, seed=5, partition_size=1000, today=TODAY
    )
    assert [p.name for p in population.citizen_files] == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    assert len(population.vacancy_files) == 1
    assert population.synthetic
    assert json.loads((path / "metadata.json").read_text())["label"] == "synthetic"
    assert sum(pq.read_metadata(p).num_rows for p in population.citizen_files) == 2500
    assert pq.read_schema(population.citizen_files[0]).metadata[b"koers.label"] == b"synthetic"
    assert population.skill_uris == model.skill_uris
    with pytest.raises(PopulationOutputExists):
        write_population(path, model, citizens=10, today=TODAY)


def test_a_folder_without_a_population_is_refused(tmp_path):
    with pytest.raises(NotAPopulation) as caught:
        open_population(tmp_path)
    assert caught.value.code == "population.not_a_population"
