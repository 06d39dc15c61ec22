"""Competence checks on the command line: a citizen's portfolio, an organisation's workforce."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from koers.cli.common import (
    JsonOption,
    Lang,
    LangOption,
    app,
    command,
    existing_file,
    open_database,
    out,
    print_json,
    read_text,
)

check_app = typer.Typer(
    help="Competence checks for citizens and organisations.", no_args_is_help=True
)
app.add_typer(check_app, name="check")


def _outlook() -> Any:
    open_database()
    from koers.market.in_force import market_outlook

    return market_outlook()


@command(check_app, "citizen")
def check_citizen(
    portfolio: Annotated[Path, typer.Argument(help="portfolio JSON (koers-portfolio/1 or /2)")],
    half_life: Annotated[
        float, typer.Option(min=0.5, max=50.0, help="years after which an unused skill counts half")
    ] = 5.0,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """Risk signals (knipperlichten) and an action plan for a portfolio."""
    from koers.checks.citizen import check_to_dict, citizen_check
    from koers.matching import get_engine
    from koers.portfolio.io import portfolio_from_json

    engine = get_engine()
    taxonomy = engine.taxonomy
    chosen = portfolio_from_json(
        read_text(portfolio),
        known_skills=taxonomy.skill_index,
        known_occupations=taxonomy.occupation_index,
    )
    result = citizen_check(
        chosen, engine=engine, outlook=_outlook(), lang=lang.value, half_life_years=half_life
    )
    if as_json:
        print_json(check_to_dict(result, lang=lang.value))
        return
    out.print("[bold]Risk signals[/bold]" if result.risk_signals else "No risk signals.")
    for signal in result.risk_signals:
        out.print(f"  • {signal.code}: {signal.reason}")
    out.print("[bold]Action plan[/bold]")
    for number, action in enumerate(result.action_plan, start=1):
        out.print(f"  {number}. {action.text}")


@command(check_app, "organisation")
def check_organisation(
    workforce: Annotated[Path, typer.Argument(help="workforce CSV (see the README)")],
    strategy: Annotated[Path, typer.Option("--strategy", help="strategy CSV")],
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """The employability plan (inzetbaarheidsplan) of a workforce against a strategy."""
    from koers.checks.organisation import organisation_check, read_strategy, read_workforce
    from koers.market.formats import read_csv_rows
    from koers.matching import get_engine

    engine = get_engine()
    staff = read_workforce(
        read_csv_rows(existing_file(workforce)), file=workforce.name, engine=engine
    )
    plan_rows = read_strategy(
        read_csv_rows(existing_file(strategy)), file=strategy.name, engine=engine
    )
    plan = organisation_check(staff, plan_rows, engine=engine, outlook=_outlook(), lang=lang.value)
    if as_json:
        print_json(dataclasses.asdict(plan))
        return
    v = plan.vulnerability
    out.print(
        f"{plan.employees} employees; vulnerability {v.score:.2f}"
        f"{' (flagged)' if v.flagged else ''}: {v.explanation}"
    )
    out.print(f"{len(plan.at_risk)} employees at risk")
    table = Table(title="target occupations")
    for column in ("occupation", "needed", "in role", "internal candidates", "to recruit"):
        table.add_column(column)
    for t in plan.targets:
        table.add_row(
            t.label,
            str(t.needed),
            str(t.already_in_role),
            str(len(t.candidates)),
            str(t.to_recruit),
        )
    out.print(table)
    for need in plan.training_needs[:10]:
        out.print(f"  train {need.employees} × {need.label}")
