"""The engine against slow, obvious reference computations, and its behaviour."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from koers.matching.engine import (
    NEAR_DUPLICATE,
    AmbiguousStart,
    EmptyPortfolio,
    TopOutOfRange,
)
from koers.matching.reference import weighted_coverage, weighted_requirements
from koers.outlook import Outlook, TableOutlook
from koers.portfolio.model import Portfolio, SkillClaim, ValidationLevel


def test_portfolio_scores_equal_the_reference(taxonomy, engine):
    rng = random.Random(42)
    skills = rng.sample([s.uri for s in taxonomy.skills], 40)
    portfolio = Portfolio.from_skills(skills)
    strengths = engine.strengths(portfolio, today=date(2026, 1, 1))
    coverage = engine.coverage(strengths)
    held = {uri: 0.7 for uri in skills}  # self-declared, undated
    reference = weighted_coverage(held, weighted_requirements(taxonomy, engine.specificity))
    np.testing.assert_allclose(coverage, reference, rtol=1e-4, atol=1e-6)


def test_matches_report_gap_exactly(taxonomy, engine, by_label):
    nurse = by_label("nurse responsible for general care")
    essentials = taxonomy.skills_of(nurse).essential
    held = [s.uri for s in essentials[: len(essentials) // 2]]
    matches = engine.match_portfolio(Portfolio.from_skills(held), top=50)
    nurse_match = next(m for m in matches if m.occupation.uri == nurse)
    assert {s.uri for s in nurse_match.missing_essential_skills} == {
        s.uri for s in essentials
    } - set(held)
    assert set(held) <= {s.uri for s in nurse_match.matched_skills}
    assert nurse_match.essential_coverage == pytest.approx(len(held) / len(essentials), abs=1e-3)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_validation_and_age_lower_a_match(taxonomy, engine, by_label):
    welder = by_label("welder")
    uris = [s.uri for s in taxonomy.skills_of(welder).essential]
    fresh = Portfolio(tuple(SkillClaim(u, ValidationLevel.FORMALLY_RECOGNISED) for u in uris))
    old = Portfolio(
        tuple(SkillClaim(u, ValidationLevel.FORMALLY_RECOGNISED, date(2010, 1, 1)) for u in uris)
    )
    unvalidated = Portfolio.from_skills(uris)
    score = {}
    for name, portfolio in {"fresh": fresh, "old": old, "self": unvalidated}.items():
        coverage = engine.coverage(engine.strengths(portfolio, today=date(2026, 1, 1)))
        score[name] = coverage[taxonomy.occupation_index[welder]]
    assert score["fresh"] > score["self"] > score["old"] > 0


def test_transitions_are_asymmetric(taxonomy, engine, by_label):
    index = taxonomy.occupation_index
    assistant, nurse = (
        index[by_label("nurse assistant")],
        index[by_label("nurse responsible for general care")],
    )
    assert engine.transitions[nurse, assistant] > engine.transitions[assistant, nurse]
    assert engine.transitions.shape == (3039, 3039)


def test_career_steps_exclude_self_and_near_duplicates(taxonomy, engine, by_label):
    origin = by_label("nurse assistant")
    steps = engine.career_steps(occupation_uri=origin, top=20)
    uris = [s.occupation.uri for s in steps]
    assert origin not in uris
    o = taxonomy.occupation_index[origin]
    for uri in uris:
        b = taxonomy.occupation_index[uri]
        assert not (
            engine.transitions[o, b] >= NEAR_DUPLICATE
            and engine.transitions[b, o] >= NEAR_DUPLICATE
        )
    assert steps and all(step.why and step.essential_count for step in steps)


def test_same_or_higher_level_filter(engine, by_label):
    origin = by_label("nurse responsible for general care")
    steps = engine.career_steps(occupation_uri=origin, top=30, same_or_higher_level=True)
    level = engine.skill_level[engine.taxonomy.occupation_index[origin]]
    assert len(steps) == 30
    assert all(
        engine.skill_level[engine.taxonomy.occupation_index[s.occupation.uri]] >= level
        for s in steps
    )


def test_outlook_moves_the_ranking(engine, by_label):
    origin = by_label("nurse assistant")
    neutral = engine.career_steps(occupation_uri=origin, top=5)
    last = neutral[-1].occupation.uri
    outlook = TableOutlook({last: Outlook(1.0, "bottleneck occupation")})
    steps = engine.career_steps(occupation_uri=origin, top=5, outlook=outlook)
    assert [s.occupation.uri for s in steps].index(last) < 4
    assert "bottleneck occupation" in steps[[s.occupation.uri for s in steps].index(last)].why
    with pytest.raises(ValueError, match=r"\[-1, 1\]"):
        TableOutlook({last: Outlook(3.0, "x")})


def test_career_steps_from_a_portfolio(engine, by_label, taxonomy):
    cook = by_label("cook")
    portfolio = Portfolio.from_skills([s.uri for s in taxonomy.skills_of(cook).essential])
    steps = engine.career_steps(portfolio=portfolio, top=10)
    assert cook in [s.occupation.uri for s in steps]


def test_bad_input_is_refused(engine, by_label):
    with pytest.raises(EmptyPortfolio, match=EmptyPortfolio.message):
        engine.match_portfolio(Portfolio.from_skills(["http://example.org/unknown"]))
    with pytest.raises(TopOutOfRange, match="between 1 and 200"):
        engine.match_portfolio(Portfolio.from_skills(["x"]), top=0)
    with pytest.raises(AmbiguousStart) as raised:
        engine.career_steps(top=5)
    assert raised.value.code == "matching.ambiguous_start"
