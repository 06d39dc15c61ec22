"""The documented import formats of labour-market data, and their validation.

Each kind of data set has one :class:`DatasetFormat`: its columns, their types and bounds, the
columns that must be unique together, and shares that must add up to 1 per group. Files are
CSV (UTF-8, header row) or Parquet with exactly these column names. Validation collects every
problem, each naming file, row and field, and accepts a file only when it has none: a data set
is imported whole or not at all. ``koers market formats`` prints this documentation.
"""

from __future__ import annotations

import csv
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from koers.errors import InvalidInput

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
WHOLE = re.compile(r"^[+-]?\d+$")
ESCO_OCCUPATION_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
MAX_ERRORS_SHOWN = 20
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_TEXT = 200
COUNT_MAX = 10_000_000
"""Plausibility bound of every count of people or vacancies (Belgium has 11.8 million people)."""
SHARE_TOLERANCE = 0.01


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # "text", "int", "float", "period" (YYYY-MM), "date", "year", "share" (0..1)
    description: str
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    max_length: int = MAX_TEXT
    pattern: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class DatasetFormat:
    kind: str
    description: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    shares_sum_to_one: tuple[tuple[str, ...], str] | None = None  # (group columns, share column)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


class ImportProblem(InvalidInput):
    """One problem of one value, row or file; collected into :class:`ImportValidationError`."""


class ValueRequired(ImportProblem):
    code = "import.value_required"
    message = "a value is required"


class NotAChoice(ImportProblem):
    code = "import.not_a_choice"
    message = "“{value}” is not one of {choices}"


class NotAPeriod(ImportProblem):
    code = "import.not_a_period"
    message = "“{value}” is not a period YYYY-MM"


class NotADate(ImportProblem):
    code = "import.not_a_date"
    message = "“{value}” is not a date YYYY-MM-DD"


class NotANumber(ImportProblem):
    code = "import.not_a_number"
    message = "“{value}” is not a number"


class NotFinite(ImportProblem):
    code = "import.not_finite"
    message = "“{value}” is not a finite number"


class NotWhole(ImportProblem):
    code = "import.not_whole"
    message = "“{value}” is not a whole number"


class NotAShare(ImportProblem):
    code = "import.not_a_share"
    message = "{value} is not a share between 0 and 1"


class BelowMinimum(ImportProblem):
    code = "import.below_minimum"
    message = "{value} is below the minimum {minimum}"


class AboveMaximum(ImportProblem):
    code = "import.above_maximum"
    message = "{value} is above the maximum {maximum}"


class ColumnMissing(ImportProblem):
    code = "import.column_missing"
    message = "the column is missing"


class UnknownColumn(ImportProblem):
    code = "import.unknown_column"
    message = "the file has a column this format does not know"


class DuplicateRow(ImportProblem):
    code = "import.duplicate_row"
    message = "duplicates row {first}"


class SharesDoNotAddUp(ImportProblem):
    code = "import.shares_do_not_add_up"
    message = "the shares for {group} sum to {total}, not 1"


class NoRows(ImportProblem):
    code = "import.no_rows"
    message = "the file holds no data rows"


class Unreadable(ImportProblem):
    code = "import.unreadable"
    message = "the file cannot be read as CSV (UTF-8) or Parquet: {reason}"


class NotText(ImportProblem):
    code = "import.not_text"
    message = "the value is not text (a {kind})"


class TooLong(ImportProblem):
    code = "import.too_long"
    message = "the text is longer than {limit} characters"


class NotAnEscoOccupationUri(ImportProblem):
    code = "import.not_an_esco_occupation_uri"
    message = "“{value}” is not an ESCO occupation URI"


class FileTooLarge(ImportProblem):
    code = "import.file_too_large"
    message = "the file is larger than {limit_mb} MB"


class TooManyRows(ImportProblem):
    code = "import.too_many_rows"
    message = "the file has more than {limit} rows"


class FileMissing(ImportProblem):
    code = "import.file_missing"
    message = "the file does not exist"


class UnknownDatasetKind(InvalidInput):
    code = "import.unknown_kind"
    message = "Unknown kind of data “{kind}”; known kinds: {choices}."


@dataclass(frozen=True, slots=True)
class RowError:
    """Where a problem is: file, 1-based data row (0 for the file or its header), field."""

    file: str
    row: int
    field: str
    problem: ImportProblem

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row else ""
        return f"{self.file}: {where}field '{self.field}': {self.problem}"


class ImportValidationError(InvalidInput):
    code = "import.invalid"
    message = "{count} problem(s) found; nothing was imported."

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(count=len(errors))

    def __str__(self) -> str:
        shown = "\n".join(str(e) for e in self.errors[:MAX_ERRORS_SHOWN])
        more = len(self.errors) - MAX_ERRORS_SHOWN
        suffix = f"\n… and {more} more problems" if more > 0 else ""
        return f"{super().__str__()}\n{shown}{suffix}"

    def details(self) -> list[dict[str, Any]]:
        return [
            {
                "file": e.file,
                "row": e.row,
                "field": e.field,
                "code": e.problem.code,
                "message": str(e.problem),
            }
            for e in self.errors
        ]


def _c(name: str, type_: str, description: str, **options: Any) -> Column:
    return Column(name, type_, description, **options)


OCCUPATION = _c("occupation", "text", "occupation name as the source gives it (e.g. VDAB, Dutch)")
ESCO_URI = _c(
    "esco_uri",
    "text",
    "ESCO occupation URI; when empty, the curated VDAB→ESCO mapping is used",
    required=False,
    pattern=ESCO_OCCUPATION_URI,
)
NACE = _c("nace", "text", "NACE Rev. 2 section letter (A–U) or division code")
ISCO = _c("isco_code", "text", "ISCO-08 unit group, 4 digits")
YEAR = _c("year", "year", "calendar year", minimum=1990, maximum=2100)
SOURCE = _c("source", "text", "who published the figures", required=False, max_length=500)

FORMATS: dict[str, DatasetFormat] = {
    f.kind: f
    for f in (
        DatasetFormat(
            "vacancies",
            "Open vacancies per occupation and period (e.g. VDAB month-end stock).",
            (
                OCCUPATION,
                ESCO_URI,
                _c("period", "period", "YYYY-MM"),
                _c("vacancies", "int", "open vacancies", minimum=0, maximum=COUNT_MAX),
                SOURCE,
            ),
            unique=("occupation", "period"),
        ),
        DatasetFormat(
            "job_seekers",
            "Job seekers interested in an occupation, per period (a job seeker may name several).",
            (
                OCCUPATION,
                ESCO_URI,
                _c("period", "period", "YYYY-MM"),
                _c("job_seekers", "int", "job seekers interested", minimum=0, maximum=COUNT_MAX),
                SOURCE,
            ),
            unique=("occupation", "period"),
        ),
        DatasetFormat(
            "employment",
            "Employment (persons) per sector and year.",
            (
                NACE,
                _c("sector_label", "text", "sector name", required=False),
                YEAR,
                _c("employed", "int", "persons employed", minimum=0, maximum=COUNT_MAX),
                SOURCE,
            ),
            unique=("nace", "year"),
        ),
        DatasetFormat(
            "age_structure",
            "Age structure and yearly outflow rates per sector (drives replacement demand).",
            (
                NACE,
                YEAR,
                _c("share_55_plus", "share", "share of workers aged 55+"),
                _c("outflow_rate_55_plus", "share", "yearly outflow rate of workers 55+"),
                _c("outflow_rate_under_55", "share", "yearly outflow rate of younger workers"),
                SOURCE,
            ),
            unique=("nace", "year"),
        ),
        DatasetFormat(
            "sector_occupation_key",
            "Distribution key sector → occupation (labour force survey); "
            "shares per sector sum to 1.",
            (NACE, ISCO, _c("share", "share", "share of the sector's employment"), SOURCE),
            unique=("nace", "isco_code"),
            shares_sum_to_one=(("nace",), "share"),
        ),
        DatasetFormat(
            "school_leavers",
            "School leavers entering the labour market per study field and year.",
            (
                _c("study_field", "text", "study field"),
                _c("stem", "int", "1 if a STEM field, else 0", minimum=0, maximum=1),
                YEAR,
                _c("school_leavers", "int", "school leavers", minimum=0, maximum=COUNT_MAX),
                SOURCE,
            ),
            unique=("study_field", "year"),
        ),
        DatasetFormat(
            "field_occupation_key",
            "Distribution key study field → occupation: shares per field sum to 1.",
            (
                _c("study_field", "text", "study field"),
                ISCO,
                _c("share", "share", "share of the field's leavers"),
                SOURCE,
            ),
            unique=("study_field", "isco_code"),
            shares_sum_to_one=(("study_field",), "share"),
        ),
        DatasetFormat(
            "unemployment_forecast",
            "Forecast number of unemployed per year (e.g. HERMREG, Federal Planning Bureau).",
            (
                YEAR,
                _c("unemployed", "int", "unemployed persons", minimum=0, maximum=COUNT_MAX),
                SOURCE,
            ),
            unique=("year",),
        ),
        DatasetFormat(
            "migration_inflow",
            "Migrants entering the labour force per year.",
            (
                YEAR,
                _c(
                    "migrants",
                    "int",
                    "migrants entering the labour force",
                    minimum=0,
                    maximum=COUNT_MAX,
                ),
                SOURCE,
            ),
            unique=("year",),
        ),
        DatasetFormat(
            "adjustment_factors",
            "Employer-survey and expert-panel adjustments: ex ante factors scale a sector's "
            "employment change, validation factors scale an occupation's total demand.",
            (
                _c("round", "text", "ex_ante or validation", choices=("ex_ante", "validation")),
                _c(
                    "origin",
                    "text",
                    "employer_survey or expert_panel",
                    choices=("employer_survey", "expert_panel"),
                ),
                _c(
                    "scope",
                    "text",
                    "sector (a NACE code) or occupation (an ISCO code)",
                    choices=("sector", "occupation"),
                ),
                _c("code", "text", "the NACE or ISCO code"),
                _c("factor", "float", "multiplier (1.1 = 10 % more)", minimum=0.0, maximum=5.0),
                _c("note", "text", "why", required=False),
                SOURCE,
            ),
            unique=("round", "origin", "scope", "code"),
        ),
    )
}


def read_csv_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a CSV file (UTF-8, header row); raise an :class:`ImportValidationError`
    naming the file when it cannot be read."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle, strict=True))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        problem = Unreadable(reason=str(error).replace(str(path), path.name))
        raise ImportValidationError([RowError(path.name, 0, "*", problem)]) from None


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Read a CSV or Parquet file into a list of row dicts (values as the file gives them)."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_table(path).to_pylist())
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, strict=True))


def _value(column: Column, raw: Any) -> Any:
    """Convert one raw value; raise an :class:`ImportProblem` saying what is wrong."""
    if isinstance(raw, bytes | bytearray | memoryview | list | tuple | dict | set):
        raise NotText(kind=type(raw).__name__)
    text = "" if raw is None else str(raw).strip()
    if text == "":
        if column.required:
            raise ValueRequired()
        return None
    if column.type == "text":
        if len(text) > column.max_length:
            raise TooLong(limit=column.max_length)
        if column.choices and text not in column.choices:
            raise NotAChoice(value=text, choices=", ".join(column.choices))
        if column.pattern is not None and not column.pattern.match(text):
            raise NotAnEscoOccupationUri(value=text[:MAX_TEXT])
        return text
    if column.type == "date":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise NotADate(value=text) from None
    if column.type == "period":
        if not PERIOD.match(text):
            raise NotAPeriod(value=text)
        return text
    shown = text[:40]
    if column.type in ("int", "year") and WHOLE.match(text):
        number: float = int(text)  # exact: no silent rounding of very long numbers
    else:
        try:
            number = float(text)
        except ValueError:
            raise NotANumber(value=shown) from None
        if not math.isfinite(number):
            raise NotFinite(value=shown)
        if column.type in ("int", "year"):
            if number != int(number):
                raise NotWhole(value=shown)
            number = int(number)
    if column.type == "share" and not 0 <= number <= 1:
        raise NotAShare(value=shown)
    if column.minimum is not None and number < column.minimum:
        raise BelowMinimum(value=shown, minimum=f"{column.minimum:g}")
    if column.maximum is not None and number > column.maximum:
        raise AboveMaximum(value=shown, maximum=f"{column.maximum:g}")
    return number


def validate_rows(
    spec: DatasetFormat, rows: Iterable[dict[str, Any]], *, file: str
) -> list[dict[str, Any]]:
    """Return the rows converted to their types; raise :class:`ImportValidationError` listing
    every problem (file, row, field) if there is any."""
    rows = list(itertools.islice(rows, MAX_ROWS + 1))
    errors: list[RowError] = []
    if not rows:
        raise ImportValidationError([RowError(file, 0, "*", NoRows())])
    if len(rows) > MAX_ROWS:
        raise ImportValidationError([RowError(file, 0, "*", TooManyRows(limit=MAX_ROWS))])
    present = set(rows[0])
    names = [c.name for c in spec.columns]
    missing = [c.name for c in spec.columns if c.required and c.name not in present]
    unknown = sorted(present - set(names))
    errors += [RowError(file, 0, name, ColumnMissing()) for name in missing]
    errors += [RowError(file, 0, name, UnknownColumn()) for name in unknown]
    if errors:
        raise ImportValidationError(errors)
    clean: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, raw in enumerate(rows, start=1):
        row: dict[str, Any] = {}
        for column in spec.columns:
            try:
                row[column.name] = _value(column, raw.get(column.name))
            except ImportProblem as problem:
                errors.append(RowError(file, number, column.name, problem))
        if spec.unique and all(row.get(k) is not None for k in spec.unique):
            key = tuple(row[k] for k in spec.unique)
            if key in seen:
                errors.append(
                    RowError(file, number, "+".join(spec.unique), DuplicateRow(first=seen[key]))
                )
            seen.setdefault(key, number)
        clean.append(row)
    if spec.shares_sum_to_one and not errors:
        groups, share = spec.shares_sum_to_one
        totals: dict[tuple[Any, ...], float] = defaultdict(float)
        for row in clean:
            totals[tuple(row[g] for g in groups)] += row[share]
        for key, total in sorted(totals.items()):
            if abs(total - 1) > SHARE_TOLERANCE:
                label = ", ".join(f"{g}={v}" for g, v in zip(groups, key, strict=True))
                mismatch = SharesDoNotAddUp(group=label, total=f"{total:.3f}")
                errors.append(RowError(file, 0, share, mismatch))
    if errors:
        raise ImportValidationError(errors)
    return clean


def check_kind(kind: str) -> DatasetFormat:
    """The format of ``kind``; raise :class:`UnknownDatasetKind` if there is none."""
    if kind not in FORMATS:
        raise UnknownDatasetKind(kind=kind, choices=", ".join(FORMATS))
    return FORMATS[kind]


def load_file(kind: str, path: Path) -> list[dict[str, Any]]:
    """Read and validate a data file of ``kind``.

    Raises :class:`UnknownDatasetKind` or :class:`ImportValidationError` (nothing accepted).
    """
    spec = check_kind(kind)
    if not path.is_file():
        raise ImportValidationError([RowError(path.name, 0, "*", FileMissing())])
    if path.stat().st_size > MAX_FILE_BYTES:
        too_large = FileTooLarge(limit_mb=MAX_FILE_BYTES // (1024 * 1024))
        raise ImportValidationError([RowError(path.name, 0, "*", too_large)])
    try:
        rows = read_rows(path)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as error:
        problem = Unreadable(reason=str(error).replace(str(path), path.name))
        raise ImportValidationError([RowError(path.name, 0, "*", problem)]) from None
    return validate_rows(spec, rows, file=path.name)


def formats_markdown() -> str:
    """The documentation of every format, as Markdown."""
    parts = [
        "# Labour-market import formats",
        "",
        "CSV (UTF-8, header row) or Parquet, with exactly these columns. A file is "
        "imported whole or not at all; every problem is reported with file, row and field.",
        "",
    ]
    for spec in FORMATS.values():
        parts += [
            f"## `{spec.kind}`",
            "",
            spec.description,
            "",
            "| column | type | required | meaning |",
            "|---|---|---|---|",
        ]
        for c in spec.columns:
            bounds = f" ({', '.join(c.choices)})" if c.choices else ""
            required = "yes" if c.required else "no"
            parts.append(f"| `{c.name}` | {c.type} | {required} | {c.description}{bounds} |")
        if spec.unique:
            parts.append(f"\nUnique together: {', '.join(spec.unique)}.")
        if spec.shares_sum_to_one:
            groups, share = spec.shares_sum_to_one
            parts.append(f"\n`{share}` sums to 1 (± {SHARE_TOLERANCE}) per {', '.join(groups)}.")
        parts.append("")
    return "\n".join(parts)
