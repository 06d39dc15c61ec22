"""``koers batch``: population, checks (killed and resumed) and vacancy matching, end to end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from koers.cli import app
from tests.cli import run_json, runner

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-01"


def _text(result) -> str:
    return " ".join(result.output.split())


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    path = tmp_path_factory.mktemp("batch") / "pop"
    result = runner.invoke(
        app,
        [
            "batch", "population", str(path), "--citizens", "1500", "--vacancies", "300",
            "--partition-size", "500", "--seed", "3", "--today", TODAY,
            "--job-seeker-share", "0.4",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


def test_checks_and_a_second_run_that_skips_everything(population, tmp_path):
    args = ["batch", "checks", str(population), str(tmp_path / "out"), "--outlook", "neutral"]
    first = run_json(*args, "--today", TODAY, "--workers", "2", "--json")
    assert (first["partitions"], first["computed"], first["rows"]) == (3, 3, 1500)
    again = run_json(*args, "--json")
    assert (again["skipped"], again["computed"]) == (3, 0)
    table = pq.read_table(tmp_path / "out")
    assert sorted(table.column("citizen_id").to_pylist()) == list(range(1500))
    assert set(table.column_names) >= {"signals", "essential_covered", "essential_total"}


@pytest.mark.db
@pytest.mark.django_db
def test_checks_with_the_market_outlook_in_force(population, tmp_path):
    result = run_json(
        "batch", "checks", str(population), str(tmp_path / "out"), "--today", TODAY, "--json"
    )
    assert result["rows"] == 1500


def test_wrong_arguments_and_another_runs_output_are_refused(population, tmp_path):
    result = runner.invoke(app, ["batch", "checks", str(tmp_path / "only-one")])
    assert result.exit_code == 2 and "--synthetic N" in _text(result)
    result = runner.invoke(app, ["batch", "checks", str(tmp_path / "nothing"), str(tmp_path / "o")])
    assert result.exit_code == 2 and "is not a population folder" in _text(result)
    out = tmp_path / "out"
    base = ["batch", "checks", str(out), "--synthetic", "50", "--outlook", "neutral"]
    assert runner.invoke(app, [*base, "--today", TODAY]).exit_code == 0
    result = runner.invoke(app, [*base, "--half-life", "3"])
    assert result.exit_code == 2 and "holds the output of another run" in _text(result)


def test_a_killed_run_resumes_and_loses_no_citizen(model_and_tables, tmp_path):
    """Kill a real ``koers batch checks`` process mid-run, restart it, compare with a clean
    computation: every citizen exactly once, the same results."""
    out = tmp_path / "out"
    citizens, size = 200_000, 10_000
    args = [
        "batch", "checks", str(out), "--synthetic", str(citizens), "--partition-size",
        str(size), "--seed", "9", "--outlook", "neutral", "--today", TODAY, "--workers", "2",
    ]  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-c", "from koers.cli import app; app()", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while len(list(out.glob("part-*.parquet"))) < 3 and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the CLI and its Dask workers: one session
    process.wait()
    written = len(list(out.glob("part-*.parquet")))
    assert 0 < written < citizens // size, "the run was not interrupted mid-way"

    restart = [a for a in args if a not in ("--today", TODAY)]  # the run's own date is kept
    resumed = run_json(*restart, "--json")
    assert resumed["skipped"] >= written and resumed["partitions"] == citizens // size
    assert resumed["skipped"] + resumed["computed"] == resumed["partitions"]
    result = pq.read_table(sorted(out.glob("part-*.parquet"))).sort_by("citizen_id")
    ids = result.column("citizen_id").to_numpy()
    assert len(ids) == len(np.unique(ids)) == citizens

    from koers.batch.checks import check_citizens
    from koers.population import generate_citizens

    model, tables = model_and_tables
    identity = np.arange(len(model.skill_uris), dtype=np.int32)
    today = date.fromisoformat(TODAY)
    clean = pa.concat_tables(
        check_citizens(
            generate_citizens(
                model, count=size, first_id=n * size, seed=9, partition=n, today=today
            ),
            tables,
            skill_map=identity,
            today=today,
        )
        for n in range(citizens // size)
    )
    assert result.equals(clean)


@pytest.fixture(scope="module")
def model_and_tables():
    from koers.batch.checks import CheckTables
    from koers.matching import get_engine
    from koers.population import PopulationModel

    engine = get_engine()
    return PopulationModel.from_engine(engine), CheckTables.build(engine, None)


def test_match_vacancies(population, tmp_path):
    result = run_json(
        "batch", "match-vacancies", str(population), str(tmp_path / "m"), "--top", "4",
        "--today", TODAY, "--json",
    )  # fmt: skip
    assert result["vacancies"] == 300 and result["vacancy_pairs"] <= 300 * 4
    pairs = pq.read_table(tmp_path / "m" / "candidates_per_vacancy").to_pylist()
    assert len(pairs) == result["vacancy_pairs"]
    assert all(1 <= p["rank"] <= 4 and p["matched_skills"] for p in pairs)
    seekers = pq.read_table(tmp_path / "m" / "vacancies_per_seeker")
    assert seekers.num_rows == result["seeker_pairs"]
    bad = runner.invoke(
        app, ["batch", "match-vacancies", str(population), str(tmp_path / "x"), "--top", "0"]
    )
    assert bad.exit_code == 2 and "between 1 and 200" in _text(bad)


def test_checks_on_an_existing_cluster_by_scheduler_address(population, tmp_path):
    import logging

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=logging.CRITICAL
    ) as cluster:
        result = run_json(
            "batch", "checks", str(population), str(tmp_path / "out"), "--outlook", "neutral",
            "--today", TODAY, "--scheduler", cluster.scheduler_address, "--json",
        )  # fmt: skip
        assert (result["computed"], result["rows"]) == (3, 1500)
        assert len(cluster.scheduler.workers) == 2  # the cluster is still there: not ours to close
