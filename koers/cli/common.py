"""What every command of the ``koers`` command line shares: the app, output, options, and the
one place where an error becomes a message and an exit code."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TypeVar

import typer
from rich.console import Console

from koers.errors import InvalidInput, KoersError

app = typer.Typer(help="Koers: the open learning and career platform.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


class Lang(StrEnum):
    nl = "nl"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", help="label language")]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]


class NoSuchFile(InvalidInput):
    code = "cli.no_such_file"
    message = "No such file: {path}"


class NoSuchFolder(InvalidInput):
    code = "cli.no_such_folder"
    message = "No such folder: {path}"


class NotUtf8(InvalidInput):
    code = "cli.not_utf8"
    message = "{path} is not UTF-8 text."


class BatchLineNotUtf8(InvalidInput):
    code = "cli.batch_line_not_utf8"
    message = "Line {line}: not UTF-8 text."


class BatchLineNotJson(InvalidInput):
    code = "cli.batch_line_not_json"
    message = "Line {line}: not valid JSON ({reason})."


class BatchLineNoText(InvalidInput):
    code = "cli.batch_line_no_text"
    message = "Line {line}: field 'text' missing or not a string."


def fail(error: KoersError) -> None:
    """Print ``error`` on stderr and leave with exit code 2: the one place errors are shown."""
    err.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
    raise typer.Exit(2)


def command(group: typer.Typer, name: str | None = None) -> Callable[[F], F]:
    """Register a command on ``group``; a :class:`KoersError` it raises ends it via :func:`fail`."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except KoersError as error:
                fail(error)

        group.command(name)(run)
        return function

    return register


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path`` (``-``: standard input)."""
    if str(path) == "-":
        return sys.stdin.read()
    if not path.is_file():
        raise NoSuchFile(path=path)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NotUtf8(path=path) from None


def existing_file(path: Path) -> Path:
    if not path.is_file():
        raise NoSuchFile(path=path)
    return path


def batch_lines(handle: BinaryIO) -> Iterator[tuple[int, str | None, KoersError | None]]:
    """Yield (line number, text, problem) for each non-empty line of a batch file; a line that
    is not UTF-8 is a problem of that line, not of the whole run."""
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None, BatchLineNotUtf8(line=number)
            continue
        if line.strip():
            yield number, line, None


def json_text_records(
    handle: BinaryIO,
) -> Iterator[tuple[int, str | None, KoersError | None]]:
    """Yield (line number, text, problem) for each line of a JSON-lines file of ``{"text"}``."""
    for number, line, problem in batch_lines(handle):
        if line is None:
            yield number, None, problem
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, None, BatchLineNotJson(line=number, reason=error.msg)
            continue
        text = record.get("text") if isinstance(record, dict) else None
        if isinstance(text, str):
            yield number, text, None
        else:
            yield number, None, BatchLineNoText(line=number)


def open_database(*, migrate: bool = False) -> None:
    """Connect to the platform's database (settings from the environment, debug by default),
    which installs the stores the domain reads (e.g. imported market data); ``migrate`` brings
    its tables up to date first, which writing commands need."""
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
