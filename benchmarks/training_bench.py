"""Training recommender: recommendations for 20-skill gaps over a 50,000-course SYNTHETIC
catalogue (p50/p99 latency) beside a plain Python scan of the catalogue in the same run, and
the learning path's cost (exact set cover) against greedy set cover on the same gaps.
Prints one JSON object."""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COURSES = 50_000
GAP_SIZE = 20
GAPS = 300
PATH_GAPS = 100


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def plain_scan(catalogue, gap, incentives, limit=10):
    """The obvious baseline: look at every course."""
    gap_set = set(gap)
    rows = []
    for c in catalogue.courses:
        covers = gap_set.intersection(c.skills)
        if not covers:
            continue
        discount = max(
            [i.discount(c.cost_eur) for i in incentives if i.incentive_id in c.recognised_for],
            default=0.0,
        )
        rows.append((-len(covers), c.cost_eur - discount, c.duration_hours, c.course_id))
    rows.sort()
    return [r[3] for r in rows[:limit]]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from koers.taxonomy import get_taxonomy
    from koers.training.path import learning_path
    from koers.training.recommend import CatalogueIndex, Incentive, recommend
    from koers.training.synthetic import synthetic_catalogue

    taxonomy = get_taxonomy()
    groups = [[s.uri for s in taxonomy.skills_of(o.uri).essential] for o in taxonomy.occupations]
    groups = [g for g in groups if g]
    started = time.perf_counter()
    catalogue = synthetic_catalogue(groups, courses=COURSES, seed=13)
    generated_s = time.perf_counter() - started
    started = time.perf_counter()
    index = CatalogueIndex(catalogue)
    index_s = time.perf_counter() - started
    incentives = [
        Incentive("opleidingscheques", "opleidingscheques", 0.5, 125.0),
        Incentive("kmo_portefeuille", "KMO-portefeuille", 0.2, None),
    ]
    rng = random.Random(5)
    wide = [g for g in groups if len(g) >= GAP_SIZE]
    gaps = [rng.sample(rng.choice(wide), GAP_SIZE) for _ in range(GAPS)]
    recommend(index, gaps[0], incentives=incentives)
    fast, slow, agree = [], [], 0
    for gap in gaps:
        t = time.perf_counter()
        got = recommend(index, gap, incentives=incentives, limit=10)
        fast.append(time.perf_counter() - t)
        t = time.perf_counter()
        expected = plain_scan(catalogue, gap, incentives)
        slow.append(time.perf_counter() - t)
        agree += [r.course_id for r in got] == expected
    path_times, exact_costs, greedy_costs, methods = [], [], [], []
    for gap in gaps[:PATH_GAPS]:
        t = time.perf_counter()
        path = learning_path(index, gap, incentives=incentives)
        path_times.append(time.perf_counter() - t)
        exact_costs.append(path.weight)
        greedy_costs.append(path.greedy_weight)
        methods.append(path.method)
    improved = sum(e < g - 1e-6 for e, g in zip(exact_costs, greedy_costs, strict=True))
    ratios = [g / e for e, g in zip(exact_costs, greedy_costs, strict=True) if e > 0]
    ms = 1000.0
    print(
        json.dumps(
            {
                "catalogue": {
                    "courses": len(catalogue),
                    "skills_taught": len(index.skill_index),
                    "synthetic": True,
                    "generated_s": round(generated_s, 2),
                    "index_s": round(index_s, 2),
                },
                "recommend": {
                    "gaps": len(gaps),
                    "gap_size": GAP_SIZE,
                    "p50_ms": round(percentile(fast, 0.5) * ms, 2),
                    "p99_ms": round(percentile(fast, 0.99) * ms, 2),
                    "max_ms": round(max(fast) * ms, 2),
                },
                "plain_scan": {
                    "p50_ms": round(percentile(slow, 0.5) * ms, 2),
                    "p99_ms": round(percentile(slow, 0.99) * ms, 2),
                },
                "speedup_p50": round(percentile(slow, 0.5) / percentile(fast, 0.5), 1),
                "same_top10_as_plain_scan": f"{agree}/{len(gaps)}",
                "learning_path": {
                    "gaps": len(exact_costs),
                    "methods": {m: methods.count(m) for m in sorted(set(methods))},
                    "mean_cost_exact": round(statistics.mean(exact_costs), 2),
                    "mean_cost_greedy": round(statistics.mean(greedy_costs), 2),
                    "greedy_over_exact_mean": round(statistics.mean(ratios), 4),
                    "greedy_over_exact_max": round(max(ratios), 4),
                    "gaps_where_exact_is_cheaper": improved,
                    "p50_ms": round(percentile(path_times, 0.5) * ms, 1),
                    "p99_ms": round(percentile(path_times, 0.99) * ms, 1),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
