"""Skill claims with provenance, validation level and recency."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ValidationLevel(StrEnum):
    """How firmly a claim is established (zelf verklaard → bevestigd → formeel erkend/EVC)."""

    SELF_DECLARED = "self_declared"
    CONFIRMED = "confirmed"
    FORMALLY_RECOGNISED = "formally_recognised"


class ClaimSource(StrEnum):
    """Who identified the competence."""

    SCHOOL = "school"
    TRAINING_PROVIDER = "training_provider"
    EMPLOYER = "employer"
    COACH = "coach"
    VOLUNTEERING = "volunteering"
    SELF = "self"


class Visibility(StrEnum):
    """Who may see a claim: only its owner, or also those the owner gave consent to."""

    PRIVATE = "private"
    SHARED = "shared"


@dataclass(frozen=True, slots=True)
class SkillClaim:
    """One competence in a portfolio, with where it comes from and when it was last used."""

    skill_uri: str
    validation: ValidationLevel = ValidationLevel.SELF_DECLARED
    last_used: date | None = None
    source: ClaimSource = ClaimSource.SELF
    evidence: str = ""  # free text or a link to a certificate, a work sample, ...
    issuer: str = ""  # who identified it: the school, provider, employer or coach by name
    identified_on: date | None = None
    visibility: Visibility = Visibility.SHARED


@dataclass(frozen=True, slots=True)
class Portfolio:
    """A person's competences; ``occupation`` (ESCO URI) is what they do now, ``aspirations``
    the occupations they would like to move to."""

    claims: tuple[SkillClaim, ...] = field(default_factory=tuple)
    owner: str = ""
    occupation: str | None = None
    aspirations: tuple[str, ...] = ()

    @property
    def skill_uris(self) -> frozenset[str]:
        return frozenset(c.skill_uri for c in self.claims)

    @classmethod
    def from_skills(cls, skill_uris: list[str] | tuple[str, ...]) -> Portfolio:
        """A portfolio of self-declared, current skills (what a quick skill pick gives)."""
        return cls(claims=tuple(SkillClaim(uri) for uri in dict.fromkeys(skill_uris)))
