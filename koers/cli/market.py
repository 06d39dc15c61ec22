"""Labour-market intelligence on the command line: import formats and imports, bottlenecks,
the synthetic demo set, VDAB→ESCO mapping suggestions, and forecasts."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from koers.cli.common import JsonOption, app, command, fail, open_database, out, print_json
from koers.errors import KoersError
from koers.rows import row_dict

market_app = typer.Typer(
    help="Labour-market data: import, tension, bottlenecks.", no_args_is_help=True
)
app.add_typer(market_app, name="market")


class Scenario(StrEnum):
    baseline = "baseline"
    growth = "growth"
    recession = "recession"


@command(market_app, "formats")
def market_formats() -> None:
    """Print the documented import formats (Markdown)."""
    from koers.market.formats import formats_markdown

    sys.stdout.write(formats_markdown())


@command(market_app, "import")
def market_import(
    kind: Annotated[str, typer.Argument(help="kind of data, see `koers market formats`")],
    file: Annotated[Path, typer.Argument(help="CSV or Parquet file")],
    source: Annotated[str, typer.Option(help="who published the figures")] = "",
    synthetic: Annotated[bool, typer.Option(help="mark the data set as synthetic")] = False,
) -> None:
    """Validate and import a data file, whole or not at all."""
    from koers.market.formats import check_kind

    check_kind(kind)
    open_database(migrate=True)
    from koers.market.in_force import dataset_import

    dataset = dataset_import(kind=kind, path=file, source=source, synthetic=synthetic)
    out.print(f"imported {len(dataset.rows)} rows of {kind} from {file.name} ({dataset.source})")


@command(market_app, "synthetic")
def market_synthetic(
    folder: Annotated[Path, typer.Argument(help="folder to write the CSV files into")],
    seed: Annotated[int, typer.Option(help="random seed")] = 2026,
) -> None:
    """Write the synthetic demo data set as CSV files in the documented formats."""
    from koers.market.formats import FORMATS
    from koers.market.sources import synthetic_datasets

    folder.mkdir(parents=True, exist_ok=True)
    for dataset in synthetic_datasets(seed):
        columns = [c.name for c in FORMATS[dataset.kind].columns]
        with (folder / f"{dataset.kind}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(dataset.rows)
    out.print(f"wrote {len(FORMATS)} synthetic files (seed {seed}) to {folder}")


@command(market_app, "suggest-mapping")
def market_suggest_mapping(
    name: Annotated[str, typer.Argument(help="occupation name as VDAB writes it")],
    as_json: JsonOption = False,
) -> None:
    """Propose ESCO occupations for a VDAB name, to review before adding it to the mapping."""
    from koers.market.mapping import MAPPING_FILE, curated_mapping, suggest
    from koers.taxonomy import get_searcher

    searcher = get_searcher()

    def search(text: str) -> list[tuple[str, str, float]]:
        return [(h.uri, h.label, h.score) for h in searcher.occupations.search(text, limit=10)]

    candidates = suggest(name, search)
    mapped = curated_mapping().get(" ".join(name.lower().split()))
    if as_json:
        print_json(
            {
                "vdab_name": name,
                "mapped_to": mapped.esco_uri if mapped else None,
                "suggestions": [
                    {"occupation_uri": uri, "label": label, "score": score}
                    for uri, label, score in candidates
                ],
            }
        )
        return
    if mapped:
        out.print(f"already mapped ({mapped.match}) to {mapped.esco_uri}")
    for uri, label, score in candidates:
        out.print(f"{score:.2f}  {label}  {uri}")
    out.print(
        f"Review, then add a row to {MAPPING_FILE.name} (vdab_name, esco_uri, ..., match, note)."
    )


@command(market_app, "bottlenecks")
def market_bottlenecks(
    period: Annotated[str, typer.Option("--period", help="YYYY-MM")],
    min_vacancies: Annotated[int, typer.Option(min=0, help="vacancy filter")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Bottleneck occupations of a period: tension ratio below 1."""
    from koers.market.tension import bottlenecks, check_period

    check_period(period)
    open_database()
    from koers.market.in_force import market_data_in_force

    rows = bottlenecks(market_data_in_force(), period, min_vacancies=min_vacancies)
    if as_json:
        print_json([row_dict(r) for r in rows])
        return
    source = rows[0].source + (" — SYNTHETIC" if rows[0].synthetic else "") if rows else ""
    table = Table(title=f"bottleneck occupations {period}", caption=source)
    for column in ("occupation", "job seekers", "vacancies", "tension ratio"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            r.occupation_nl, str(r.job_seekers), str(r.vacancies), f"{r.tension_ratio:.2f}"
        )
    out.print(table)


forecast_app = typer.Typer(
    help="Demand and supply forecasts; `koers forecast backtest` checks them against naive.",
    invoke_without_command=True,
)
app.add_typer(forecast_app, name="forecast")


@forecast_app.callback()
def forecast_command(
    context: typer.Context,
    scenario: Annotated[Scenario, typer.Option(help="demand scenario")] = Scenario.baseline,
    horizon: Annotated[int, typer.Option(min=1, max=15, help="years ahead")] = 5,
    stem_trend: Annotated[bool, typer.Option(help="supply: continue the STEM trend")] = False,
    as_json: JsonOption = False,
) -> None:
    """Demand (expansion + replacement), new supply and gap per occupation and year."""
    if context.invoked_subcommand is not None:
        return
    try:
        _forecast(scenario, horizon, stem_trend=stem_trend, as_json=as_json)
    except KoersError as error:
        fail(error)


def _forecast(scenario: Scenario, horizon: int, *, stem_trend: bool, as_json: bool) -> None:
    from koers.market.forecast import forecast
    from koers.taxonomy import get_taxonomy

    open_database()
    from koers.market.in_force import forecast_inputs

    inputs = forecast_inputs()
    rows = forecast(
        inputs,
        scenario=scenario.value,
        horizon=horizon,
        supply_scenario="stem_trend" if stem_trend else "baseline",
    )
    if as_json:
        print_json([row_dict(r) for r in rows])
        return
    isco = get_taxonomy().isco_by_code
    last = max(r.year for r in rows)
    table = Table(
        title=f"forecast {scenario.value}, {last}: largest shortages",
        caption="; ".join(sorted(set(inputs.sources.values()))),
    )
    for column in ("ISCO", "occupation group", "demand", "new supply", "gap"):
        table.add_column(column)
    for r in sorted((r for r in rows if r.year == last), key=lambda r: -r.gap)[:25]:
        group = isco.get(r.isco_code)
        table.add_row(
            r.isco_code,
            group.label_en if group else "",
            f"{r.total_demand:,.0f}",
            f"{r.new_supply:,.0f}",
            f"{r.gap:,.0f}",
        )
    out.print(table)


@command(forecast_app, "backtest")
def forecast_backtest(as_json: JsonOption = False) -> None:
    """Backtest on real construction vacancies: the chosen method per series against naive.

    The method is chosen by rolling origin on the training years; the last three are held out.
    """
    from koers.market.backtest import construction_backtests
    from koers.market.bundled import CONSTRUCTION_SOURCE

    results = construction_backtests()
    if as_json:
        print_json([row_dict(r) for r in results])
        return
    wins = sum(r.beats_naive for r in results)
    table = Table(
        title=f"backtest {', '.join(map(str, results[0].test_years))}: "
        f"{wins} of {len(results)} series beat naive",
        caption=CONSTRUCTION_SOURCE,
    )
    for column in ("series", "method", "MAPE", "naive MAPE", "MASE", "beats naive"):
        table.add_column(column)
    for r in results:
        table.add_row(
            r.series,
            r.method,
            f"{r.mape:.1f}%",
            f"{r.naive_mape:.1f}%",
            f"{r.mase:.2f}",
            "yes" if r.beats_naive else "no",
        )
    out.print(table)
