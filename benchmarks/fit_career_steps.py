"""Fit the weights of career-step relatedness (koers/matching/relatedness.py) on expert pairs.

Expert-curated related occupations (O*NET Primary-Short, mapped to ESCO; ../shared/data/
benchmarks) as positives, 60 sampled close non-targets per source as negatives; a logistic model
on the standardised signals. Reports recall@20 under 5-fold cross-validation over source
occupations (the held-out figure), the weights refitted on all sources, and Jaccard's recall on
the same pairs. Prints one JSON object.
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


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from koers.matching import get_engine
    from koers.matching.reference import jaccard_steps, skill_sets
    from koers.matching.relatedness import FEATURES

    engine = get_engine()
    taxonomy = engine.taxonomy
    index = taxonomy.occupation_index
    targets: dict[int, set[int]] = defaultdict(set)
    with gzip.open(PAIRS, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["tier"] == "Primary-Short" and {row["from_esco_uri"], row["to_esco_uri"]} <= set(
                index
            ):
                targets[index[row["from_esco_uri"]]].add(index[row["to_esco_uri"]])
    sources = sorted(targets)
    features = {a: engine.relatedness.features(a) for a in sources}

    def recall(weights: np.ndarray, chosen) -> float:
        found = []
        for a in chosen:
            scores = features[a] @ weights
            scores[a] = -np.inf
            top = set(np.argpartition(-scores, 20)[:20].tolist())
            wanted = sorted(targets[a])[:20]
            found.append(len(top & set(wanted)) / len(wanted))
        return float(np.mean(found))

    def fit(chosen) -> np.ndarray:
        rng = np.random.default_rng(0)
        rows, labels = [], []
        for a in chosen:
            f = features[a]
            close = np.argsort(-(f[:, 2] + f[:, 4]))[:300]
            negatives = [c for c in close if c not in targets[a] and c != a]
            negatives = rng.choice(negatives, min(60, len(negatives)), replace=False)
            rows += [f[p] for p in targets[a]] + [f[n] for n in negatives]
            labels += [1] * len(targets[a]) + [0] * len(negatives)
        x, y = np.array(rows), np.array(labels)

        def loss(w: np.ndarray) -> float:
            z = x @ w[:-1] + w[-1]
            return float(np.mean(np.logaddexp(0, z) - y * z) + 1e-3 * np.sum(w[:-1] ** 2))

        return optimize.minimize(loss, np.zeros(x.shape[1] + 1), method="L-BFGS-B").x[:-1]

    folds = np.array_split(np.random.default_rng(1).permutation(sources), 5)
    held_out = 0.0
    for k, test in enumerate(folds):
        train = np.concatenate([f for j, f in enumerate(folds) if j != k])
        held_out += recall(fit(train), test) * len(test)
    weights = fit(sources)
    sets = skill_sets(taxonomy)
    jaccard = []
    for a in sources:
        top = set(jaccard_steps(a, sets, 20))
        wanted = sorted(targets[a])[:20]
        jaccard.append(len(top & set(wanted)) / len(wanted))
    print(
        json.dumps(
            {
                "benchmark": "fit_career_steps",
                "sources": len(sources),
                "held_out_recall_at_20": round(held_out / len(sources), 3),
                "refit_recall_at_20": round(recall(weights, sources), 3),
                "jaccard_recall_at_20": round(float(np.mean(jaccard)), 3),
                "weights": dict(zip(FEATURES, np.round(weights, 3).tolist(), strict=True)),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
