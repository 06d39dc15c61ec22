"""Text → skills on public human-labelled job-ad sentences (Decorte et al., see
../shared/data/benchmarks/README.md), beside two baselines computed in the same run."""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.taxonomy.baselines import encoder_ranking, literal_match
from koers.taxonomy.evaluation import r_precision, read_benchmark_texts
from koers.taxonomy.extract import SkillExtractor
from koers.taxonomy.store import read_label_vectors
from tests.conftest import DATA

BENCHMARK = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "benchmarks"
    / "skill_extraction_validation.jsonl"
)
pytestmark = pytest.mark.skipif(not BENCHMARK.exists(), reason="shared benchmarks not present")


def test_ranked_extraction_beats_both_baselines_on_public_sentences(extractor):
    texts = read_benchmark_texts(BENCHMARK)
    assert len(texts) == 136
    ours = {t: [s.skill_uri for s in extractor.extract(t.text, lang="en")] for t in texts}
    literal = {t: literal_match(extractor, t.text) for t in texts}
    plain = {t: encoder_ranking(extractor, t.text) for t in texts}
    figures = {
        name: r_precision(texts, ranking.__getitem__, 5)
        for name, ranking in (("ours", ours), ("literal", literal), ("encoder", plain))
    }
    assert figures["ours"] >= 0.52, figures
    assert figures["ours"] > figures["encoder"] + 0.1, figures
    assert figures["ours"] > figures["literal"] + 0.2, figures
    assert r_precision(texts, ours.__getitem__, 10) >= 0.6
    for ranked in ours.values():
        assert len(ranked) == 10


def test_dutch_word_model_lifts_extraction_on_the_dutch_translation(extractor, taxonomy):
    """The same public sentences in Dutch (tests/data/public_job_ad_sentences_nl.jsonl): the
    Dutch word model beside the multilingual encoder beats that encoder alone in the same
    pipeline, and both baselines."""
    texts = read_benchmark_texts(DATA / "public_job_ad_sentences_nl.jsonl")
    assert len(texts) == 136
    multilingual_only = SkillExtractor(taxonomy, read_label_vectors())

    def ranked(engine):
        return {t: [s.skill_uri for s in engine.extract(t.text, lang="nl")] for t in texts}

    rankings = {
        "ours": ranked(extractor),
        "multilingual_only": ranked(multilingual_only),
        "literal": {t: literal_match(extractor, t.text) for t in texts},
        "encoder": {t: encoder_ranking(extractor, t.text) for t in texts},
    }
    figures = {name: r_precision(texts, r.__getitem__, 5) for name, r in rankings.items()}
    assert figures["ours"] >= 0.52, figures
    assert figures["ours"] > figures["multilingual_only"] + 0.08, figures
    assert figures["ours"] > figures["encoder"] + 0.15, figures
    assert figures["ours"] > figures["literal"] + 0.25, figures
