"""Run vacancy matching for a population on Dask: top K vacancies per job seeker and top K
job seekers per vacancy, with the matched and missing skills of every pair.

Phase 1, one task per citizen partition (resumable like the checks): the seekers' top K
vacancies are written to ``vacancies_per_seeker/``, the partition's best seekers per vacancy
to ``_vacancy_candidates/``. Phase 2 merges those candidates into the overall top K per
vacancy, explains each pair (one task per partition that holds a chosen seeker) and writes
``candidates_per_vacancy/``, ordered by vacancy and rank.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import scipy.sparse as sp

from koers.batch.runner import BatchError, Progress, prepare_output
from koers.batch.vacancies import (
    VacancyIndex,
    match_block,
    merge_vacancy_candidates,
    pair_table,
    ranks_in_groups,
    seeker_pairs,
    seeker_strengths,
)
from koers.errors import ERRORS, KoersError
from koers.matching.engine import MAX_TOP
from koers.matching.weights import DEFAULT_HALF_LIFE_YEARS
from koers.population.store import Population, partition_name, write_parquet_atomic

SEEKERS = "vacancies_per_seeker"
CANDIDATES = "_vacancy_candidates"
VACANCIES = "candidates_per_vacancy"
SEEKER_COLUMNS = [
    "citizen_id",
    "status",
    "region",
    "language",
    "skills",
    "skill_last_used",
    "skill_validation",
]
JOB_SEEKER = "job_seeker"
ROWS_PER_FILE = 500_000


class NoVacancies(BatchError):
    code = "batch.no_vacancies"
    message = "{path} holds no vacancies (vacancies/*.parquet)."


class MatchTopOutOfRange(BatchError):
    code = "batch.top_out_of_range"
    message = "The number of matches per vacancy and per job seeker must be between 1 and {limit}."


@dataclass(frozen=True)
class MatchSummary:
    """What a match run did."""

    output: str
    partitions: int
    skipped: int
    computed: int
    vacancies: int
    seekers_matched: int  # job seekers with at least one vacancy sharing a skill
    seeker_pairs: int
    vacancy_pairs: int


def _seekers(path: str, all_citizens: bool) -> pa.Table:
    names = pq.read_schema(path).names
    table = pq.read_table(path, columns=[c for c in SEEKER_COLUMNS if c in names])
    if not all_citizens and "status" in names:
        table = table.filter(pc.equal(table.column("status"), JOB_SEEKER))
    return table


def _seekers_and_strengths(
    path: str,
    index: VacancyIndex,
    skill_map: npt.NDArray[np.int32],
    today: date,
    half_life_years: float,
    all_citizens: bool,
) -> tuple[pa.Table, sp.csr_matrix]:
    """One partition's seekers and their skill strengths in the index's skill columns."""
    seekers = _seekers(path, all_citizens)
    held = seeker_strengths(
        seekers,
        skill_map=skill_map,
        n_skills=len(index.skill_uris),
        today=today,
        half_life_years=half_life_years,
    )
    return seekers, held


def _match_unit(
    path: str,
    name: str,
    output: str,
    index: VacancyIndex,
    skill_map: npt.NDArray[np.int32],
    top: int,
    today: date,
    half_life_years: float,
    all_citizens: bool,
) -> tuple[str, int, dict[str, Any]]:
    """Phase 1 for one partition (runs on a worker): write its seekers' top vacancies and its
    best seekers per vacancy. Returns ("ok", seekers, {}) or ("error", 0, {code, params})."""
    try:
        seekers, held = _seekers_and_strengths(
            path, index, skill_map, today, half_life_years, all_citizens
        )
        ids = seekers.column("citizen_id").to_numpy()
        found = match_block(held, index, top=top, row_ids=ids)
        pairs = seeker_pairs(seekers, held, index, found)
        candidates = pa.table(
            {
                "vacancy": pa.array(found.vacancy_columns.astype(np.int32)),
                "citizen_id": pa.array(ids[found.vacancy_rows]),
                "score": pa.array(found.vacancy_scores),
            }
        )
        write_parquet_atomic(candidates, Path(output) / CANDIDATES / name)
        write_parquet_atomic(pairs, Path(output) / SEEKERS / name)
        return "ok", seekers.num_rows, {}
    except KoersError as error:
        return "error", 0, {"code": error.code, "params": error.params}


def _explain_unit(
    path: str,
    index: VacancyIndex,
    skill_map: npt.NDArray[np.int32],
    chosen: pa.Table,
    today: date,
    half_life_years: float,
    all_citizens: bool,
) -> pa.Table:
    """Phase 2 for one partition: the chosen (vacancy, citizen, score, rank) pairs whose
    seeker lives in it, with matched and missing skills."""
    seekers, held = _seekers_and_strengths(
        path, index, skill_map, today, half_life_years, all_citizens
    )
    ids = seekers.column("citizen_id").to_numpy()
    order = np.argsort(ids, kind="stable")
    wanted = chosen.column("citizen_id").to_numpy()
    rows = order[np.searchsorted(ids, wanted, sorter=order)]
    return pair_table(
        seekers,
        held,
        index,
        rows=rows,
        vacancies=chosen.column("vacancy").to_numpy().astype(np.int64),
        scores=chosen.column("score").to_numpy(),
        ranks=chosen.column("rank").to_numpy(),
    )


def run_match_vacancies(
    client: Any,
    population: Population,
    output: Path,
    *,
    skill_index: dict[str, int],
    specificity: npt.NDArray[np.float32],
    skill_uris: tuple[str, ...],
    top: int = 20,
    today: date | None = None,
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
    all_citizens: bool = False,
    progress: Progress | None = None,
) -> MatchSummary:
    """Match the population's vacancies and job seekers (everyone with ``all_citizens``) on
    the Dask ``client`` into ``output``; a restarted run skips finished partitions.

    Raises :class:`NoVacancies`, :class:`MatchTopOutOfRange` or :class:`OutputOfAnotherRun`.
    """
    from distributed import as_completed

    if not 1 <= top <= MAX_TOP:
        raise MatchTopOutOfRange(limit=MAX_TOP)
    if not population.vacancy_files:
        raise NoVacancies(path=population.path)
    run = {
        "command": "match-vacancies",
        "source": {"population": str(population.path.resolve())},
        "top": top,
        "half_life_years": half_life_years,
        "seekers": "all" if all_citizens else JOB_SEEKER,
    }
    today = prepare_output(output, run, today)
    skill_map = population.skill_map(skill_index)
    vacancies = pa.concat_tables(pq.read_table(p) for p in population.vacancy_files)
    index = VacancyIndex.build(
        vacancies, skill_map=skill_map, specificity=specificity, skill_uris=skill_uris
    )
    units = [(str(p), p.name) for p in population.citizen_files]
    todo = [
        u
        for u in units
        if not ((output / SEEKERS / u[1]).is_file() and (output / CANDIDATES / u[1]).is_file())
    ]
    done = len(units) - len(todo)
    total_steps = len(units) + 1
    if progress:
        progress(done, total_steps)
    shared_index = client.scatter(index, broadcast=True, hash=False)
    shared_map = client.scatter(skill_map, broadcast=True, hash=False)
    run_id = uuid.uuid4().hex[:8]
    futures = [
        client.submit(
            _match_unit,
            path,
            name,
            str(output),
            shared_index,
            shared_map,
            top,
            today,
            half_life_years,
            all_citizens,
            key=f"koers-match-{run_id}-{name}",
            pure=False,
        )
        for path, name in todo
    ]
    try:
        for future in as_completed(futures):
            status, _, problem = future.result()
            if status == "error":
                raise ERRORS[problem["code"]](**problem["params"])
            done += 1
            if progress:
                progress(done, total_steps)
    finally:
        client.cancel(futures)

    # phase 2: the overall best per vacancy, explained where each seeker lives
    parts = []
    for number, (_, name) in enumerate(units):
        table = pq.read_table(output / CANDIDATES / name)
        parts.append(table.append_column("part", pa.array(np.full(table.num_rows, number))))
    candidates = pa.concat_tables(parts)
    columns = candidates.column("vacancy").to_numpy().astype(np.int64)
    citizen_ids = candidates.column("citizen_id").to_numpy()
    best = merge_vacancy_candidates(
        columns, citizen_ids, candidates.column("score").to_numpy(), top=top
    )
    chosen = candidates.take(pa.array(best)).append_column(
        "rank", pa.array(ranks_in_groups(columns[best]))
    )
    part_of = chosen.column("part").to_numpy()
    numbers = [int(n) for n in np.unique(part_of)]
    subsets = client.scatter([chosen.filter(pa.array(part_of == n)) for n in numbers], hash=False)
    explained = [
        client.submit(
            _explain_unit,
            units[number][0],
            shared_index,
            shared_map,
            subset,
            today,
            half_life_years,
            all_citizens,
            key=f"koers-explain-{run_id}-{number}",
            pure=False,
        )
        for number, subset in zip(numbers, subsets, strict=True)
    ]
    tables = client.gather(explained)
    result = (
        pa.concat_tables(tables).sort_by([("vacancy_id", "ascending"), ("rank", "ascending")])
        if tables
        else None
    )
    target = output / VACANCIES
    if target.is_dir():
        for old in target.glob("*.parquet"):
            old.unlink()
    vacancy_pairs = 0
    if result is not None:
        vacancy_pairs = result.num_rows
        for number, start in enumerate(range(0, result.num_rows, ROWS_PER_FILE)):
            write_parquet_atomic(
                result.slice(start, ROWS_PER_FILE), target / partition_name(number)
            )
    if progress:
        progress(total_steps, total_steps)
    seeker_pairs = sum(pq.read_metadata(output / SEEKERS / name).num_rows for _, name in units)
    return MatchSummary(
        output=str(output),
        partitions=len(units),
        skipped=len(units) - len(todo),
        computed=len(todo),
        vacancies=index.weights.shape[1],
        seekers_matched=_seeker_count(output, units),
        seeker_pairs=seeker_pairs,
        vacancy_pairs=vacancy_pairs,
    )


def _seeker_count(output: Path, units: list[tuple[str, str]]) -> int:
    """Job seekers with at least one matching vacancy."""
    total = 0
    for _, name in units:
        table = pq.read_table(output / SEEKERS / name, columns=["citizen_id"])
        total += len(pc.unique(table.column("citizen_id")))
    return total
