"""A person's profile for the rights engine, read from JSON.

``{"status": "employee", "region": "flanders", "age": 42, "education_level": "medium",
"employer_size": 35, "sector": "C25", "course_recognised_for": ["opleidingscheques"]}``;
only ``status`` and ``region`` are required. ``course_recognised_for`` describes a course in
view (leave it out to see rights regardless of the course).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from koers.errors import InvalidInput
from koers.rights.model import REGIONS, Decision, EducationLevel, Profile, Status

FIELDS = (
    "status",
    "region",
    "age",
    "education_level",
    "employer_size",
    "sector",
    "course_recognised_for",
)


class ProfileInvalid(InvalidInput):
    code = "rights.profile_invalid"
    message = "Profile field '{field}': {reason}"


class ProfileNotJson(InvalidInput):
    code = "rights.profile_not_json"
    message = "The profile is not a JSON object: {reason}"


def _whole(data: Mapping[str, Any], key: str, low: int, high: int) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ProfileInvalid(field=key, reason=f"a whole number from {low} to {high}")
    return value


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """The profile in ``data``; raise :class:`ProfileInvalid` naming the first bad field."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ProfileInvalid(field=unknown[0], reason=f"unknown; known: {', '.join(FIELDS)}")
    status = data.get("status")
    if status not in tuple(Status):
        raise ProfileInvalid(field="status", reason=f"one of {', '.join(Status)}")
    region = data.get("region")
    if region not in REGIONS:
        raise ProfileInvalid(field="region", reason=f"one of {', '.join(REGIONS)}")
    level = data.get("education_level")
    if level is not None and level not in tuple(EducationLevel):
        raise ProfileInvalid(field="education_level", reason=f"one of {', '.join(EducationLevel)}")
    sector = data.get("sector") or ""
    if not isinstance(sector, str):
        raise ProfileInvalid(field="sector", reason="a NACE code as text")
    course = data.get("course_recognised_for")
    if course is not None and (
        not isinstance(course, list) or not all(isinstance(c, str) for c in course)
    ):
        raise ProfileInvalid(field="course_recognised_for", reason="a list of incentive ids")
    return Profile(
        status=Status(status),
        region=str(region),
        age=_whole(data, "age", 0, 120),
        education_level=EducationLevel(level) if level is not None else None,
        employer_size=_whole(data, "employer_size", 0, 10_000_000),
        sector=sector,
        course_recognised_for=tuple(course) if course is not None else None,
    )


def profile_from_json(text: str) -> Profile:
    """The profile in JSON ``text``; raise :class:`ProfileNotJson` or :class:`ProfileInvalid`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileNotJson(reason=error.msg) from None
    if not isinstance(data, dict):
        raise ProfileNotJson(reason="expected an object")
    return profile_from_dict(data)


@dataclass(frozen=True, slots=True)
class CourseCostShare:
    """An eligible incentive that pays part of a recognised course's cost."""

    incentive_id: str
    label: str
    share: float
    cap_eur: float | None


def course_cost_shares(decisions: list[Decision]) -> list[CourseCostShare]:
    """The eligible incentives among ``decisions`` that pay part of a course's cost."""
    return [
        CourseCostShare(d.rule_id, d.title, d.benefit.share, d.benefit.cap_eur)
        for d in decisions
        if d.eligible and d.benefit.kind == "course_cost" and d.benefit.share
    ]
