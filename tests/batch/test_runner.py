"""Batch runs on a real LocalCluster with 2 worker processes: every citizen once, resumable."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from koers.batch.checks import CheckTables, check_citizens
from koers.batch.matching import run_match_vacancies
from koers.batch.runner import OutputOfAnotherRun, SyntheticPopulation, run_checks
from koers.batch.vacancies import VacancyIndex, brute_force_scores, seeker_strengths
from koers.outlook import Outlook, TableOutlook
from koers.population import generate_citizens
from tests.batch.conftest import TODAY

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tables(engine):
    down = Outlook(score=-0.5, summary="shrinking")
    declining = {o.uri: down for o in engine.taxonomy.occupations[::10]}
    return CheckTables.build(engine, TableOutlook(declining))


def _read(folder):
    return pq.read_table(sorted(folder.glob("part-*.parquet"))).sort_by("citizen_id")


def _direct(population, tables, engine):
    skill_map = population.skill_map(engine.taxonomy.skill_index)
    parts = [
        check_citizens(pq.read_table(p), tables, skill_map=skill_map, today=TODAY)
        for p in population.citizen_files
    ]
    return pa.concat_tables(parts).sort_by("citizen_id")


def test_checks_for_a_population_then_resume_after_losing_partitions(
    dask_client, population, tables, engine, tmp_path
):
    output = tmp_path / "out"
    seen = []
    summary = run_checks(
        dask_client,
        population,
        output,
        tables=tables,
        skill_uris=engine.taxonomy.skill_index,
        today=TODAY,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert (summary.partitions, summary.computed, summary.rows) == (6, 6, 2400)
    assert seen[-1] == (6, 6)
    clean = _read(output)
    ids = clean.column("citizen_id").to_numpy()
    assert len(ids) == len(np.unique(ids)) == 2400
    assert clean.equals(_direct(population, tables, engine))
    assert json.loads((output / "_batch.json").read_text())["today"] == TODAY.isoformat()

    # a run killed mid-way: two partitions never written, one half-written temporary file
    kept = {p.name: p.stat().st_mtime_ns for p in output.glob("part-*.parquet")}
    for name in ("part-00001.parquet", "part-00004.parquet"):
        (output / name).unlink()
        del kept[name]
    (output / ".part-00001.parquet.dead.tmp").write_bytes(b"PAR1 half")
    again = run_checks(
        dask_client,
        population,
        output,
        tables=tables,
        skill_uris=engine.taxonomy.skill_index,  # no today: the run's own date is kept
    )
    assert (again.skipped, again.computed, again.rows) == (4, 2, 800)
    assert {
        p.name: p.stat().st_mtime_ns for p in output.glob("part-*.parquet") if p.name in kept
    } == kept
    assert not list(output.glob("*.tmp"))
    assert _read(output).equals(clean)


def test_an_output_folder_of_another_run_is_refused(
    dask_client, population, tables, engine, tmp_path
):
    output = tmp_path / "out"
    run_checks(
        dask_client,
        population,
        output,
        tables=tables,
        skill_uris=engine.taxonomy.skill_index,
        today=TODAY,
    )
    with pytest.raises(OutputOfAnotherRun) as caught:
        run_checks(
            dask_client,
            population,
            output,
            tables=tables,
            skill_uris=engine.taxonomy.skill_index,
            half_life_years=3.0,
        )
    assert "half_life_years" in str(caught.value)


def test_a_synthetic_population_is_generated_on_the_workers(
    dask_client, model, tables, engine, tmp_path
):
    source = SyntheticPopulation(1000, seed=4, partition_size=300)
    summary = run_checks(
        dask_client,
        source,
        tmp_path / "out",
        tables=tables,
        skill_uris=engine.taxonomy.skill_index,
        model=model,
        today=TODAY,
    )
    assert (summary.partitions, summary.rows) == (4, 1000)
    identity = np.arange(len(model.skill_uris), dtype=np.int32)
    expected = [
        check_citizens(
            generate_citizens(model, count=c, first_id=f, seed=4, partition=n, today=TODAY),
            tables,
            skill_map=identity,
            today=TODAY,
        )
        for n, (f, c) in enumerate([(0, 300), (300, 300), (600, 300), (900, 100)])
    ]
    assert _read(tmp_path / "out").equals(pa.concat_tables(expected))


def test_match_vacancies_both_ways_equals_brute_force(dask_client, population, engine, tmp_path):
    top = 5
    summary = run_match_vacancies(
        dask_client,
        population,
        tmp_path / "match",
        skill_index=engine.taxonomy.skill_index,
        specificity=engine.specificity,
        skill_uris=tuple(s.uri for s in engine.taxonomy.skills),
        top=top,
        today=TODAY,
    )
    seekers = pa.concat_tables(pq.read_table(p) for p in population.citizen_files)
    seekers = seekers.filter(pa.compute.equal(seekers.column("status"), "job_seeker"))
    skill_map = population.skill_map(engine.taxonomy.skill_index)
    vacancies = pa.concat_tables(pq.read_table(p) for p in population.vacancy_files)
    index = VacancyIndex.build(
        vacancies,
        skill_map=skill_map,
        specificity=engine.specificity,
        skill_uris=tuple(s.uri for s in engine.taxonomy.skills),
    )
    held = seeker_strengths(
        seekers, skill_map=skill_map, n_skills=len(index.skill_uris), today=TODAY
    )
    scores = brute_force_scores(held, index)
    ids = seekers.column("citizen_id").to_numpy()
    per_vacancy = pq.read_table(tmp_path / "match" / "candidates_per_vacancy").to_pylist()
    assert summary.vacancy_pairs == len(per_vacancy)
    got: dict[int, list[int]] = {}
    for pair in per_vacancy:
        got.setdefault(pair["vacancy_id"], []).append(pair["citizen_id"])
    vacancy_ids = index.vacancy_ids
    for column in range(0, scores.shape[1], 7):
        col = scores[:, column]
        order = np.lexsort((ids, -col))
        expected = [int(ids[i]) for i in order[:top] if col[i] > 0]
        assert got.get(int(vacancy_ids[column]), []) == expected
    per_seeker = pq.read_table(tmp_path / "match" / "vacancies_per_seeker").to_pylist()
    by_seeker: dict[int, list[int]] = {}
    for pair in per_seeker:
        by_seeker.setdefault(pair["citizen_id"], []).append(pair["vacancy_id"])
    for row in range(0, len(ids), 11):
        order = np.lexsort((np.arange(scores.shape[1]), -scores[row]))
        expected = [int(vacancy_ids[j]) for j in order[:top] if scores[row, j] > 0]
        assert by_seeker.get(int(ids[row]), []) == expected
    assert {p["vacancy_region"] for p in per_vacancy} == {"Flanders", "Wallonia", "Brussels"}
    assert any(p["cross_region"] for p in per_vacancy)
