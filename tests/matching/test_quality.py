"""The career-step recommender against a plain Jaccard baseline on hand-curated transitions
(tests/data/career_transitions.csv: 51 moves a career counsellor would call plausible, each
with its reasoning)."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict

import pytest

from koers.market.forecast_inputs import prepare
from koers.market.occupation_outlook import MarketOutlook
from koers.market.sources import market_data
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
    assert ours.hits_at_10 >= 0.76 and ours.hits_at_20 >= 0.9
    assert ours.hits_at_20 > baseline.hits_at_20
    assert ours.mean_reciprocal_rank > baseline.mean_reciprocal_rank


ONET = DATA.parents[2] / "shared" / "data" / "benchmarks" / "onet_transitions_esco_dev.csv.gz"


@pytest.mark.skipif(not ONET.exists(), reason="shared benchmarks not present")
def test_career_steps_beat_jaccard_on_expert_related_occupations(engine, taxonomy):
    """O*NET Primary-Short related occupations (public, mapped to ESCO): recall@20 of the
    similarity alone and of the ranking users get (with the market outlook), beside Jaccard."""
    index = taxonomy.occupation_index
    targets: dict[str, set[str]] = defaultdict(set)
    with gzip.open(ONET, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["tier"] == "Primary-Short" and {row["from_esco_uri"], row["to_esco_uri"]} <= set(
                index
            ):
                targets[row["from_esco_uri"]].add(row["to_esco_uri"])
    assert len(targets) > 300
    sets = skill_sets(taxonomy)

    def recall(ranked) -> float:
        found = [
            len(set(ranked(o)[:20]) & set(sorted(t)[:20])) / len(sorted(t)[:20])
            for o, t in targets.items()
        ]
        return sum(found) / len(found)

    data = market_data()
    outlook = MarketOutlook(taxonomy, data, prepare(data))
    alone = recall(
        lambda o: [m.occupation.uri for m in engine.career_steps(occupation_uri=o, top=20)]
    )
    users = recall(
        lambda o: [
            m.occupation.uri for m in engine.career_steps(occupation_uri=o, top=20, outlook=outlook)
        ]
    )
    jaccard = recall(
        lambda o: [taxonomy.occupations[i].uri for i in jaccard_steps(index[o], sets, 20)]
    )
    assert alone >= 0.45 and users >= 0.45, (alone, users)
    assert alone > jaccard + 0.12 and users > jaccard + 0.12, (alone, users, jaccard)
