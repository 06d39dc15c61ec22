"""The documented import format of a training catalogue, in CSV and JSON, validated whole.

CSV: UTF-8 with a header row and exactly the columns of :data:`COURSE_FORMAT`; the list columns
(``skills``, ``start_dates``, ``recognised_for``) hold values separated by ``;``.

JSON: ``{"format": "koers-training/1", "courses": [{...}, ...]}`` (or just the list), each
course an object with the same fields; list fields may be JSON arrays or ``;``-separated text.

Validation collects every problem, each naming file, row (1-based course number) and field,
and accepts a catalogue only when it has none: it is imported whole or not at all. The column
rules come from :mod:`koers.market.formats`; this module adds the list fields (known ESCO
skills, ISO dates, known incentives).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from koers.market.formats import (
    Column,
    DatasetFormat,
    FileMissing,
    ImportProblem,
    ImportValidationError,
    NotAChoice,
    NotADate,
    RowError,
    UnknownColumn,
    Unreadable,
    read_csv_rows,
    validate_rows,
)
from koers.training.model import INCENTIVES, LANGUAGES, REGIONS, Catalogue, Course, Level, Mode

FORMAT_NAME = "koers-training/1"
LIST_SEPARATOR = ";"
LIST_FIELDS = ("skills", "start_dates", "recognised_for")


class SkillNotKnown(ImportProblem):
    code = "training.skill_unknown"
    message = "{uri} is not an ESCO skill"


class NoSkills(ImportProblem):
    code = "training.no_skills"
    message = "a course teaches at least one ESCO skill"


class NotACatalogue(ImportProblem):
    code = "training.not_a_catalogue"
    message = "expected a JSON list of courses or an object with a list 'courses'"


class CourseNotAnObject(ImportProblem):
    code = "training.course_not_an_object"
    message = "a course must be a JSON object"


class UnsupportedFile(ImportProblem):
    code = "training.unsupported_file"
    message = "a catalogue is a .csv or .json file"


COURSE_FORMAT = DatasetFormat(
    "training_courses",
    "Courses of a training catalogue, one per row, with the ESCO skills each teaches.",
    (
        Column("course_id", "text", "the provider's stable id of the course"),
        Column("provider", "text", "who gives the course"),
        Column("title", "text", "the course title"),
        Column("description", "text", "what the course teaches", required=False),
        Column("skills", "text", "ESCO skill URIs taught, separated by ';'"),
        Column("level", "text", "level", choices=tuple(Level)),
        Column("duration_hours", "float", "hours of study", minimum=0.5, maximum=5000),
        Column("cost_eur", "float", "price in euro before incentives", minimum=0, maximum=100000),
        Column("mode", "text", "how it is given", choices=tuple(Mode)),
        Column(
            "region",
            "text",
            "where it is given (empty: anywhere, e.g. online)",
            required=False,
            choices=REGIONS,
        ),
        Column("language", "text", "language of teaching", choices=LANGUAGES),
        Column("start_dates", "text", "start dates YYYY-MM-DD, separated by ';'", required=False),
        Column(
            "recognised_for",
            "text",
            f"incentives the course is recognised for, separated by ';' ({', '.join(INCENTIVES)})",
            required=False,
        ),
        Column(
            "synthetic",
            "int",
            "1 if the course is made up (demo data), else 0",
            required=False,
            minimum=0,
            maximum=1,
        ),
    ),
    unique=("course_id",),
)


def split_list(value: Any) -> list[str]:
    """The items of a list field: a JSON array or text separated by ``;``."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]


def _list_problems(
    row: Mapping[str, Any], known_skills: Mapping[str, Any] | None
) -> Iterable[tuple[str, ImportProblem]]:
    skills = split_list(row["skills"])
    if not skills:
        yield "skills", NoSkills()
    if known_skills is not None:
        for uri in skills:
            if uri not in known_skills:
                yield "skills", SkillNotKnown(uri=uri)
    for text in split_list(row["start_dates"]):
        try:
            date.fromisoformat(text)
        except ValueError:
            yield "start_dates", NotADate(value=text)
    for incentive in split_list(row["recognised_for"]):
        if incentive not in INCENTIVES:
            yield "recognised_for", NotAChoice(value=incentive, choices=", ".join(INCENTIVES))


def courses_from_rows(
    rows: Sequence[Mapping[str, Any]], *, file: str, known_skills: Mapping[str, Any] | None = None
) -> list[Course]:
    """Validate raw rows (as a CSV or JSON file gives them) and return the courses.

    ``known_skills``, when given, is the set (or index) of ESCO skill URIs a course may name.
    Raises :class:`ImportValidationError` listing every problem; nothing is accepted then.
    """
    flat = [{k: _flatten(v) for k, v in row.items()} for row in rows]
    errors: list[RowError] = []
    try:
        clean = validate_rows(COURSE_FORMAT, flat, file=file)
    except ImportValidationError as error:
        errors = list(error.errors)
        clean = []
    for number, row in enumerate(clean, start=1):
        errors += [RowError(file, number, f, p) for f, p in _list_problems(row, known_skills)]
    if errors:
        raise ImportValidationError(errors)
    return [_course(row) for row in clean]


def _flatten(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _course(row: Mapping[str, Any]) -> Course:
    return Course(
        course_id=row["course_id"],
        provider=row["provider"],
        title=row["title"],
        description=row["description"] or "",
        skills=tuple(dict.fromkeys(split_list(row["skills"]))),
        level=Level(row["level"]),
        duration_hours=float(row["duration_hours"]),
        cost_eur=float(row["cost_eur"]),
        mode=Mode(row["mode"]),
        region=row["region"] or "",
        language=row["language"],
        start_dates=tuple(
            sorted(date.fromisoformat(d).isoformat() for d in split_list(row["start_dates"]))
        ),
        recognised_for=tuple(dict.fromkeys(split_list(row["recognised_for"]))),
        synthetic=bool(row["synthetic"]),
    )


def json_rows(text: str, *, file: str) -> list[dict[str, Any]]:
    """The course objects of a JSON catalogue; raise :class:`ImportValidationError` when the
    text is not JSON or not a catalogue."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportValidationError(
            [RowError(file, 0, "*", Unreadable(reason=error.msg))]
        ) from None
    courses = data.get("courses") if isinstance(data, dict) else data
    if not isinstance(courses, list):
        raise ImportValidationError([RowError(file, 0, "*", NotACatalogue())])
    names = [c.name for c in COURSE_FORMAT.columns]
    errors: list[RowError] = []
    rows: list[dict[str, Any]] = []
    for number, course in enumerate(courses, start=1):
        if not isinstance(course, dict):
            errors.append(RowError(file, number, "*", CourseNotAnObject()))
            continue
        errors += [RowError(file, number, k, UnknownColumn()) for k in course if k not in names]
        rows.append({name: course.get(name) for name in names})
    if errors:
        raise ImportValidationError(errors)
    return rows


def read_catalogue(path: Path, *, known_skills: Mapping[str, Any] | None = None) -> Catalogue:
    """Read and validate a catalogue file (``.csv`` or ``.json``), all or nothing.

    Raises :class:`ImportValidationError` naming file, row and field of every problem.
    """
    if not path.is_file():
        raise ImportValidationError([RowError(path.name, 0, "*", FileMissing())])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = read_csv_rows(path)
    elif suffix == ".json":
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problem = Unreadable(reason=str(error).replace(str(path), path.name))
            raise ImportValidationError([RowError(path.name, 0, "*", problem)]) from None
        rows = json_rows(text, file=path.name)
    else:
        raise ImportValidationError([RowError(path.name, 0, "*", UnsupportedFile())])
    courses = courses_from_rows(rows, file=path.name, known_skills=known_skills)
    synthetic = bool(courses) and all(c.synthetic for c in courses)
    return Catalogue(tuple(courses), source=path.name, synthetic=synthetic)


def course_to_dict(course: Course) -> dict[str, Any]:
    """A course as a JSON object of the import format (lists as arrays)."""
    return {
        "course_id": course.course_id,
        "provider": course.provider,
        "title": course.title,
        "description": course.description,
        "skills": list(course.skills),
        "level": course.level.value,
        "duration_hours": course.duration_hours,
        "cost_eur": course.cost_eur,
        "mode": course.mode.value,
        "region": course.region,
        "language": course.language,
        "start_dates": list(course.start_dates),
        "recognised_for": list(course.recognised_for),
        "synthetic": int(course.synthetic),
    }


def catalogue_to_json(catalogue: Catalogue) -> str:
    """The catalogue in the JSON import format."""
    data = {
        "format": FORMAT_NAME,
        "source": catalogue.source,
        "synthetic": catalogue.synthetic,
        "courses": [course_to_dict(c) for c in catalogue.courses],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def format_markdown() -> str:
    """The documentation of the catalogue format, as Markdown."""
    lines = [
        f"# Training catalogue format ({FORMAT_NAME})",
        "",
        "CSV (UTF-8, header row, list values separated by `;`) or JSON "
        '(`{"format": "koers-training/1", "courses": [...]}`, list values as arrays). '
        "A catalogue is imported whole or not at all; every problem names file, row and field.",
        "",
        "| column | type | required | meaning |",
        "|---|---|---|---|",
    ]
    for c in COURSE_FORMAT.columns:
        choices = f" ({', '.join(c.choices)})" if c.choices else ""
        required = "yes" if c.required else "no"
        lines.append(f"| `{c.name}` | {c.type} | {required} | {c.description}{choices} |")
    lines.append("\n`course_id` is unique; `skills` names at least one known ESCO skill.")
    return "\n".join(lines)
