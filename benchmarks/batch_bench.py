"""Population-scale batch runs on Dask: citizen checks at 100k and 1M people with 1 and 2
workers, and vacancy matching (top K both ways), each beside a simple baseline in the same run.

Baselines: the per-citizen ``citizen_check`` loop on a sample (extrapolated to 1M, labelled),
and the vectorised check in one process without Dask. Matching runs at a reduced scale with 1
and 2 workers (extrapolated linearly in the number of job seekers, labelled), and at full scale
(50,000 vacancies × 500,000 job seekers) unless ``--quick``. Prints one JSON object.

    .venv/bin/python benchmarks/batch_bench.py [--quick] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 1)
PARTITION = 50_000
TOP = 20


def _cpu(client):  # type: ignore[no-untyped-def]
    """CPU seconds used so far by each worker process and by this process."""
    return client.run(time.process_time), time.process_time()


def _cpu_used(client, before):  # type: ignore[no-untyped-def]
    """CPU seconds since ``before``: per worker, in all, and the client's own. On a busy
    machine, wall time grows with other load; CPU time is the work itself. The uncontended
    wall time is at least the busiest worker's CPU time (plus the client's serial part)."""
    workers, client_cpu = _cpu(client)
    used = {w: round(workers[w] - before[0].get(w, 0.0), 2) for w in workers}
    return {
        "worker_cpu_seconds": sorted(used.values()),
        "client_cpu_seconds": round(client_cpu - before[1], 2),
    }


def _timed(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the full-scale match")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    parser.add_argument("--only", choices=("checks", "match"), help="run one half only")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from koers.batch.checks import CheckTables
    from koers.market.in_force import market_outlook
    from koers.matching import get_engine
    from koers.population import PopulationModel

    work = options.keep or Path(tempfile.mkdtemp(prefix="koers-batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    engine = get_engine()
    model = PopulationModel.from_engine(engine)
    tables = CheckTables.build(engine, market_outlook())
    figures: dict[str, object] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "load_average_1min_at_start": round(os.getloadavg()[0], 2),
        },
        "label": "synthetic population (koers.population), seeded",
        "partition_size": PARTITION,
    }

    if options.only != "match":
        _checks(figures, work, engine, model, tables)
    if options.only != "checks":
        _match(figures, work, engine, model, options.quick)
    figures["load_average_1min_at_end"] = round(os.getloadavg()[0], 2)
    if not options.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=2))


def _checks(figures, work, engine, model, tables):  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    from koers.batch.checks import check_citizens, citizen_check_rows
    from koers.batch.runner import SyntheticPopulation, dask_client, run_checks
    from koers.population import generate_citizens, write_population

    skill_index = engine.taxonomy.skill_index
    # -- data -------------------------------------------------------------------------------
    populations = {}
    generation = {}
    for people in (100_000, 1_000_000):
        path = work / f"pop-{people}"
        shutil.rmtree(path, ignore_errors=True)
        populations[people], seconds = _timed(
            write_population,
            path,
            model,
            citizens=people,
            seed=1,
            partition_size=PARTITION,
            today=TODAY,
        )
        generation[str(people)] = round(seconds, 2)
    figures["generate_population_seconds_one_process"] = generation

    # -- baselines --------------------------------------------------------------------------
    sample = generate_citizens(model, count=2000, seed=99, today=TODAY)
    _, loop_seconds = _timed(
        citizen_check_rows,
        sample,
        tables,
        engine=engine,
        skill_uris=model.skill_uris,
        today=TODAY,
    )
    per_second = sample.num_rows / loop_seconds
    figures["baseline_citizen_check_loop"] = {
        "sample": sample.num_rows,
        "people_per_second": round(per_second),
        "extrapolated_seconds_for_1M": round(1_000_000 / per_second, 1),
        "note": "EXTRAPOLATED from the sample: one portfolio at a time, koers.checks.citizen",
    }
    big = populations[1_000_000]
    skill_map = big.skill_map(skill_index)
    start = time.perf_counter()
    rows = 0
    for path in big.citizen_files:
        result = check_citizens(pq.read_table(path), tables, skill_map=skill_map, today=TODAY)
        rows += result.num_rows
    single = time.perf_counter() - start
    figures["baseline_vectorised_one_process_no_dask_1M"] = {
        "people": rows,
        "seconds": round(single, 2),
        "people_per_second": round(rows / single),
        "note": "read + check, no writing, no Dask",
    }

    # -- checks on Dask ---------------------------------------------------------------------
    checks = []
    for workers in (1, 2):
        cluster_start = time.perf_counter()
        with dask_client(workers=workers) as client:
            startup = time.perf_counter() - cluster_start
            for people, population in populations.items():
                output = work / f"checks-{people}-{workers}"
                shutil.rmtree(output, ignore_errors=True)
                before = _cpu(client)
                summary, seconds = _timed(
                    run_checks,
                    client,
                    population,
                    output,
                    tables=tables,
                    skill_uris=skill_index,
                    today=TODAY,
                )
                checks.append(
                    {
                        "mode": "parquet to parquet",
                        "people": summary.rows,
                        "workers": workers,
                        "seconds": round(seconds, 2),
                        "people_per_second": round(summary.rows / seconds),
                        "cluster_start_seconds": round(startup, 2),
                        **_cpu_used(client, before),
                    }
                )
                shutil.rmtree(output, ignore_errors=True)
            output = work / f"checks-synthetic-{workers}"
            shutil.rmtree(output, ignore_errors=True)
            before = _cpu(client)
            summary, seconds = _timed(
                run_checks,
                client,
                SyntheticPopulation(1_000_000, seed=1, partition_size=PARTITION),
                output,
                tables=tables,
                skill_uris=skill_index,
                model=model,
                today=TODAY,
            )
            checks.append(
                {
                    "mode": "--synthetic: generate + check + write on the workers",
                    "people": summary.rows,
                    "workers": workers,
                    "seconds": round(seconds, 2),
                    "people_per_second": round(summary.rows / seconds),
                    **_cpu_used(client, before),
                }
            )
            shutil.rmtree(output, ignore_errors=True)
    figures["checks"] = checks
    one_million = [c for c in checks if c["people"] == 1_000_000 and c["workers"] == 2]
    figures["goal_checks_1M_under_120s"] = all(float(c["seconds"]) < 120 for c in one_million)  # type: ignore[arg-type]


def _match(figures, work, engine, model, quick):  # type: ignore[no-untyped-def]
    from koers.batch.matching import run_match_vacancies
    from koers.batch.runner import dask_client
    from koers.population import open_population, write_population

    skill_index = engine.taxonomy.skill_index
    skill_uris = tuple(s.uri for s in engine.taxonomy.skills)
    # -- vacancy matching -------------------------------------------------------------------
    matches = []
    reduced = work / "match-pop-reduced"
    shutil.rmtree(reduced, ignore_errors=True)
    write_population(
        reduced,
        model,
        citizens=50_000,
        vacancies=50_000,
        seed=2,
        partition_size=PARTITION // 2,
        today=TODAY,
        job_seeker_share=1.0,
    )
    scales = [("reduced", open_population(reduced), (1, 2))]
    if not quick:
        full = work / "match-pop-full"
        shutil.rmtree(full, ignore_errors=True)
        _, seconds = _timed(
            write_population,
            full,
            model,
            citizens=500_000,
            vacancies=50_000,
            seed=3,
            partition_size=PARTITION,
            today=TODAY,
            job_seeker_share=1.0,
        )
        figures["generate_match_population_500k_seconds"] = round(seconds, 2)
        scales.append(("full", open_population(full), (2,)))
    for scale, population, worker_counts in scales:
        for workers in worker_counts:
            output = work / f"match-{scale}-{workers}"
            shutil.rmtree(output, ignore_errors=True)
            with dask_client(workers=workers) as client:
                before = _cpu(client)
                summary, seconds = _timed(
                    run_match_vacancies,
                    client,
                    population,
                    output,
                    skill_index=skill_index,
                    specificity=engine.specificity,
                    skill_uris=skill_uris,
                    top=TOP,
                    today=TODAY,
                )
                cpu = _cpu_used(client, before)
            seekers = int(population.metadata["citizens"])
            entry = {
                "scale": scale,
                "vacancies": summary.vacancies,
                "job_seekers": seekers,
                "top": TOP,
                "workers": workers,
                "seconds": round(seconds, 2),
                "seeker_pairs": summary.seeker_pairs,
                "vacancy_pairs": summary.vacancy_pairs,
                **cpu,
            }
            if scale == "reduced":
                entry["EXTRAPOLATED_seconds_for_500k_seekers"] = round(
                    seconds * 500_000 / seekers, 1
                )
                entry["extrapolation_note"] = (
                    "linear in job seekers (the work per seeker is a sparse product with all "
                    "vacancies); not measured"
                )
            matches.append(entry)
            shutil.rmtree(output, ignore_errors=True)
    figures["match_vacancies"] = matches
    full_runs = [m for m in matches if m["scale"] == "full"]
    if full_runs:
        figures["goal_match_50k_x_500k_under_300s"] = all(
            float(m["seconds"]) < 300  # type: ignore[arg-type]
            for m in full_runs
        )


if __name__ == "__main__":
    main()
