"""Rights and incentives on the command line: which incentives a profile is entitled to."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from koers.cli.common import JsonOption, Lang, LangOption, app, command, out, print_json, read_text
from koers.errors import InvalidInput


class BadDate(InvalidInput):
    code = "cli.bad_date"
    message = "“{value}” is not a date YYYY-MM-DD."


def parse_day(text: str) -> date:
    """``text`` as a date (empty: today); raise :class:`BadDate`."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadDate(value=text) from None


@command(app, "rights")
def rights(
    profile: Annotated[Path, typer.Argument(help="profile JSON (see the README)")],
    on: Annotated[str, typer.Option("--date", help="decide on this day (default today)")] = "",
    rules: Annotated[
        Path | None,
        typer.Option("--rules", help="rules folder (default KOERS_RIGHTS_DIR or the shipped)"),
    ] = None,
    lang: LangOption = Lang.nl,
    as_json: JsonOption = False,
) -> None:
    """The incentives a profile is entitled to, each with its conditions and legal source."""
    from koers.rights.profile import profile_from_json
    from koers.rights.rules import current_rules, evaluate, rules_directory

    day = parse_day(on)
    person = profile_from_json(read_text(profile))
    folder = rules or rules_directory()
    decisions = evaluate(person, on=day, rules=current_rules(folder), lang=lang.value)
    if as_json:
        print_json(
            {
                "date": day.isoformat(),
                "rules_folder": str(folder),
                "decisions": [dataclasses.asdict(d) for d in decisions],
            }
        )
        return
    for d in decisions:
        mark = "✔" if d.eligible else "✘"
        verify = " (to verify)" if d.to_verify else ""
        out.print(f"{mark} [bold]{d.title}[/bold]{verify}: {d.summary}", highlight=False)
        for check in d.checks:
            out.print(f"    {'✔' if check.met else '✘'} {check.reason}", highlight=False)
        note = d.benefit.note_nl if lang is Lang.nl else d.benefit.note_en
        if note:
            out.print(f"    {note}", highlight=False)
        out.print(f"    source: {d.source_title} <{d.source_url}>", highlight=False)
