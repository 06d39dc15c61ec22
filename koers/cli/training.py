"""Training on the command line: recommendations for a gap, learning paths, the catalogue."""

from __future__ import annotations

import sys
from datetime import date
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
    out,
    print_json,
    read_text,
)
from koers.errors import InvalidInput
from koers.paths import var_dir

recommend_app = typer.Typer(help="Recommendations: training for a gap.", no_args_is_help=True)
training_app = typer.Typer(help="The training catalogue.", no_args_is_help=True)
app.add_typer(recommend_app, name="recommend")
app.add_typer(training_app, name="training")

GapOption = Annotated[
    str, typer.Option("--gap", help="missing ESCO skill URIs, separated by commas")
]
CatalogueOption = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        help="catalogue file (CSV or JSON); default: the imported one, else the demo catalogue",
    ),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="profile JSON (see `koers rights`): apply its incentives"),
]
TakenOption = Annotated[
    str, typer.Option("--taken", help="course ids already taken, separated by commas")
]


class UnknownMode(InvalidInput):
    code = "cli.unknown_mode"
    message = "Unknown mode “{mode}”; choose from: {choices}."


def imported_catalogue_path() -> Path:
    """Where `koers training import` keeps the catalogue: ``$KOERS_VAR_DIR/training``."""
    return var_dir() / "training" / "catalogue.json"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _index(catalogue: Path | None) -> Any:
    from koers.training import get_demo_index
    from koers.training.formats import read_catalogue
    from koers.training.recommend import CatalogueIndex

    if catalogue is None and imported_catalogue_path().is_file():
        catalogue = imported_catalogue_path()
    if catalogue is None:
        return get_demo_index()
    return CatalogueIndex(read_catalogue(existing_file(catalogue)))


def _gap_and_labels(gap: str, lang: Lang) -> tuple[list[str], dict[str, str]]:
    from koers.taxonomy import get_taxonomy

    taxonomy = get_taxonomy()
    uris = _split(gap)
    labels = {uri: taxonomy.skill(uri).label(lang.value) for uri in uris}
    return uris, labels


def _incentives(profile: Path | None, lang: Lang) -> list[Any]:
    if profile is None:
        return []
    from koers.rights.profile import course_cost_shares, profile_from_json
    from koers.rights.rules import evaluate
    from koers.training.recommend import Incentive

    decisions = evaluate(profile_from_json(read_text(profile)), on=date.today(), lang=lang.value)
    return [
        Incentive(s.incentive_id, s.label, s.share, s.cap_eur)
        for s in course_cost_shares(decisions)
    ]


@command(recommend_app, "training")
def recommend_training(
    gap: GapOption,
    region: Annotated[str, typer.Option("--region", help="preferred region (province)")] = "",
    mode: Annotated[str, typer.Option("--mode", help="preferred modes, separated by commas")] = "",
    taken: TakenOption = "",
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 10,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """Courses for the missing skills, best first, each with why."""
    from koers.rows import row_dict
    from koers.training.model import Mode
    from koers.training.recommend import Preferences, recommend

    modes = []
    for name in _split(mode):
        if name not in tuple(Mode):
            raise UnknownMode(mode=name, choices=", ".join(Mode))
        modes.append(Mode(name))
    uris, labels = _gap_and_labels(gap, lang)
    results = recommend(
        _index(catalogue),
        uris,
        incentives=_incentives(profile, lang),
        preferences=Preferences(modes=tuple(modes), region=region.strip().lower()),
        taken=set(_split(taken)),
        limit=limit,
        lang=lang.value,
        labels=labels,
    )
    if as_json:
        print_json([row_dict(r) for r in results])
        return
    table = Table(title=f"training for {len(uris)} missing skills")
    for column in ("course", "title", "covers", "cost", "after incentives", "why"):
        table.add_column(column)
    for r in results:
        table.add_row(
            r.course_id,
            r.title,
            str(len(r.covers)),
            f"{r.cost:.2f}",
            f"{r.cost_after_incentives:.2f}",
            r.why,
        )
    out.print(table)


@command(recommend_app, "learning-path")
def recommend_learning_path(
    gap: GapOption,
    taken: TakenOption = "",
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    eur_per_hour: Annotated[
        float,
        typer.Option("--eur-per-hour", min=0, max=1000, help="what an hour of study is worth"),
    ] = 0.01,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """The cheapest set of courses covering the gap (exact set cover, greedy beside it).

    Each course weighs its cost after incentives plus --eur-per-hour × its hours."""
    import dataclasses

    from koers.training.path import learning_path

    uris, _ = _gap_and_labels(gap, lang)
    path = learning_path(
        _index(catalogue),
        uris,
        incentives=_incentives(profile, lang),
        taken=set(_split(taken)),
        eur_per_hour=eur_per_hour,
    )
    if as_json:
        print_json(dataclasses.asdict(path))
        return
    out.print(
        f"{len(path.course_ids)} courses, €{path.cost:.2f}, {path.hours:g} hours "
        f"({path.method}; greedy weight {path.greedy_weight:.2f})"
    )
    for course_id in path.course_ids:
        out.print(f"  • {course_id}")
    if path.uncovered:
        out.print(f"no course teaches {len(path.uncovered)} of the skills")


@command(training_app, "formats")
def training_formats() -> None:
    """Print the documented catalogue import format (Markdown)."""
    from koers.training.formats import format_markdown

    sys.stdout.write(format_markdown() + "\n")


@command(training_app, "import")
def training_import(
    file: Annotated[Path, typer.Argument(help="catalogue, CSV or JSON")],
    as_json: JsonOption = False,
) -> None:
    """Validate a catalogue (whole or not at all) and make it the one recommendations use."""
    from koers.taxonomy import get_taxonomy
    from koers.training.formats import catalogue_to_json, read_catalogue

    catalogue = read_catalogue(existing_file(file), known_skills=get_taxonomy().skill_index)
    target = imported_catalogue_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(catalogue_to_json(catalogue), encoding="utf-8")
    temporary.replace(target)
    summary = {"courses": len(catalogue), "source": catalogue.source, "path": str(target)}
    if as_json:
        print_json(summary)
        return
    out.print(f"imported {len(catalogue)} courses from {file.name}")


@command(training_app, "demo")
def training_demo(
    file: Annotated[Path, typer.Argument(help="where to write the JSON catalogue")],
) -> None:
    """Write the SYNTHETIC demo catalogue in the import format (JSON)."""
    from koers.training import get_demo_catalogue
    from koers.training.formats import catalogue_to_json

    catalogue = get_demo_catalogue()
    file.write_text(catalogue_to_json(catalogue), encoding="utf-8")
    out.print(f"wrote {len(catalogue)} synthetic courses to {file}")


@command(training_app, "suggest-skills")
def training_suggest_skills(
    file: Annotated[Path, typer.Argument(help="course description, UTF-8 text ('-': stdin)")],
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """Suggest the ESCO skills a course description teaches (for the provider to confirm)."""
    from koers.taxonomy import get_extractor
    from koers.training.tagging import suggest_skills

    found = suggest_skills(read_text(file), extractor=get_extractor(), lang=lang.value)
    if as_json:
        print_json([{"skill_uri": s.skill_uri, "label": s.label, "score": s.score} for s in found])
        return
    for s in found:
        out.print(f"{s.score:.2f}  {s.label}  {s.skill_uri}")
