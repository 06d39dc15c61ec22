"""Vacancy matching for one portfolio or one vacancy reuses the batch code: the same scores as
the dense reference, the exact top K, counts and words instead of scores."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from koers.batch.personal import (
    ResultCountOutOfRange,
    VacancyMatcher,
    VacancySkillUnknown,
    VacancyWithoutSkills,
    candidates_for_vacancy,
    fit_word,
    portfolio_table,
)
from koers.batch.vacancies import VacancyIndex, brute_force_scores, seeker_strengths
from koers.population.demo import demo_population
from koers.portfolio.model import Portfolio, SkillClaim, ValidationLevel

TODAY = date(2026, 11, 1)
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"


@pytest.fixture(scope="module")
def population():
    return demo_population(citizens=500, vacancies=300, seed=3, today=TODAY)


@pytest.fixture(scope="module")
def nursing(engine):
    return [s.uri for s in engine.taxonomy.skills_of(NURSE_ASSISTANT).essential]


def test_the_demo_population_is_synthetic_seeded_and_built_once(population):
    assert population.label == "synthetic" and "synthetic" in population.source
    assert demo_population(citizens=500, vacancies=300, seed=3, today=TODAY) is population
    other = demo_population(citizens=500, vacancies=300, seed=4, today=TODAY)
    assert other.citizens.column("age") != population.citizens.column("age")


def test_a_portfolios_vacancies_are_the_exact_top_of_the_dense_scores(engine, population, nursing):
    portfolio = Portfolio(
        claims=tuple(
            SkillClaim(skill_uri=u, validation=ValidationLevel.CONFIRMED, last_used=TODAY)
            for u in nursing[:10]
        )
    )
    matcher = VacancyMatcher(
        population.vacancies,
        skill_uris=population.skill_uris,
        specificity=engine.specificity,
        synthetic=True,
    )
    found = matcher.for_portfolio(portfolio, today=TODAY, top=8)
    index = VacancyIndex.build(
        population.vacancies,
        skill_map=np.arange(len(population.skill_uris), dtype=np.int32),
        specificity=engine.specificity,
        skill_uris=population.skill_uris,
    )
    held = seeker_strengths(
        portfolio_table([(0, portfolio)], matcher.skill_index),
        skill_map=np.arange(len(population.skill_uris), dtype=np.int32),
        n_skills=len(population.skill_uris),
        today=TODAY,
    )
    scores = brute_force_scores(held, index)[0]
    order = np.lexsort((np.arange(len(scores)), -scores))[:8]
    assert [r.vacancy_id for r in found] == [int(index.vacancy_ids[i]) for i in order]
    assert [r.rank for r in found] == list(range(1, 9))
    for row in found:
        assert row.synthetic and row.matched_count >= 1
        assert row.required_count == row.matched_count + len(row.missing_skills)
        assert set(row.matched_skills) <= set(nursing[:10])
        assert row.fit == fit_word(row.matched_count, row.required_count)
    brussels = matcher.for_portfolio(portfolio, today=TODAY, top=5, region="Brussels")
    assert brussels and {r.region for r in brussels} == {"Brussels"}


def test_candidates_for_a_vacancy_best_first_with_counts(engine, nursing):
    uris = tuple(s.uri for s in engine.taxonomy.skills)
    people = [
        (7, Portfolio.from_skills(nursing[:2])),
        (3, Portfolio.from_skills(nursing[:6])),
        (5, Portfolio.from_skills(["http://data.europa.eu/esco/skill/not-in-esco"])),
    ]
    found = candidates_for_vacancy(
        nursing[:6], people, skill_uris=uris, specificity=engine.specificity, today=TODAY
    )
    assert [(c.citizen_id, c.matched_count, c.required_count) for c in found] == [
        (3, 6, 6),
        (7, 2, 6),
    ]
    assert [c.fit for c in found] == ["strong", "weak"]
    assert found[1].missing_skills and not found[0].missing_skills


def test_vacancy_errors(engine, nursing):
    uris = tuple(s.uri for s in engine.taxonomy.skills)
    kwargs = {"skill_uris": uris, "specificity": engine.specificity, "today": TODAY}
    with pytest.raises(VacancyWithoutSkills):
        candidates_for_vacancy([], [], **kwargs)
    with pytest.raises(VacancySkillUnknown):
        candidates_for_vacancy(["http://example.org/skill"], [], **kwargs)
    with pytest.raises(ResultCountOutOfRange):
        candidates_for_vacancy(nursing[:2], [], top=0, **kwargs)
    assert candidates_for_vacancy(nursing[:2], [], **kwargs) == []
