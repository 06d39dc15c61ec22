"""Benchmark the matching engine. Prints one JSON object.

* one portfolio against all 3,039 occupations (one sparse product) against two pure-Python
  baselines in the same run: the same weighted coverage written as Python loops, and the
  cheapest unweighted overlap Python offers (C-level set intersections);
* top-10 career steps with gaps (precomputed transitions) against the Jaccard baseline;
* building the engine (all-pairs transitions) and its memory.

Portfolios are drawn with a fixed seed: 30 skills from one random occupation's profile plus
10 random skills, so they resemble real people rather than noise.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": 1000 * ordered[len(ordered) // 2],
        "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from koers.matching.engine import MatchingEngine
    from koers.matching.pathways import PathwayPlanner
    from koers.matching.reference import (
        jaccard_steps,
        set_overlap_scores,
        skill_sets,
        weighted_coverage,
        weighted_requirements,
    )
    from koers.portfolio.model import Portfolio
    from koers.taxonomy import get_taxonomy

    taxonomy = get_taxonomy()
    builds, peak = [], 0
    for attempt in range(3):
        if attempt == 0:
            tracemalloc.start()
        start = time.perf_counter()
        engine = MatchingEngine(taxonomy)
        builds.append(time.perf_counter() - start)
        if attempt == 0:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    start = time.perf_counter()
    PathwayPlanner(engine)
    planner_build = time.perf_counter() - start

    rng = random.Random(7)
    all_skills = [s.uri for s in taxonomy.skills]
    portfolios = []
    for _ in range(200):
        occupation = rng.choice(taxonomy.occupations)
        own = [s.uri for s in taxonomy.skills_of(occupation.uri).essential]
        portfolios.append(
            Portfolio.from_skills(rng.sample(own, min(30, len(own))) + rng.sample(all_skills, 10))
        )

    sets = skill_sets(taxonomy)
    strengths = [engine.strengths(p) for p in portfolios]
    engine.coverage(strengths[0])
    sparse_times, baseline_times = [], []
    for _ in range(5):
        for vector in strengths:
            start = time.perf_counter()
            engine.coverage(vector)
            sparse_times.append(time.perf_counter() - start)
    for portfolio in portfolios[:50]:
        held = set(portfolio.skill_uris)
        start = time.perf_counter()
        set_overlap_scores(held, sets)
        baseline_times.append(time.perf_counter() - start)
    requirements = weighted_requirements(taxonomy, engine.specificity.tolist())
    weighted_times = []
    for portfolio, vector in zip(portfolios[:20], strengths[:20], strict=True):
        held_strength = {
            uri: float(vector[taxonomy.skill_index[uri]]) for uri in portfolio.skill_uris
        }
        start = time.perf_counter()
        weighted_coverage(held_strength, requirements)
        weighted_times.append(time.perf_counter() - start)

    origins = [rng.choice(taxonomy.occupations).uri for _ in range(200)]
    step_times, jaccard_times = [], []
    for uri in origins:
        start = time.perf_counter()
        engine.career_steps(occupation_uri=uri, top=10)
        step_times.append(time.perf_counter() - start)
    for uri in origins[:30]:
        start = time.perf_counter()
        jaccard_steps(taxonomy.occupation_index[uri], sets, 10)
        jaccard_times.append(time.perf_counter() - start)

    match_ours, match_base = _percentiles(sparse_times), _percentiles(baseline_times)
    match_weighted = _percentiles(weighted_times)
    print(
        json.dumps(
            {
                "benchmark": "matching",
                "occupations": len(taxonomy.occupations),
                "portfolio_vs_all_occupations": {
                    "engine": match_ours,
                    "python_weighted_coverage_baseline": match_weighted,
                    "p50_speedup_vs_weighted_coverage": match_weighted["p50_ms"]
                    / match_ours["p50_ms"],
                    "python_set_intersection_baseline": match_base,
                    "p50_speedup_vs_set_intersection": match_base["p50_ms"] / match_ours["p50_ms"],
                },
                "career_steps_top10_with_gaps": {
                    "engine": _percentiles(step_times),
                    "python_jaccard_baseline": _percentiles(jaccard_times),
                },
                "engine_build_all_pairs_s_median": statistics.median(builds),
                "engine_build_peak_python_mb": peak / 1e6,
                "engine_matrices_mb": engine.memory_bytes() / 1e6,
                "pathway_graph_build_s": planner_build,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
