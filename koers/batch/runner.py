"""Run the citizen check for a population on Dask, partition by partition, resumably.

Each input partition (a Parquet file of the population, or a slice of a synthetic population
generated on the worker) becomes one output file of the same name, written to a temporary file
and renamed, so it is there whole or not at all. The output folder keeps the run's parameters
in ``_batch.json``; a restarted run with the same output skips the partitions already written
and computes only the rest. Results do not depend on which worker ran what, nor on restarts.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow.parquet as pq

from koers.batch.checks import CheckTables, check_citizens
from koers.errors import ERRORS, InvalidInput, KoersError
from koers.matching.weights import DEFAULT_HALF_LIFE_YEARS
from koers.population.store import (
    Population,
    partition_bounds,
    partition_name,
    read_partition,
    write_parquet_atomic,
)
from koers.population.synthetic import SYNTHETIC, PopulationModel, generate_citizens

MANIFEST = "_batch.json"
CHECK_COLUMNS = ["citizen_id", "occupation_uri", "aspiration_uri", "skills", "skill_last_used"]

Progress = Callable[[int, int], None]
"""Called with (partitions done, partitions in all) as partitions finish."""


class BatchError(InvalidInput):
    """A batch run that cannot go ahead as asked."""


class OutputOfAnotherRun(BatchError):
    code = "batch.output_of_another_run"
    message = (
        "{path} holds the output of another run ({difference} differs); "
        "choose another output folder or remove it."
    )


class WorkersOutOfRange(BatchError):
    code = "batch.workers_out_of_range"
    message = "The number of workers must be between 1 and {limit}."


MAX_WORKERS = 256


@contextmanager
def dask_client(
    *, workers: int = 2, scheduler: str | None = None, processes: bool = True
) -> Iterator[Any]:
    """A ``distributed.Client``: connected to ``scheduler`` when given, otherwise to a new
    ``LocalCluster`` of ``workers`` single-threaded workers (closed afterwards)."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    if not 1 <= workers <= MAX_WORKERS:
        raise WorkersOutOfRange(limit=MAX_WORKERS)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,  # task failures reach the caller through the futures
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@dataclass(frozen=True)
class SyntheticPopulation:
    """A synthetic population generated on the workers, partition by partition."""

    citizens: int
    seed: int = 0
    partition_size: int = 100_000
    job_seeker_share: float | None = None

    def describe(self) -> dict[str, Any]:
        return {
            "label": SYNTHETIC,
            "citizens": self.citizens,
            "seed": self.seed,
            "partition_size": self.partition_size,
            "job_seeker_share": self.job_seeker_share,
        }


@dataclass(frozen=True)
class Unit:
    """One partition of work: a file to read, or a synthetic slice (first id, count)."""

    name: str
    path: str | None = None
    first: int = 0
    count: int = 0
    number: int = 0


@dataclass(frozen=True)
class BatchSummary:
    """What a run did: partitions in all, skipped (already done), computed now, rows written."""

    output: str
    partitions: int
    skipped: int
    computed: int
    rows: int


def _units(source: Population | SyntheticPopulation) -> list[Unit]:
    if isinstance(source, SyntheticPopulation):
        return [
            Unit(partition_name(n), first=first, count=count, number=n)
            for n, (first, count) in enumerate(
                partition_bounds(source.citizens, source.partition_size)
            )
        ]
    return [Unit(p.name, path=str(p)) for p in source.citizen_files]


def _describe(source: Population | SyntheticPopulation) -> dict[str, Any]:
    if isinstance(source, SyntheticPopulation):
        return source.describe()
    return {"population": str(source.path.resolve()), "label": source.metadata.get("label", "")}


def prepare_output(output: Path, run: dict[str, Any], today: date | None) -> date:
    """Create ``output`` with its manifest, or check that it holds the same run; return the
    run's reference date (the stored one when resuming without an explicit ``today``).

    Raises :class:`OutputOfAnotherRun` when the folder holds another run's output.
    """
    output.mkdir(parents=True, exist_ok=True)
    manifest = output / MANIFEST
    if manifest.is_file():
        stored = json.loads(manifest.read_text(encoding="utf-8"))
        for key, value in run.items():
            if stored.get(key) != value:
                raise OutputOfAnotherRun(path=output, difference=key)
        stored_today = date.fromisoformat(stored["today"])
        if today is not None and today != stored_today:
            raise OutputOfAnotherRun(path=output, difference="today")
        today = stored_today
    else:
        today = today or date.today()
        temporary = output / f".{MANIFEST}.{uuid.uuid4().hex}.tmp"
        temporary.write_text(
            json.dumps({**run, "today": today.isoformat()}, indent=2) + "\n", encoding="utf-8"
        )
        os.replace(temporary, manifest)
    for stale in output.glob(".*.tmp"):  # left by a run that was killed while writing
        stale.unlink(missing_ok=True)
    return today


def _check_unit(
    unit: Unit,
    target: str,
    tables: CheckTables,
    skill_map: npt.NDArray[np.int32] | None,
    model: PopulationModel | None,
    synthetic: SyntheticPopulation | None,
    today: date,
    half_life_years: float,
) -> tuple[str, int, dict[str, Any]]:
    """Check one partition and write its result (runs on a worker). Returns ("ok", rows, {})
    or ("error", 0, {code, params}) for a :class:`KoersError`, re-raised by the client."""
    try:
        if unit.path is not None:
            names = pq.read_schema(unit.path).names
            optional = ("aspiration_uri",)
            columns = [c for c in CHECK_COLUMNS if c not in optional or c in names]
            table = read_partition(Path(unit.path), columns)
            assert skill_map is not None
            mapping = skill_map
        else:
            assert model is not None and synthetic is not None
            table = generate_citizens(
                model,
                count=unit.count,
                first_id=unit.first,
                seed=synthetic.seed,
                partition=unit.number,
                today=today,
                job_seeker_share=synthetic.job_seeker_share,
            )
            mapping = np.arange(len(model.skill_uris), dtype=np.int32)
        result = check_citizens(
            table, tables, skill_map=mapping, today=today, half_life_years=half_life_years
        )
        write_parquet_atomic(result, Path(target))
        return "ok", result.num_rows, {}
    except KoersError as error:
        return "error", 0, {"code": error.code, "params": error.params}


def run_checks(
    client: Any,
    source: Population | SyntheticPopulation,
    output: Path,
    *,
    tables: CheckTables,
    skill_uris: dict[str, int],
    model: PopulationModel | None = None,
    today: date | None = None,
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
    progress: Progress | None = None,
) -> BatchSummary:
    """Check every citizen of ``source`` on the Dask ``client``; write one result file per
    partition into ``output``. Partitions already there are skipped (a restarted run).

    ``skill_uris`` is the taxonomy's skill index (URI → index); ``model`` is needed for a
    :class:`SyntheticPopulation`. Raises :class:`OutputOfAnotherRun`, or the error a partition
    met (e.g. a missing column).
    """
    from distributed import as_completed

    run = {
        "command": "checks",
        "source": _describe(source),
        "half_life_years": half_life_years,
    }
    today = prepare_output(output, run, today)
    units = _units(source)
    todo = [u for u in units if not (output / u.name).is_file()]
    done = len(units) - len(todo)
    if progress:
        progress(done, len(units))
    rows = 0
    if todo:
        synthetic = source if isinstance(source, SyntheticPopulation) else None
        skill_map = None if synthetic else source.skill_map(skill_uris)  # type: ignore[union-attr]
        shared_tables = client.scatter(tables, broadcast=True, hash=False)
        shared_model = client.scatter(model, broadcast=True, hash=False) if synthetic else None
        shared_map = (
            client.scatter(skill_map, broadcast=True, hash=False) if skill_map is not None else None
        )
        run_id = uuid.uuid4().hex[:8]
        futures = [
            client.submit(
                _check_unit,
                unit,
                str(output / unit.name),
                shared_tables,
                shared_map,
                shared_model,
                synthetic,
                today,
                half_life_years,
                key=f"koers-check-{run_id}-{unit.name}",
                pure=False,
            )
            for unit in todo
        ]
        try:
            for future in as_completed(futures):
                status, count, problem = future.result()
                if status == "error":
                    raise ERRORS[problem["code"]](**problem["params"])
                rows += count
                done += 1
                if progress:
                    progress(done, len(units))
        finally:
            client.cancel(futures)
    return BatchSummary(
        output=str(output),
        partitions=len(units),
        skipped=len(units) - len(todo),
        computed=len(todo),
        rows=rows,
    )
