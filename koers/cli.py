"""The ``koers`` command line (Typer). Thin: every command calls the domain packages."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from koers.taxonomy.extract import DEFAULT_MIN_SCORE

app = typer.Typer(help="Koers: the open learning and career platform.", no_args_is_help=True)
search_app = typer.Typer(help="Search the competence language (ESCO).", no_args_is_help=True)
taxonomy_app = typer.Typer(help="Maintain the vendored ESCO files.", no_args_is_help=True)
market_app = typer.Typer(
    help="Labour-market data: import, tension, bottlenecks.", no_args_is_help=True
)
app.add_typer(search_app, name="search")
app.add_typer(taxonomy_app, name="taxonomy")
app.add_typer(market_app, name="market")

out = Console()
err = Console(stderr=True)


class Lang(StrEnum):
    nl = "nl"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", help="label language")]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, max=100, help="number of results")]


def _django() -> None:
    """Set Django up (settings from the environment, debug by default) and migrate."""
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _market_outlook() -> Any:
    _django()
    from koers.web.market.selectors import market_outlook

    return market_outlook()


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _search(kind: str, query: str, lang: Lang, as_json: bool, limit: int) -> None:
    from koers.taxonomy import get_searcher
    from koers.taxonomy.search import SearchQueryError

    index = get_searcher().index(kind)
    try:
        hits = index.search(query, lang=lang.value, limit=limit)
    except SearchQueryError as error:
        _fail(str(error))
    rows = [{f"{kind}_uri": h.uri, "label": h.label, "score": h.score} for h in hits]
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{kind}s for “{query}”")
    for column in ("score", "label", "URI"):
        table.add_column(column)
    for h in hits:
        table.add_row(f"{h.score:.2f}", h.label, h.uri)
    out.print(table)


@search_app.command("occupations")
def search_occupations(
    query: str, lang: LangOption = Lang.nl, as_json: JsonOption = False, limit: LimitOption = 10
) -> None:
    """Search occupations by free text (Dutch or English, typos allowed)."""
    _search("occupation", query, lang, as_json, limit)


@search_app.command("skills")
def search_skills(
    query: str, lang: LangOption = Lang.nl, as_json: JsonOption = False, limit: LimitOption = 10
) -> None:
    """Search skills and knowledge by free text (Dutch or English, typos allowed)."""
    _search("skill", query, lang, as_json, limit)


def _skill_rows(found: list[Any]) -> list[dict[str, Any]]:
    return [s.as_dict() for s in found]


def _read_text(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    if not path.is_file():
        _fail(f"no such file: {path}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        _fail(f"{path} is not UTF-8 text")
    return ""


def _batch_records(handle: TextIO) -> Iterator[tuple[int, str | None, str | None]]:
    """Yield (line number, text, error) for each non-empty line of a JSON-lines file."""
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, None, f"line {number}: not valid JSON ({error.msg})"
            continue
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(text, str):
            yield number, None, f"line {number}: field 'text' missing or not a string"
        else:
            yield number, text, None


def _extract_batch(batch: Path, lang: Lang, min_score: float, output: Path | None) -> None:
    from koers.taxonomy import get_extractor
    from koers.taxonomy.extract import ExtractionInputError

    if not batch.is_file():
        _fail(f"no such file: {batch}")
    extractor = get_extractor()
    total = sum(1 for line in batch.open(encoding="utf-8") if line.strip())
    failures = 0
    target = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with batch.open(encoding="utf-8") as handle, Progress(console=err, transient=True) as bar:
            task = bar.add_task("extracting skills", total=total)
            for number, text, problem in _batch_records(handle):
                result: dict[str, Any] = {"line": number}
                if text is not None:
                    try:
                        found = extractor.extract(text, lang=lang.value, min_score=min_score)
                        result["skills"] = _skill_rows(found)
                    except ExtractionInputError as error:
                        problem = f"line {number}: {error}"
                if problem:
                    failures += 1
                    result.update(skills=[], error=problem)
                target.write(json.dumps(result, ensure_ascii=False) + "\n")
                bar.advance(task)
    finally:
        if output:
            target.close()
    if failures:
        err.print(
            f"[yellow]{failures} of {total} inputs could not be analysed"
            " (see their 'error').[/yellow]"
        )
        raise typer.Exit(1)


@app.command("extract-skills")
def extract_skills(
    file: Annotated[
        Path | None, typer.Argument(help="text file (CV, vacancy, course); - for stdin")
    ] = None,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSON lines, each with a 'text' field")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="batch output file")] = None,
    min_score: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="confidence floor")
    ] = DEFAULT_MIN_SCORE,
) -> None:
    """Turn a CV, vacancy or course description into ESCO skills with the matched text."""
    if batch is not None:
        _extract_batch(batch, lang, min_score, output)
        return
    if file is None:
        _fail("give a FILE or --batch IN.jsonl")
        return
    from koers.taxonomy import get_extractor
    from koers.taxonomy.extract import ExtractionInputError

    text = _read_text(file)
    try:
        found = get_extractor().extract(text, lang=lang.value, min_score=min_score)
    except ExtractionInputError as error:
        _fail(str(error))
    if as_json:
        _print_json(_skill_rows(found))
        return
    table = Table(title=f"skills in {file}")
    for column in ("score", "skill", "text", "how"):
        table.add_column(column)
    for s in found:
        table.add_row(f"{s.score:.2f}", s.label, s.matched_text, s.method)
    out.print(table)


def _resolve_occupation(text: str) -> str:
    from koers.taxonomy import get_searcher
    from koers.taxonomy.search import SearchQueryError
    from koers.taxonomy.taxonomy import UnknownConceptError

    try:
        return get_searcher().occupations.resolve(text).uri
    except (UnknownConceptError, SearchQueryError) as error:
        _fail(str(error))
    return ""


def _print_matches(matches: list[Any], lang: Lang, as_json: bool, title: str) -> None:
    from koers.matching.export import match_dict

    if as_json:
        _print_json([match_dict(m, lang=lang.value) for m in matches])
        return
    table = Table(title=title)
    for column in ("score", "occupation", "essential skills held", "missing (first 3)"):
        table.add_column(column)
    for m in matches:
        missing = ", ".join(s.label(lang.value) for s in m.missing_essential_skills[:3])
        held = f"{m.matched_essential_count}/{m.essential_count}"
        table.add_row(f"{m.score:.2f}", m.occupation.label(lang.value), held, missing)
    out.print(table)


TopOption = Annotated[int, typer.Option("--top", min=1, max=200, help="number of occupations")]


@app.command("match")
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
    from koers.matching.engine import MatchingInputError
    from koers.portfolio.io import PortfolioFormatError, portfolio_from_json
    from koers.portfolio.model import Portfolio

    engine = get_engine()
    known = engine.taxonomy.skill_index
    if (skills is None) == (portfolio is None):
        _fail("give either --skills URI[,URI...] or --portfolio FILE")
    if skills is not None:
        uris = [u.strip() for u in skills.split(",") if u.strip()]
        unknown = [u for u in uris if u not in known]
        if unknown:
            _fail(f"unknown ESCO skill: {unknown[0]}")
        chosen = Portfolio.from_skills(uris)
    else:
        assert portfolio is not None
        try:
            chosen = portfolio_from_json(_read_text(portfolio), known_skills=known)
        except PortfolioFormatError as error:
            _fail(f"{portfolio}: {error}")
    try:
        matches = engine.match_portfolio(chosen, top=top, half_life_years=half_life)
    except MatchingInputError as error:
        _fail(str(error))
    _print_matches(matches, lang, as_json, "occupations matching your skills")


def _career_steps_batch(batch: Path, top: int, lang: Lang, options: dict[str, bool]) -> None:
    from koers.matching import get_engine
    from koers.matching.export import match_dict
    from koers.taxonomy import get_searcher
    from koers.taxonomy.search import SearchQueryError
    from koers.taxonomy.taxonomy import UnknownConceptError

    if not batch.is_file():
        _fail(f"no such file: {batch}")
    engine, searcher, outlook = get_engine(), get_searcher(), _market_outlook()
    lines = [line.strip() for line in batch.read_text(encoding="utf-8").splitlines()]
    failures = 0
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("career steps", total=len(lines))
        for number, line in enumerate(lines, start=1):
            bar.advance(task)
            if not line:
                continue
            result: dict[str, Any] = {"line": number, "occupation": line}
            try:
                origin = searcher.occupations.resolve(line)
                steps = engine.career_steps(
                    occupation_uri=origin.uri, top=top, outlook=outlook, **options
                )
                result["occupation_uri"] = origin.uri
                result["steps"] = [match_dict(s, lang=lang.value) for s in steps]
            except (UnknownConceptError, SearchQueryError) as error:
                failures += 1
                result.update(steps=[], error=str(error))
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failures:
        err.print(f"[yellow]{failures} occupations could not be resolved (see 'error').[/yellow]")
        raise typer.Exit(1)


@app.command("career-steps")
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
        _fail("give an OCCUPATION (URI or label) or --batch FILE")
        return
    from koers.matching import get_engine

    origin = _resolve_occupation(occupation)
    steps = get_engine().career_steps(
        occupation_uri=origin, top=top, outlook=_market_outlook(), **options
    )
    label = get_engine().taxonomy.occupation(origin).label(lang.value)
    _print_matches(steps, lang, as_json, f"career steps from {label}")


@app.command("pathway")
def pathway(
    origin: Annotated[str, typer.Argument(help="current occupation: ESCO URI or label")],
    goal: Annotated[str, typer.Argument(help="goal occupation: ESCO URI or label")],
    routes: Annotated[int, typer.Option(min=1, max=5, help="number of routes")] = 3,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """The few shortest realistic routes from a current occupation to a goal."""
    from koers.matching import get_planner
    from koers.matching.engine import MatchingInputError
    from koers.matching.export import route_dict

    start, target = _resolve_occupation(origin), _resolve_occupation(goal)
    try:
        found = get_planner().routes(occupation_uri=start, goal_uri=target, count=routes)
    except MatchingInputError as error:
        _fail(str(error))
    if as_json:
        _print_json([route_dict(r, lang=lang.value) for r in found])
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


@market_app.command("formats")
def market_formats() -> None:
    """Print the documented import formats (Markdown)."""
    from koers.market.formats import formats_markdown

    sys.stdout.write(formats_markdown())


@market_app.command("import")
def market_import(
    kind: Annotated[str, typer.Argument(help="kind of data, see `koers market formats`")],
    file: Annotated[Path, typer.Argument(help="CSV or Parquet file")],
    source: Annotated[str, typer.Option(help="who published the figures")] = "",
    synthetic: Annotated[bool, typer.Option(help="mark the data set as synthetic")] = False,
) -> None:
    """Validate and import a data file, whole or not at all."""
    from koers.market.formats import FORMATS, ImportValidationError

    if kind not in FORMATS:
        _fail(f"unknown kind {kind!r}; known kinds: {', '.join(FORMATS)}")
    _django()
    from koers.web.market.services import market_dataset_import

    try:
        dataset = market_dataset_import(kind=kind, path=file, source=source, synthetic=synthetic)
    except ImportValidationError as error:
        _fail(str(error))
        return
    out.print(f"imported {dataset.row_count} rows of {kind} from {file.name} ({dataset.source})")


@market_app.command("synthetic")
def market_synthetic(
    folder: Annotated[Path, typer.Argument(help="folder to write the CSV files into")],
    seed: Annotated[int, typer.Option(help="random seed")] = 2026,
) -> None:
    """Write the synthetic demo data set as CSV files in the documented formats."""
    import csv

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


@market_app.command("suggest-mapping")
def market_suggest_mapping(
    name: Annotated[str, typer.Argument(help="occupation name as VDAB writes it")],
    as_json: JsonOption = False,
) -> None:
    """Propose ESCO occupations for a VDAB name, to review before adding it to the mapping."""
    from koers.market.mapping import MAPPING_FILE, curated_mapping, suggest
    from koers.taxonomy import get_searcher
    from koers.taxonomy.search import SearchQueryError

    searcher = get_searcher()

    def search(text: str) -> list[tuple[str, str, float]]:
        return [(h.uri, h.label, h.score) for h in searcher.occupations.search(text, limit=10)]

    try:
        candidates = suggest(name, search)
    except SearchQueryError as error:
        _fail(str(error))
        return
    mapped = curated_mapping().get(" ".join(name.lower().split()))
    if as_json:
        _print_json(
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


@market_app.command("bottlenecks")
def market_bottlenecks(
    period: Annotated[str, typer.Option("--period", help="YYYY-MM")],
    min_vacancies: Annotated[int, typer.Option(min=0, help="vacancy filter")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Bottleneck occupations of a period: tension ratio below 1."""
    from koers.market.formats import PERIOD
    from koers.market.tension import TensionInputError, bottlenecks

    if not PERIOD.match(period):
        _fail(f"{period!r} is not a period YYYY-MM")
    _django()
    from koers.web.market.selectors import market_data_in_force

    try:
        rows = bottlenecks(market_data_in_force(), period, min_vacancies=min_vacancies)
    except TensionInputError as error:
        _fail(str(error))
        return
    if as_json:
        _print_json([r.as_dict() for r in rows])
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


class Scenario(StrEnum):
    baseline = "baseline"
    growth = "growth"
    recession = "recession"


@app.command("forecast")
def forecast_command(
    scenario: Annotated[Scenario, typer.Option(help="demand scenario")] = Scenario.baseline,
    horizon: Annotated[int, typer.Option(min=1, max=15, help="years ahead")] = 5,
    stem_trend: Annotated[bool, typer.Option(help="supply: continue the STEM trend")] = False,
    as_json: JsonOption = False,
) -> None:
    """Demand (expansion + replacement), new supply and gap per occupation and year."""
    from koers.market.forecast import forecast

    _django()
    from koers.web.market.selectors import forecast_inputs

    inputs = forecast_inputs()
    rows = forecast(
        inputs,
        scenario=scenario.value,
        horizon=horizon,
        supply_scenario="stem_trend" if stem_trend else "baseline",
    )
    if as_json:
        _print_json([r.as_dict() for r in rows])
        return
    taxonomy_isco = _isco_labels()
    last = max(r.year for r in rows)
    table = Table(
        title=f"forecast {scenario.value}, {last}: largest shortages",
        caption="; ".join(sorted(set(inputs.sources.values()))),
    )
    for column in ("ISCO", "occupation group", "demand", "new supply", "gap"):
        table.add_column(column)
    for r in sorted((r for r in rows if r.year == last), key=lambda r: -r.gap)[:25]:
        table.add_row(
            r.isco_code,
            taxonomy_isco.get(r.isco_code, ""),
            f"{r.total_demand:,.0f}",
            f"{r.new_supply:,.0f}",
            f"{r.gap:,.0f}",
        )
    out.print(table)


def _isco_labels() -> dict[str, str]:
    from koers.taxonomy import get_taxonomy

    return {code: group.label_en for code, group in get_taxonomy().isco_by_code.items()}


@taxonomy_app.command("build")
def taxonomy_build(
    source: Annotated[Path, typer.Argument(help="folder with the ESCO CSV extract")],
) -> None:
    """Rebuild the vendored ESCO files from the relational CSV extract."""
    from koers.taxonomy.build import build
    from koers.taxonomy.store import DATA_DIR

    if not source.is_dir():
        _fail(f"no such folder: {source}")
    counts = build(source, DATA_DIR, progress=lambda message: err.print(f"… {message}"))
    out.print(counts)


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    demo: Annotated[bool, typer.Option(help="load the synthetic demo accounts")] = True,
) -> None:
    """Migrate the database, load the demo accounts and serve the platform."""
    _django()
    from django.core.management import call_command

    if demo:
        call_command("seed_demo")
    out.print(f"Koers runs at http://{host}:{port}/  (Ctrl+C stops it)")
    call_command("runserver", f"{host}:{port}", use_reloader=False)


def main() -> None:  # pragma: no cover - console entry point
    app()
