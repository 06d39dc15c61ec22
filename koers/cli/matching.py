"""Matching on the command line: skills or a portfolio → occupations, career steps, pathways."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from koers.cli.common import (
    JsonOption,
    Lang,
    LangOption,
    app,
    batch_lines,
    command,
    err,
    existing_file,
    open_database,
    out,
    print_json,
    read_text,
)
from koers.errors import InvalidInput, KoersError

TopOption = Annotated[int, typer.Option("--top", min=1, max=200, help="number of occupations")]


class SkillsOrPortfolio(InvalidInput):
    code = "cli.skills_or_portfolio"
    message = "Give either --skills URI[,URI...] or --portfolio FILE."


class OccupationOrBatch(InvalidInput):
    code = "cli.occupation_or_batch"
    message = "Give an OCCUPATION (URI or label) or --batch FILE."


def _resolve_occupation(text: str) -> str:
    from koers.taxonomy import get_searcher

    return get_searcher().occupations.resolve(text).uri


def _market_outlook() -> Any:
    open_database()
    from koers.market.in_force import market_outlook

    return market_outlook()


def _print_matches(matches: list[Any], lang: Lang, as_json: bool, title: str) -> None:
    from koers.matching.export import match_dict

    if as_json:
        print_json([match_dict(m, lang=lang.value) for m in matches])
        return
    table = Table(title=title)
    for column in ("score", "occupation", "essential skills held", "missing (first 3)"):
        table.add_column(column)
    for m in matches:
        missing = ", ".join(s.label(lang.value) for s in m.missing_essential_skills[:3])
        held = f"{m.matched_essential_count}/{m.essential_count}"
        table.add_row(f"{m.score:.2f}", m.occupation.label(lang.value), held, missing)
    out.print(table)


@command(app, "match")
def match(
    skills: Annotated[
        str | None, typer.Option("--skills", help="comma-separated ESCO skill URIs")
    ] = None,
    portfolio: Annotated[
        Path | None, typer.Option("--portfolio", help="portfolio JSON (koers-portfolio/1)")
    ] = None,
    top: TopOption = 10,
    half_life: Annotated[
        float, typer.Option(min=0.5, max=50.0, help="years after which an unused skill counts half")
    ] = 5.0,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """Score every occupation against a set of skills or a portfolio, best first."""
    from koers.matching import get_engine
    from koers.portfolio.io import portfolio_from_json, portfolio_from_skills

    if (skills is None) == (portfolio is None):
        raise SkillsOrPortfolio()
    engine = get_engine()
    known = engine.taxonomy.skill_index
    if skills is not None:
        uris = [u.strip() for u in skills.split(",") if u.strip()]
        chosen = portfolio_from_skills(uris, known_skills=known)
    else:
        assert portfolio is not None
        chosen = portfolio_from_json(read_text(portfolio), known_skills=known)
    matches = engine.match_portfolio(chosen, top=top, half_life_years=half_life)
    _print_matches(matches, lang, as_json, "occupations matching your skills")


def _career_steps_batch(batch: Path, top: int, lang: Lang, options: dict[str, bool]) -> None:
    from koers.matching import get_engine
    from koers.matching.export import match_dict

    with existing_file(batch).open("rb") as handle:
        lines = list(batch_lines(handle))
    engine, outlook = get_engine(), _market_outlook()
    failures = 0
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("career steps", total=len(lines))
        for number, line, problem in lines:
            bar.advance(task)
            result: dict[str, Any] = {"line": number, "occupation": (line or "").strip()}
            if problem is None:
                try:
                    origin = _resolve_occupation(result["occupation"])
                    steps = engine.career_steps(
                        occupation_uri=origin, top=top, outlook=outlook, **options
                    )
                    result["occupation_uri"] = origin
                    result["steps"] = [match_dict(s, lang=lang.value) for s in steps]
                except KoersError as error:
                    problem = error
            if problem is not None:
                failures += 1
                result.update(steps=[], error=str(problem), code=problem.code)
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failures:
        err.print(f"[yellow]{failures} occupations could not be resolved (see 'error').")
        raise typer.Exit(1)


@command(app, "career-steps")
def career_steps(
    occupation: Annotated[str | None, typer.Argument(help="ESCO URI or label")] = None,
    top: TopOption = 10,
    same_or_higher_level: Annotated[
        bool, typer.Option(help="only occupations at the same or a higher ISCO skill level")
    ] = False,
    near_duplicates: Annotated[
        bool, typer.Option(help="include occupations that are the same job by another name")
    ] = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="file with one occupation per line")
    ] = None,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """Occupations reachable from a current one, by skill similarity and outlook."""
    options = {
        "same_or_higher_level": same_or_higher_level,
        "exclude_near_duplicates": not near_duplicates,
    }
    if batch is not None:
        _career_steps_batch(batch, top, lang, options)
        return
    if occupation is None:
        raise OccupationOrBatch()
    from koers.matching import get_engine

    origin = _resolve_occupation(occupation)
    steps = get_engine().career_steps(
        occupation_uri=origin, top=top, outlook=_market_outlook(), **options
    )
    label = get_engine().taxonomy.occupation(origin).label(lang.value)
    _print_matches(steps, lang, as_json, f"career steps from {label}")


@command(app, "pathway")
def pathway(
    origin: Annotated[str, typer.Argument(help="current occupation: ESCO URI or label")],
    goal: Annotated[str, typer.Argument(help="goal occupation: ESCO URI or label")],
    routes: Annotated[int, typer.Option(min=1, max=5, help="number of routes")] = 3,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """The few shortest realistic routes from a current occupation to a goal."""
    from koers.matching import get_planner
    from koers.matching.export import route_dict
    from koers.matching.pathways import NoRoute

    start, target = _resolve_occupation(origin), _resolve_occupation(goal)
    try:
        found = get_planner().routes(occupation_uri=start, goal_uri=target, count=routes)
    except NoRoute as error:
        out.print("Closest occupations within reach:")
        for c in error.closest:
            out.print(
                f"  {c.occupation.label(lang.value)} ({c.steps} steps): "
                f"{len(c.gap.missing_essential_skills)} essential skills of the goal still missing"
            )
        raise
    if as_json:
        print_json([route_dict(r, lang=lang.value) for r in found])
        return
    taxonomy = get_planner().engine.taxonomy
    out.print(f"Routes from {taxonomy.occupation(start).label(lang.value)}:")
    for number, route in enumerate(found, start=1):
        out.print(f"\n[bold]Route {number}[/bold] (gap cost {route.cost:.2f})")
        for step in route.steps:
            missing = ", ".join(s.label(lang.value) for s in step.missing_essential_skills[:4])
            more = len(step.missing_essential_skills) - 4
            suffix = f" (+{more} more)" if more > 0 else ""
            out.print(
                f"  → {step.occupation.label(lang.value)}: "
                f"learn {len(step.missing_essential_skills)} essential skills: {missing}{suffix}"
            )
