"""The competence language on the command line: search, text → skills, rebuild the ESCO files."""

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
    NoSuchFolder,
    app,
    command,
    err,
    existing_file,
    json_text_records,
    out,
    print_json,
    read_text,
)
from koers.errors import InvalidInput
from koers.rows import row_dict
from koers.taxonomy.extract import DEFAULT_LIMIT, DEFAULT_MIN_SCORE, ExtractionInputError

search_app = typer.Typer(help="Search the competence language (ESCO).", no_args_is_help=True)
taxonomy_app = typer.Typer(help="Maintain the vendored ESCO files.", no_args_is_help=True)
app.add_typer(search_app, name="search")
app.add_typer(taxonomy_app, name="taxonomy")

LimitOption = Annotated[int, typer.Option("--limit", min=1, max=100, help="number of results")]
MinScoreOption = Annotated[float, typer.Option(min=0.0, max=1.0, help="confidence floor")]
TopSkillsOption = Annotated[
    int, typer.Option("--top", min=1, max=100, help="number of skills, best first")
]


class FileOrBatch(InvalidInput):
    code = "cli.file_or_batch"
    message = "Give a FILE or --batch IN.jsonl."


def _print_hits(title: str, hits: list[Any], as_json: bool, uri_field: str) -> None:
    if as_json:
        print_json([row_dict(h) for h in hits])
        return
    table = Table(title=title)
    for column in ("score", "label", "URI"):
        table.add_column(column)
    for h in hits:
        table.add_row(f"{h.score:.2f}", h.label, getattr(h, uri_field))
    out.print(table)


@command(search_app, "occupations")
def search_occupations(
    query: str, lang: LangOption = Lang.nl, as_json: JsonOption = False, limit: LimitOption = 10
) -> None:
    """Search occupations by free text (Dutch or English, typos allowed)."""
    from koers.taxonomy import get_searcher

    hits = get_searcher().occupation_search(query, lang=lang.value, limit=limit)
    _print_hits(f"occupations for “{query}”", hits, as_json, "occupation_uri")


@command(search_app, "skills")
def search_skills(
    query: str, lang: LangOption = Lang.nl, as_json: JsonOption = False, limit: LimitOption = 10
) -> None:
    """Search skills and knowledge by free text (Dutch or English, typos allowed)."""
    from koers.taxonomy import get_searcher

    hits = get_searcher().skill_search(query, lang=lang.value, limit=limit)
    _print_hits(f"skills for “{query}”", hits, as_json, "skill_uri")


def _extract_batch(
    batch: Path, lang: Lang, min_score: float, top: int, output: Path | None
) -> None:
    from koers.taxonomy import get_extractor

    extractor = get_extractor()
    with existing_file(batch).open("rb") as handle:
        total = sum(1 for line in handle if line.strip())
    failures = 0
    target = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with batch.open("rb") as handle, Progress(console=err, transient=True) as bar:
            task = bar.add_task("extracting skills", total=total)
            for number, text, problem in json_text_records(handle):
                result: dict[str, Any] = {"line": number}
                if text is not None:
                    try:
                        found = extractor.extract(
                            text, lang=lang.value, min_score=min_score, limit=top
                        )
                        result["skills"] = [row_dict(s) for s in found]
                    except ExtractionInputError as error:
                        problem = error
                if problem is not None:
                    failures += 1
                    message = str(problem)
                    if not message.startswith("Line "):
                        message = f"Line {number}: {message}"
                    result.update(skills=[], error=message, code=problem.code)
                target.write(json.dumps(result, ensure_ascii=False) + "\n")
                bar.advance(task)
    finally:
        if output:
            target.close()
    if failures:
        err.print(f"[yellow]{failures} of {total} inputs could not be analysed (see 'error').")
        raise typer.Exit(1)


@command(app, "extract-skills")
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
    min_score: MinScoreOption = DEFAULT_MIN_SCORE,
    top: TopSkillsOption = DEFAULT_LIMIT,
) -> None:
    """Turn a CV, vacancy or course description into ESCO skills with the matched text."""
    if batch is not None:
        _extract_batch(batch, lang, min_score, top, output)
        return
    if file is None:
        raise FileOrBatch()
    from koers.taxonomy import get_extractor

    found = get_extractor().extract(
        read_text(file), lang=lang.value, min_score=min_score, limit=top
    )
    if as_json:
        print_json([row_dict(s) for s in found])
        return
    table = Table(title=f"skills in {file}")
    for column in ("score", "skill", "text", "clearly in the text"):
        table.add_column(column)
    for s in found:
        table.add_row(f"{s.score:.2f}", s.label, s.matched_text, "yes" if s.clear else "maybe")
    out.print(table)


@command(taxonomy_app, "build")
def taxonomy_build(
    source: Annotated[Path, typer.Argument(help="folder with the ESCO CSV extract")],
) -> None:
    """Rebuild the vendored ESCO files from the relational CSV extract."""
    from koers.taxonomy.build import build
    from koers.taxonomy.store import DATA_DIR

    if not source.is_dir():
        raise NoSuchFolder(path=source)
    counts = build(source, DATA_DIR, progress=lambda message: err.print(f"… {message}"))
    out.print(counts)
