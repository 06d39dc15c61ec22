"""Fit the weights of career-step relatedness (koers/matching/relatedness.py) on expert pairs.

Expert-curated related occupations (O*NET Primary-Short, mapped to ESCO; ../shared/data/
benchmarks) as positives, 60 sampled close non-targets per source as negatives (from the 300
closest by Jaccard plus description); a logistic model on the standardised signals. Reports
recall@20 under 5-fold cross-validation over source occupations (the held-out figure) of the
ranking the engine returns, alone and with the market outlook as users get it; the weights and
intercept refitted on all sources; and Jaccard's recall on the same pairs. Prints one JSON
object.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import optimize

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT.parent / "shared" / "data" / "benchmarks" / "onet_transitions_esco_dev.csv.gz"
NEGATIVES = 60
CLOSE = 300


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from koers.market.forecast_inputs import prepare
    from koers.market.occupation_outlook import MarketOutlook
    from koers.market.sources import market_data
    from koers.matching import get_engine
    from koers.matching.reference import jaccard_steps, skill_sets
    from koers.matching.relatedness import FEATURES

    engine = get_engine()
    taxonomy = engine.taxonomy
    relatedness = engine.relatedness
    index = taxonomy.occupation_index
    targets: dict[int, set[int]] = defaultdict(set)
    with gzip.open(PAIRS, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["tier"] == "Primary-Short" and {row["from_esco_uri"], row["to_esco_uri"]} <= set(
                index
            ):
                targets[index[row["from_esco_uri"]]].add(index[row["to_esco_uri"]])
    sources = sorted(targets)
    wanted = {a: set(sorted(targets[a])[:20]) for a in sources}
    features = {a: relatedness.features(a) for a in sources}
    skills = taxonomy.link_matrix(np.ones(len(taxonomy.link_skill))).tocsr()
    skill_count = np.asarray(skills.sum(axis=1)).ravel()
    description = FEATURES.index("description")

    def close(a: int) -> np.ndarray:
        """The occupations nearest to a by Jaccard plus description, each standardised."""
        shared = np.asarray((skills @ skills[a].T).todense()).ravel()
        jaccard = shared / np.maximum(skill_count + skill_count[a] - shared, 1)
        key = (jaccard - jaccard.mean()) / jaccard.std() + features[a][:, description]
        return np.argsort(-key)[:CLOSE]

    pools = {a: close(a) for a in sources}

    def fit(chosen) -> tuple[np.ndarray, float]:
        rng = np.random.default_rng(0)
        rows, labels = [], []
        for a in chosen:
            f = features[a]
            negatives = [c for c in pools[a] if c not in targets[a] and c != a]
            negatives = rng.choice(negatives, min(NEGATIVES, len(negatives)), replace=False)
            rows += [f[p] for p in targets[a]] + [f[n] for n in negatives]
            labels += [1] * len(targets[a]) + [0] * len(negatives)
        x, y = np.array(rows), np.array(labels)

        def loss(w: np.ndarray) -> float:
            z = x @ w[:-1] + w[-1]
            return float(np.mean(np.logaddexp(0, z) - y * z) + 1e-3 * np.sum(w[:-1] ** 2))

        w = optimize.minimize(loss, np.zeros(x.shape[1] + 1), method="L-BFGS-B").x
        return w[:-1], float(w[-1])

    data = market_data()
    outlook = MarketOutlook(taxonomy, data, prepare(data))

    def recall(chosen, with_outlook: bool) -> list[float]:
        """Recall@20 of the engine's career steps with the weights ``relatedness`` holds."""
        found = []
        for a in chosen:
            steps = engine.career_steps(
                occupation_uri=taxonomy.occupations[a].uri,
                top=20,
                outlook=outlook if with_outlook else None,
            )
            top = {index[m.occupation.uri] for m in steps}
            found.append(len(top & wanted[a]) / len(wanted[a]))
        return found

    folds = np.array_split(np.random.default_rng(1).permutation(sources), 5)
    alone: list[float] = []
    users: list[float] = []
    for k, test in enumerate(folds):
        train = np.concatenate([f for j, f in enumerate(folds) if j != k])
        relatedness.weights, relatedness.intercept = fit(train)
        alone += recall(test, with_outlook=False)
        users += recall(test, with_outlook=True)
    weights, intercept = fit(sources)
    relatedness.weights, relatedness.intercept = weights, intercept
    sets = skill_sets(taxonomy)
    jaccard = [len(set(jaccard_steps(a, sets, 20)) & wanted[a]) / len(wanted[a]) for a in sources]
    print(
        json.dumps(
            {
                "benchmark": "fit_career_steps",
                "sources": len(sources),
                "held_out_recall_at_20": round(float(np.mean(alone)), 3),
                "held_out_recall_at_20_with_outlook": round(float(np.mean(users)), 3),
                "refit_recall_at_20": round(float(np.mean(recall(sources, False))), 3),
                "jaccard_recall_at_20": round(float(np.mean(jaccard)), 3),
                "weights": dict(zip(FEATURES, np.round(weights, 3).tolist(), strict=True)),
                "intercept": round(intercept, 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
