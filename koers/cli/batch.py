"""Population-scale jobs on the command line: a synthetic population, the citizen check for
everyone, vacancy matching both ways. Work runs on Dask: a local cluster by default
(``--workers N``), any running cluster with ``--scheduler ADDRESS``."""

from __future__ import annotations

import dataclasses
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from koers.cli.common import app, command, err, open_database, out, print_json
from koers.errors import InvalidInput

batch_app = typer.Typer(
    help="Population-scale jobs on Dask: checks for everyone, vacancy matching.",
    no_args_is_help=True,
)
app.add_typer(batch_app, name="batch")


class OutlookSource(StrEnum):
    market = "market"
    neutral = "neutral"


class PopulationOrSynthetic(InvalidInput):
    code = "cli.population_or_synthetic"
    message = "Give IN OUT (a population folder and an output folder), or OUT with --synthetic N."


WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, max=256, help="workers of the local Dask cluster")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)"),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today", help="reference date YYYY-MM-DD (default: today, or the run's when resuming)"
    ),
]
HalfLifeOption = Annotated[
    float, typer.Option(min=0.5, max=50.0, help="years after which an unused skill counts half")
]


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"not a date: {text}", param_hint="--today") from None


def _bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _summary(summary: Any, seconds: float, as_json: bool) -> None:
    figures = {**dataclasses.asdict(summary), "seconds": round(seconds, 2)}
    if as_json:
        print_json(figures)
        return
    for key, value in figures.items():
        out.print(f"{key}: {value}")


@command(batch_app, "population")
def batch_population(
    output: Annotated[Path, typer.Argument(help="folder to write the population into")],
    citizens: Annotated[int, typer.Option("--citizens", min=1, help="number of citizens")],
    vacancies: Annotated[int, typer.Option("--vacancies", min=0, help="number of vacancies")] = 0,
    seed: Annotated[int, typer.Option("--seed", help="random seed")] = 0,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="rows per Parquet file")
    ] = 100_000,
    job_seeker_share: Annotated[
        float | None, typer.Option("--job-seeker-share", min=0.0, max=1.0)
    ] = None,
    today: TodayOption = None,
) -> None:
    """Write a seeded SYNTHETIC population (citizens, vacancies) as partitioned Parquet."""
    from koers.matching import get_engine
    from koers.population import PopulationModel, write_population

    started = time.perf_counter()
    population = write_population(
        output,
        PopulationModel.from_engine(get_engine()),
        citizens=citizens,
        vacancies=vacancies,
        seed=seed,
        partition_size=partition_size,
        today=_date(today) or date.today(),
        job_seeker_share=job_seeker_share,
    )
    out.print(
        f"{citizens} synthetic citizens ({len(population.citizen_files)} files) and "
        f"{vacancies} vacancies written to {output} in {time.perf_counter() - started:.1f} s"
    )


@command(batch_app, "checks")
def batch_checks(
    paths: Annotated[
        list[Path], typer.Argument(help="IN OUT: population folder and output folder")
    ],
    synthetic: Annotated[
        int | None,
        typer.Option("--synthetic", min=1, help="generate N synthetic citizens on the fly"),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="seed of --synthetic")] = 0,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="citizens per partition (--synthetic)")
    ] = 100_000,
    workers: WorkersOption = 2,
    scheduler: SchedulerOption = None,
    half_life: HalfLifeOption = 5.0,
    today: TodayOption = None,
    outlook: Annotated[
        OutlookSource,
        typer.Option("--outlook", help="labour-market outlook: the data in force, or none"),
    ] = OutlookSource.market,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """The citizen check (risk signals) for a whole population, Parquet to Parquet, one
    result row per citizen; a restarted run with the same OUT skips finished partitions."""
    from koers.batch.checks import CheckTables
    from koers.batch.runner import SyntheticPopulation, dask_client, run_checks
    from koers.matching import get_engine
    from koers.population import PopulationModel, open_population

    if len(paths) != (1 if synthetic else 2):
        raise PopulationOrSynthetic()
    engine = get_engine()
    source: Any
    if synthetic:
        source = SyntheticPopulation(synthetic, seed=seed, partition_size=partition_size)
    else:
        source = open_population(paths[0])
    model = PopulationModel.from_engine(engine) if synthetic else None
    market: Any = None
    if outlook is OutlookSource.market:
        open_database()
        from koers.market.in_force import market_outlook

        market = market_outlook()
    tables = CheckTables.build(engine, market)
    started = time.perf_counter()
    with _bar() as bar, dask_client(workers=workers, scheduler=scheduler) as client:
        task = bar.add_task("checks", total=None)
        summary = run_checks(
            client,
            source,
            paths[-1],
            tables=tables,
            skill_uris=engine.taxonomy.skill_index,
            model=model,
            today=_date(today),
            half_life_years=half_life,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    _summary(summary, time.perf_counter() - started, as_json)


@command(batch_app, "match-vacancies")
def batch_match_vacancies(
    population: Annotated[Path, typer.Argument(help="population folder (with vacancies/)")],
    output: Annotated[Path, typer.Argument(help="output folder")],
    top: Annotated[int, typer.Option("--top", help="matches per vacancy and per seeker")] = 20,
    all_citizens: Annotated[
        bool, typer.Option("--all-citizens", help="match everyone, not only job seekers")
    ] = False,
    workers: WorkersOption = 2,
    scheduler: SchedulerOption = None,
    half_life: HalfLifeOption = 5.0,
    today: TodayOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Top K job seekers per vacancy and top K vacancies per job seeker, across the three
    regions, with the matched and missing skills of every pair."""
    from koers.batch.matching import run_match_vacancies
    from koers.batch.runner import dask_client
    from koers.matching import get_engine
    from koers.population import open_population

    engine = get_engine()
    opened = open_population(population)
    started = time.perf_counter()
    with _bar() as bar, dask_client(workers=workers, scheduler=scheduler) as client:
        task = bar.add_task("match-vacancies", total=None)
        summary = run_match_vacancies(
            client,
            opened,
            output,
            skill_index=engine.taxonomy.skill_index,
            specificity=engine.specificity,
            skill_uris=tuple(s.uri for s in engine.taxonomy.skills),
            top=top,
            today=_date(today),
            half_life_years=half_life,
            all_citizens=all_citizens,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    _summary(summary, time.perf_counter() - started, as_json)
