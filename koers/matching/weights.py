"""The explicit weights of matching, in one place.

An occupation's requirement for a skill weighs

    relation weight (essential 1.0, optional 0.35) × specificity (IDF over all occupations)

so a rare, specific skill ("wound care") counts more than one that nearly every occupation lists
("work in teams"). A portfolio's claim to a skill has a strength in [0, 1]:

    validation weight (self-declared 0.7, confirmed 0.85, formally recognised 1.0)
    × recency 0.5 ** (years since last used / half-life), half-life 5 years by default

so skills age: one unused for five years counts half.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt

from koers.portfolio.model import SkillClaim, ValidationLevel
from koers.taxonomy.model import ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT

__all__ = ["ESSENTIAL_WEIGHT", "OPTIONAL_WEIGHT", "VALIDATION_WEIGHT", "claim_strength"]

VALIDATION_WEIGHT = {
    ValidationLevel.SELF_DECLARED: 0.7,
    ValidationLevel.CONFIRMED: 0.85,
    ValidationLevel.FORMALLY_RECOGNISED: 1.0,
}
DEFAULT_HALF_LIFE_YEARS = 5.0
DAYS_PER_YEAR = 365.25


def specificity(
    occupations_per_skill: npt.NDArray[np.int64], occupations: int
) -> npt.NDArray[np.float32]:
    """IDF-like weight per skill: ``log((1 + N) / (1 + df)) + 1``; shape (n_skills,)."""
    df = occupations_per_skill.astype(np.float64)
    return (np.log((1 + occupations) / (1 + df)) + 1).astype(np.float32)


def recency(last_used: date | None, *, today: date, half_life_years: float) -> float:
    """Share of a skill that remains after ``today - last_used`` (1.0 when unknown or recent)."""
    if half_life_years <= 0:
        raise ValueError("half_life_years must be positive")
    if last_used is None or last_used >= today:
        return 1.0
    years = (today - last_used).days / DAYS_PER_YEAR
    return float(0.5 ** (years / half_life_years))


def claim_strength(
    claim: SkillClaim, *, today: date, half_life_years: float = DEFAULT_HALF_LIFE_YEARS
) -> float:
    """Strength in [0, 1] of one portfolio claim: validation weight × recency."""
    return VALIDATION_WEIGHT[claim.validation] * recency(
        claim.last_used, today=today, half_life_years=half_life_years
    )
