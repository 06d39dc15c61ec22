"""Competence checks: citizen check latency and organisation check time for 5,000 employees,
each beside a plain baseline in the same run (matching the portfolio against every occupation).
Prints one JSON object."""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from koers.checks.citizen import citizen_check
    from koers.checks.organisation import organisation_check, read_strategy, read_workforce
    from koers.matching import get_engine
    from koers.portfolio.model import Portfolio, SkillClaim

    engine = get_engine()
    taxonomy = engine.taxonomy
    rng = random.Random(7)
    today = date(2026, 11, 25)
    portfolios = []
    for _ in range(200):
        occupation = rng.choice(taxonomy.occupations)
        skills = [s.uri for s in taxonomy.skills_of(occupation.uri).essential]
        held = rng.sample(skills, k=max(1, len(skills) // 2))
        claims = tuple(
            SkillClaim(u, last_used=today - timedelta(days=rng.randint(0, 4000))) for u in held
        )
        aspiration = rng.choice(taxonomy.occupations).uri
        portfolios.append(
            Portfolio(claims=claims, occupation=occupation.uri, aspirations=(aspiration,))
        )
    citizen_check(portfolios[0], engine=engine, today=today)
    check, baseline = [], []
    for portfolio in portfolios:
        start = time.perf_counter()
        citizen_check(portfolio, engine=engine, today=today)
        check.append(time.perf_counter() - start)
        start = time.perf_counter()
        engine.match_portfolio(portfolio, top=20, today=today)
        baseline.append(time.perf_counter() - start)
    check.sort()
    baseline.sort()

    occupations = rng.sample(taxonomy.occupations, 60)
    rows = [
        {
            "employee_ref": f"E{i}",
            "occupation": rng.choice(occupations).uri,
            "skills": "",
            "age_band": rng.choice(["<30", "30-39", "40-49", "50-59", "60+"]),
            "education_level": rng.choice(["low", "medium", "high"]),
            "last_training": rng.choice(["", "2025-05-01", "2021-01-01"]),
        }
        for i in range(5000)
    ]
    strategy_rows = [
        {"target_kind": "occupation", "target_uri": o.uri, "needed": "20", "horizon_year": "2028"}
        for o in occupations[:5]
    ]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        staff = read_workforce(rows, file="workforce.csv", engine=engine)
        strategy = read_strategy(strategy_rows, file="strategy.csv", engine=engine)
        organisation_check(staff, strategy, engine=engine, today=today)
        times.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "benchmark": "checks",
                "citizen_check": {
                    "portfolios": len(portfolios),
                    "p50_ms": round(1000 * check[len(check) // 2], 2),
                    "p99_ms": round(1000 * check[int(len(check) * 0.99) - 1], 2),
                    "baseline_match_all_occupations_p50_ms": round(
                        1000 * baseline[len(baseline) // 2], 2
                    ),
                },
                "organisation_check_5000_employees_s": {
                    "median": round(statistics.median(times), 3),
                    "runs": [round(t, 3) for t in times],
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
