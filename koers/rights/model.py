"""Rights and incentives (rechten en premies): a person's profile and the rules that decide.

A :class:`Rule` is one dated version of one incentive, read from a TOML file with its legal
source; :class:`Profile` says who is asking. Amounts marked ``to_verify`` are illustrative and
must be checked against the source before anyone relies on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    """Labour-market status (statuut)."""

    EMPLOYEE = "employee"
    JOB_SEEKER = "job_seeker"
    SELF_EMPLOYED = "self_employed"
    INACTIVE = "inactive"


class EducationLevel(StrEnum):
    """Highest diploma: low (at most lower secondary), medium (secondary), high (higher)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


REGIONS = ("flanders", "brussels", "wallonia")


@dataclass(frozen=True, slots=True)
class Profile:
    """Who asks: what the rules look at. ``employer_size`` counts employees (``None`` when no
    employer); ``sector`` is a NACE code; ``course_recognised_for`` lists incentive ids a course
    in view is recognised for (empty: no course in view, course conditions are then left open).
    """

    status: Status
    region: str
    age: int | None = None
    education_level: EducationLevel | None = None
    employer_size: int | None = None
    sector: str = ""
    course_recognised_for: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Conditions:
    """Who a rule is for; an empty tuple or ``None`` puts no condition on that field."""

    status: tuple[Status, ...] = ()
    region: tuple[str, ...] = ()
    education_level: tuple[EducationLevel, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    employer_size_min: int | None = None
    employer_size_max: int | None = None
    sectors: tuple[str, ...] = ()  # NACE code prefixes
    sectors_excluded: tuple[str, ...] = ()
    course_recognition: str = ""  # the course must be recognised for this incentive id


@dataclass(frozen=True, slots=True)
class Benefit:
    """What the rule gives. ``share`` of a course's cost paid, up to ``cap_eur`` per course
    and ``yearly_cap_eur`` a year; or ``hours`` of paid leave; or ``deposit_eur`` a year."""

    kind: str  # "course_cost", "paid_leave", "career_guidance", "account_deposit"
    share: float | None = None
    cap_eur: float | None = None
    yearly_cap_eur: float | None = None
    hours: float | None = None
    deposit_eur: float | None = None
    to_verify: bool = False
    note_en: str = ""
    note_nl: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """One dated version of one incentive."""

    rule_id: str
    version: str
    title_en: str
    title_nl: str
    summary_en: str
    summary_nl: str
    source_title: str
    source_url: str
    valid_from: date
    valid_until: date | None
    conditions: Conditions
    benefit: Benefit
    file: str

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def title(self, lang: str) -> str:
        return self.title_nl if lang == "nl" else self.title_en


@dataclass(frozen=True, slots=True)
class Check:
    """One condition of a rule against the profile: met or not, and in words."""

    field: str
    met: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether the profile is entitled to a rule, every condition checked, with the source."""

    rule_id: str
    version: str
    title: str
    summary: str
    eligible: bool
    checks: tuple[Check, ...]
    benefit: Benefit
    source_title: str
    source_url: str
    valid_from: str
    valid_until: str | None
    to_verify: bool
