"""The learning path: exact set cover beats greedy where greedy is not optimal."""

from __future__ import annotations

import random

import numpy as np

from koers.training.model import Catalogue
from koers.training.path import exact_cover, greedy_cover, harmonic, learning_path
from koers.training.recommend import CatalogueIndex, Incentive
from koers.training.synthetic import synthetic_catalogue
from tests.training.conftest import course

S = [f"http://data.europa.eu/esco/skill/s{i}" for i in range(6)]


def greedy_trap() -> Catalogue:
    """Greedy takes the big course first (lowest cost per skill: 2.0), then two fillers
    (20 in all); the optimum is the two halves (14)."""
    return Catalogue(
        (
            course("big", S[0:4], cost=8.0),  # 2 per skill
            course("left", [S[0], S[1], S[4]], cost=7.0),  # 2.33 per skill
            course("right", [S[2], S[3], S[5]], cost=7.0),
            course("fill4", [S[4]], cost=6.0),
            course("fill5", [S[5]], cost=6.0),
        ),
        source="test",
    )


def test_exact_cover_is_optimal_where_greedy_is_not():
    path = learning_path(CatalogueIndex(greedy_trap()), S, eur_per_hour=0)
    assert path.method == "exact" and path.bound == 1.0
    assert sorted(path.course_ids) == ["left", "right"]
    assert path.cost == 14.0
    assert sorted(path.greedy_course_ids) == ["big", "fill4", "fill5"]
    assert path.greedy_weight == 20.0 and path.weight < path.greedy_weight
    assert set(path.covered) == set(S) and path.uncovered == ()


def test_fallback_to_greedy_states_its_bound():
    path = learning_path(CatalogueIndex(greedy_trap()), S, eur_per_hour=0, exact_limit=1)
    assert path.method == "greedy"
    assert path.cost == 20.0
    assert path.bound == harmonic(4)


def test_uncovered_skills_and_taken_courses():
    index = CatalogueIndex(greedy_trap())
    gap = [*S, "http://data.europa.eu/esco/skill/nobody-teaches"]
    path = learning_path(index, gap, taken={"left"}, eur_per_hour=0)
    assert path.uncovered == ("http://data.europa.eu/esco/skill/nobody-teaches",)
    assert "left" not in path.course_ids
    assert sorted(path.course_ids) == ["big", "fill4", "fill5"] and path.cost == 20.0


def test_incentives_change_the_cheapest_path():
    index = CatalogueIndex(
        Catalogue(
            (
                course("cheap", [S[0]], cost=100.0),
                course("dear", [S[0]], cost=150.0, recognised_for=("opleidingscheques",)),
            ),
            source="test",
        )
    )
    assert learning_path(index, [S[0]]).course_ids == ("cheap",)
    cheques = Incentive("opleidingscheques", "opleidingscheques", 0.5, None)
    path = learning_path(index, [S[0]], incentives=[cheques])
    assert path.course_ids == ("dear",) and path.cost == 75.0


def test_exact_never_worse_than_greedy_on_seeded_catalogues():
    rng = random.Random(11)
    skills = [f"http://data.europa.eu/esco/skill/x{i}" for i in range(200)]
    groups = [rng.sample(skills, 25) for _ in range(20)]
    index = CatalogueIndex(synthetic_catalogue(groups, courses=2000, seed=2))
    for _ in range(10):
        gap = rng.sample(rng.choice(groups), 15)
        path = learning_path(index, gap)
        assert path.weight <= path.greedy_weight + 1e-6
        assert not path.uncovered
        taught = {s for cid in path.course_ids for s in index.catalogue.by_id[cid].skills}
        assert set(gap) <= taught


def test_solvers_on_a_matrix():
    matrix = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=bool)
    weights = np.array([1.0, 1.0, 1.0, 2.5])
    assert sorted(greedy_cover(matrix, weights)) in ([0, 1], [0, 2], [1, 2])
    assert exact_cover(matrix, weights, time_limit_s=5) in ([0, 1], [0, 2], [1, 2])
