"""Quality figures on the hand-labelled sets in tests/data, each beside its baseline.

* search: precision at 1 and 3, against a linear rapidfuzz scan of every label; per language,
  for the misspelt and Flemish queries, and for the everyday Dutch skill words;
* text → skills: micro precision and recall, per language, on the project's texts; and
  R-Precision@5/@10 on the public job-ad sentences beside a literal label match and a plain
  encoder ranking, with throughput; the same on their Dutch translation, also beside Koers
  without the Dutch word model (the multilingual encoder alone, as before it);
* career steps: hits@10, hits@20 and MRR, against a plain Jaccard overlap of skill sets.

Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PUBLIC = ROOT.parent / "shared" / "data" / "benchmarks"


def _ranking(score) -> dict[str, float]:
    return {
        "hits_at_10": round(score.hits_at_10, 3),
        "hits_at_20": round(score.hits_at_20, 3),
        "mrr": round(score.mean_reciprocal_rank, 3),
    }


def _dutch_labels(taxonomy) -> dict[str, int]:
    skills = taxonomy.skills
    return {
        "skills": len(skills),
        "official_esco_dutch_label": sum(1 for s in skills if "nl" not in s.own_labels),
        "koers_translation": sum(1 for s in skills if "nl" in s.own_labels),
        "with_everyday_dutch_alternatives": sum(1 for s in skills if s.alternatives("nl")),
    }


def _encoder_speed(extractor, texts, words: int) -> dict[str, int]:
    """Words/s of the English encoder alone over each text's segments (as extraction encodes
    them): the int8 model used, beside the float32 weights as the baseline."""
    from koers.taxonomy import english

    segments = [[s.text for s in extractor.segments(t.text)] for t in texts]
    speed = {}
    for name, precise in (("int8", False), ("float32_baseline", True)):
        english.encode(segments[0], precise=precise)  # load the model outside the timing
        start = time.perf_counter()
        for parts in segments:
            english.encode(parts, precise=precise)
        speed[name] = round(words / (time.perf_counter() - start))
    return speed


def _dutch_public(extractor) -> dict[str, object]:
    """R-Precision on the Dutch translation of the public sentences (tests/data/README.md)."""
    from koers.taxonomy.baselines import encoder_ranking, literal_match
    from koers.taxonomy.evaluation import r_precision, read_benchmark_texts
    from koers.taxonomy.extract import SkillExtractor
    from koers.taxonomy.store import read_label_vectors

    texts = read_benchmark_texts(DATA / "public_job_ad_sentences_nl.jsonl")
    words = sum(len(t.text.split()) for t in texts)
    multilingual_only = SkillExtractor(extractor.taxonomy, read_label_vectors())
    start = time.perf_counter()
    ranked = {t: [s.skill_uri for s in extractor.extract(t.text, lang="nl")] for t in texts}
    seconds = time.perf_counter() - start
    rankings = {
        "ours": ranked,
        "without_dutch_words": {
            t: [s.skill_uri for s in multilingual_only.extract(t.text, lang="nl")] for t in texts
        },
        "literal_baseline": {t: literal_match(extractor, t.text) for t in texts},
        "encoder_baseline": {t: encoder_ranking(extractor, t.text) for t in texts},
    }
    return {
        "texts": len(texts),
        **{
            f"{name}_rp_at_{k}": round(r_precision(texts, ranking.__getitem__, k), 3)
            for name, ranking in rankings.items()
            for k in (5, 10)
        },
        "words_per_second": round(words / seconds),
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from koers.matching import get_engine
    from koers.matching.evaluation import ranking_score, read_transitions
    from koers.matching.reference import jaccard_steps, skill_sets
    from koers.taxonomy import get_extractor, get_searcher
    from koers.taxonomy.baselines import encoder_ranking, literal_match
    from koers.taxonomy.evaluation import (
        extraction_score,
        precision_at,
        r_precision,
        read_benchmark_texts,
        read_queries,
        read_texts,
    )

    searcher, extractor, engine = get_searcher(), get_extractor(), get_engine()
    taxonomy = engine.taxonomy

    queries = read_queries(DATA / "search_queries.csv")
    ours = {
        q: [h.uri for h in searcher.index(q.kind).search(q.query, lang=q.lang)] for q in queries
    }
    linear = {q: [uri for uri, _ in searcher.index(q.kind).linear_scan(q.query)] for q in queries}
    subsets = {
        "all": queries,
        "nl": [q for q in queries if q.lang == "nl"],
        "en": [q for q in queries if q.lang == "en"],
        "occupations": [q for q in queries if q.kind == "occupation"],
        "skills": [q for q in queries if q.kind == "skill"],
        "typo": [q for q in queries if "typo" in q.note],
        "flemish": [q for q in queries if "flemish" in q.note],
        "everyday_dutch_skills": [q for q in queries if "everyday" in q.note],
        "before_everyday_set": [q for q in queries if "everyday" not in q.note],
    }
    search = {
        name: {
            "queries": len(items),
            "p_at_1": round(precision_at(items, ours.__getitem__, 1), 3),
            "p_at_3": round(precision_at(items, ours.__getitem__, 3), 3),
            "linear_scan_p_at_1": round(precision_at(items, linear.__getitem__, 1), 3),
            "linear_scan_p_at_3": round(precision_at(items, linear.__getitem__, 3), 3),
        }
        for name, items in subsets.items()
    }

    texts = read_texts(DATA / "extraction_texts.jsonl")
    extraction = {}
    for name, items in {
        "all": texts,
        "en": [t for t in texts if t.lang == "en"],
        "nl": [t for t in texts if t.lang == "nl"],
    }.items():
        score = extraction_score(
            items, lambda t: [s.skill_uri for s in extractor.extract(t.text, lang=t.lang)]
        )
        extraction[name] = {
            "texts": len(items),
            "precision": round(score.precision, 3),
            "recall": round(score.recall, 3),
            "f1": round(score.f1, 3),
            "predicted": score.predicted,
            "gold_groups": score.gold,
        }

    public = read_benchmark_texts(PUBLIC / "skill_extraction_validation.jsonl")
    words = sum(len(t.text.split()) for t in public)
    start = time.perf_counter()
    ranked = {t: [s.skill_uri for s in extractor.extract(t.text, lang="en")] for t in public}
    seconds = time.perf_counter() - start
    literal = {t: literal_match(extractor, t.text) for t in public}
    plain = {t: encoder_ranking(extractor, t.text) for t in public}
    extraction["public_job_ad_sentences"] = {
        "texts": len(public),
        **{
            f"{name}_rp_at_{k}": round(r_precision(public, ranking.__getitem__, k), 3)
            for name, ranking in (
                ("ours", ranked),
                ("literal_baseline", literal),
                ("encoder_baseline", plain),
            )
            for k in (5, 10)
        },
        "words_per_second": round(words / seconds),
        "encoder_words_per_second": _encoder_speed(extractor, public, words),
    }

    extraction["public_job_ad_sentences_dutch"] = _dutch_public(extractor)

    transitions = read_transitions(DATA / "career_transitions.csv")
    sets = skill_sets(taxonomy)
    recommender = ranking_score(
        transitions,
        lambda o: [m.occupation.uri for m in engine.career_steps(occupation_uri=o, top=100)],
    )
    jaccard = ranking_score(
        transitions,
        lambda o: [
            taxonomy.occupations[i].uri
            for i in jaccard_steps(taxonomy.occupation_index[o], sets, 100)
        ],
    )
    print(
        json.dumps(
            {
                "benchmark": "quality",
                "search": search,
                "dutch_labels": _dutch_labels(taxonomy),
                "extraction": extraction,
                "career_steps": {
                    "transitions": len(transitions),
                    "recommender": _ranking(recommender),
                    "jaccard_baseline": _ranking(jaccard),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
