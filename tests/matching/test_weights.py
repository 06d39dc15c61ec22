from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.matching.weights import VALIDATION_WEIGHT, claim_strength, recency, specificity
from koers.portfolio.model import SkillClaim, ValidationLevel

TODAY = date(2026, 11, 24)


def test_a_skill_unused_for_one_half_life_counts_half():
    assert recency(date(2021, 11, 24), today=TODAY, half_life_years=5) == pytest.approx(
        0.5, abs=1e-3
    )
    assert recency(date(2024, 5, 24), today=TODAY, half_life_years=2.5) == pytest.approx(
        0.5, abs=1e-3
    )
    assert recency(None, today=TODAY, half_life_years=5) == 1.0
    assert recency(date(2030, 1, 1), today=TODAY, half_life_years=5) == 1.0


def test_half_life_must_be_positive():
    with pytest.raises(ValueError, match="half_life_years"):
        recency(TODAY, today=TODAY, half_life_years=0)


def test_validation_levels_are_ordered():
    levels = [VALIDATION_WEIGHT[level] for level in ValidationLevel]
    assert levels == sorted(levels)
    assert levels[-1] == 1.0


@given(
    st.sampled_from(list(ValidationLevel)),
    st.dates(min_value=date(1970, 1, 1), max_value=date(2040, 1, 1)),
)
def test_claim_strength_lies_in_unit_interval(level, last_used):
    strength = claim_strength(SkillClaim("s", level, last_used), today=TODAY)
    assert 0.0 < strength <= VALIDATION_WEIGHT[level]


def test_rare_skills_weigh_more_than_common_ones():
    weights = specificity(np.array([1, 10, 1000]), 3039)
    assert weights[0] > weights[1] > weights[2] > 0
