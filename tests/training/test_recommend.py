"""The recommender ranks by gap coverage, then preferences, cost after incentives, duration,
and leaves out courses already taken; the fast index agrees with a plain scan."""

from __future__ import annotations

import random

import pytest

from koers.training.model import Catalogue, Mode
from koers.training.recommend import (
    CatalogueIndex,
    EmptyGap,
    Incentive,
    LimitOutOfRange,
    Preferences,
    recommend,
)
from koers.training.synthetic import synthetic_catalogue
from tests.training.conftest import A, B, C, D, course

CHEQUES = Incentive("opleidingscheques", "opleidingscheques", 0.5, 125.0)


def test_ranked_by_coverage_first(small_catalogue):
    result = recommend(CatalogueIndex(small_catalogue), [A, B, C])
    assert [r.course_id for r in result][:1] == ["three"]
    assert [len(r.covers) for r in result] == sorted((len(r.covers) for r in result), reverse=True)
    assert "other" not in {r.course_id for r in result}  # teaches nothing of the gap
    assert result[0].covers == (A, B, C)


def test_courses_already_taken_are_left_out(small_catalogue):
    index = CatalogueIndex(small_catalogue)
    result = recommend(index, [A, B, C], taken={"three", "unknown-id"})
    assert "three" not in {r.course_id for r in result}
    assert result[0].course_id in {"two", "online"}


def test_incentive_lowers_the_cost_up_to_its_cap(small_catalogue):
    result = recommend(CatalogueIndex(small_catalogue), [A, B, C], incentives=[CHEQUES])
    top = result[0]
    assert top.course_id == "three" and top.cost == 900
    assert top.cost_after_incentives == 900 - 125 and top.incentive == "opleidingscheques"
    others = [r for r in result if r.course_id != "three"]
    assert all(r.cost_after_incentives == r.cost and r.incentive == "" for r in others)


def test_preferred_mode_breaks_a_tie_in_coverage(small_catalogue):
    index = CatalogueIndex(small_catalogue)
    plain = recommend(index, [A, B])
    assert [r.course_id for r in plain][:2] == ["online", "two"]  # same, then by id
    prefer = recommend(index, [A, B], preferences=Preferences(modes=(Mode.CLASSROOM,)))
    assert [r.course_id for r in prefer][:2] == ["two", "three"]


def test_region_preference_counts_online_courses_as_fitting():
    catalogue = Catalogue(
        (
            course("far", [A], cost=10, region="limburg"),
            course("near", [A], cost=20, region="antwerpen"),
            course("web", [A], cost=30, mode=Mode.ONLINE),
        ),
        source="test",
    )
    prefs = Preferences(region="antwerpen")
    result = recommend(CatalogueIndex(catalogue), [A], preferences=prefs, lang="en")
    assert [r.course_id for r in result] == ["near", "web", "far"]
    assert result[0].why.endswith("in Antwerp. Fits your region.")
    assert not result[2].why.endswith("Fits your region.")


def test_why_is_in_dutch_and_english(small_catalogue):
    index = CatalogueIndex(small_catalogue)
    labels = {A: "lassen", B: "solderen", C: "boren"}
    nl = recommend(index, [A, B, C], labels=labels, incentives=[CHEQUES], lang="nl")[0]
    en = recommend(index, [A, B, C], labels=labels, incentives=[CHEQUES], lang="en")[0]
    assert nl.why.startswith("Leert 3 van je 3 ontbrekende competenties: lassen, solderen, boren.")
    assert "€775 na opleidingscheques" in nl.why
    assert en.why.startswith("Teaches 3 of your 3 missing skills")
    assert "€775 after opleidingscheques (instead of €900)" in en.why


def test_bad_requests_are_refused(small_catalogue):
    index = CatalogueIndex(small_catalogue)
    with pytest.raises(EmptyGap):
        recommend(index, [])
    with pytest.raises(LimitOutOfRange):
        recommend(index, [A], limit=0)
    assert recommend(index, ["http://example.org/not-taught"]) == []


def _plain_scan(catalogue, gap, incentives, taken, limit):
    gap_set = set(gap)
    rows = []
    for c in catalogue.courses:
        covers = gap_set & set(c.skills)
        if not covers or c.course_id in taken:
            continue
        discount = max(
            [i.discount(c.cost_eur) for i in incentives if i.incentive_id in c.recognised_for],
            default=0.0,
        )
        rows.append((-len(covers), c.cost_eur - discount, c.duration_hours, c.course_id))
    rows.sort()
    return [r[3] for r in rows[:limit]]


def test_index_agrees_with_a_plain_scan_on_seeded_data():
    rng = random.Random(3)
    skills = [f"http://data.europa.eu/esco/skill/s{i}" for i in range(300)]
    groups = [rng.sample(skills, 20) for _ in range(40)]
    catalogue = synthetic_catalogue(groups, courses=3000, seed=5)
    index = CatalogueIndex(catalogue)
    for _ in range(20):
        gap = rng.sample(rng.choice(groups), 12)
        taken = {f"SYN-{rng.randint(1, 3000):06d}" for _ in range(5)}
        got = [r.course_id for r in recommend(index, gap, incentives=[CHEQUES], taken=taken)]
        assert got == _plain_scan(catalogue, gap, [CHEQUES], taken, 10)


def test_a_course_teaching_unrelated_skills_only_is_never_recommended(small_catalogue):
    result = recommend(CatalogueIndex(small_catalogue), [D], limit=5)
    assert [r.course_id for r in result] == ["other"]
    assert result[0].covers == (D,)
