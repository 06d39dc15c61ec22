"""The signals career steps combine (koers/matching/relatedness.py)."""

from __future__ import annotations

import numpy as np

from koers.matching.relatedness import FEATURES, WEIGHTS, Relatedness


def test_signals_are_standardised_per_origin(engine, taxonomy):
    origin = taxonomy.occupation_index[taxonomy.occupations[0].uri]
    features = engine.relatedness.features(origin)
    assert features.shape == (len(taxonomy.occupations), len(FEATURES))
    assert len(WEIGHTS) == len(FEATURES)
    assert np.allclose(features.mean(axis=0), 0, atol=1e-3)
    assert np.allclose(features.std(axis=0), 1, atol=1e-3)
    similarity = engine.relatedness.similarity(origin)
    assert ((similarity > 0) & (similarity < 1)).all()


def test_names_bring_jobs_with_related_names_together(engine, by_label, taxonomy):
    """How people name a job is a signal of its own: a nurse's names are nearer a midwife's
    than a welder's."""
    nurse, midwife, welder = (
        taxonomy.occupation_index[by_label(label)]
        for label in ("nurse responsible for general care", "midwife", "welder")
    )
    names = engine.relatedness.features(nurse)[:, FEATURES.index("names")]
    assert names[midwife] > names[welder] + 1


def test_without_text_vectors_only_the_taxonomy_signals_count(taxonomy):
    relatedness = Relatedness(taxonomy, None)
    features = relatedness.features(0)
    text = [FEATURES.index(name) for name in ("description", "skills", "names")]
    assert not features[:, text].any()
    assert features[:, FEATURES.index("hierarchy")].std() > 0.99
