"""The training catalogue: courses with the competences they teach (opleidingsaanbod).

A :class:`Course` names the ESCO skills it teaches by URI, so that gaps found by the checks and
career steps meet courses in one competence language. Money is in euro, duration in hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

SYNTHETIC_PROVIDER_PREFIX = "SYNTHETIC"
"""Providers of the generated demo catalogue start with this word: nothing there is real."""


class Mode(StrEnum):
    """How a course is given (klassikaal, online, gemengd, op de werkvloer)."""

    CLASSROOM = "classroom"
    ONLINE = "online"
    BLENDED = "blended"
    WORKPLACE = "workplace"


class Level(StrEnum):
    """How far a course takes a learner: first steps, working knowledge, expert."""

    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


REGIONS: tuple[str, ...] = (
    "antwerpen",
    "limburg",
    "oost-vlaanderen",
    "vlaams-brabant",
    "west-vlaanderen",
    "brussel",
)
"""The regions (provinces, and Brussels) a course can be given in; ``""`` when anywhere."""

REGION_NAMES: dict[str, dict[str, str]] = {
    "nl": {
        "antwerpen": "Antwerpen",
        "limburg": "Limburg",
        "oost-vlaanderen": "Oost-Vlaanderen",
        "vlaams-brabant": "Vlaams-Brabant",
        "west-vlaanderen": "West-Vlaanderen",
        "brussel": "Brussel",
    },
    "en": {
        "antwerpen": "Antwerp",
        "limburg": "Limburg",
        "oost-vlaanderen": "East Flanders",
        "vlaams-brabant": "Flemish Brabant",
        "west-vlaanderen": "West Flanders",
        "brussel": "Brussels",
    },
}

LANGUAGES: tuple[str, ...] = ("nl", "en", "fr", "de")

INCENTIVES: tuple[str, ...] = (
    "vlaams_opleidingsverlof",
    "opleidingscheques",
    "kmo_portefeuille",
    "loopbaancheques",
    "leer_en_loopbaanrekening",
)
"""Incentive ids a course can be recognised for; the rights rules use the same ids."""


@dataclass(frozen=True, slots=True)
class Course:
    """One course of the catalogue.

    ``skills`` are ESCO skill URIs the course teaches; ``recognised_for`` the incentive ids
    (see :data:`INCENTIVES`) the course is recognised for; ``start_dates`` ISO dates.
    """

    course_id: str
    provider: str
    title: str
    skills: tuple[str, ...]
    duration_hours: float
    cost_eur: float
    mode: Mode
    description: str = ""
    level: Level = Level.BASIC
    region: str = ""
    language: str = "nl"
    start_dates: tuple[str, ...] = ()
    recognised_for: tuple[str, ...] = ()
    synthetic: bool = False


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A set of courses with where they came from."""

    courses: tuple[Course, ...]
    source: str
    synthetic: bool = False
    by_id: dict[str, Course] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {c.course_id: c for c in self.courses})

    def __len__(self) -> int:
        return len(self.courses)
