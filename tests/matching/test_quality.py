"""The career-step recommender against a plain Jaccard baseline on hand-curated transitions
(tests/data/career_transitions.csv: 51 moves a career counsellor would call plausible, each
with its reasoning)."""

from __future__ import annotations

from koers.matching.evaluation import ranking_score, read_transitions
from koers.matching.reference import jaccard_steps, skill_sets
from tests.conftest import DATA


def test_recommender_beats_jaccard_baseline(engine, taxonomy):
    transitions = read_transitions(DATA / "career_transitions.csv")
    assert len(transitions) >= 40
    sets = skill_sets(taxonomy)
    ours = ranking_score(
        transitions,
        lambda origin: [
            m.occupation.uri for m in engine.career_steps(occupation_uri=origin, top=100)
        ],
    )
    baseline = ranking_score(
        transitions,
        lambda origin: [
            taxonomy.occupations[i].uri
            for i in jaccard_steps(taxonomy.occupation_index[origin], sets, 100)
        ],
    )
    assert ours.hits_at_10 >= baseline.hits_at_10
    assert ours.hits_at_20 > baseline.hits_at_20
    assert ours.mean_reciprocal_rank > baseline.mean_reciprocal_rank
