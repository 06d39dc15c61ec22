"""Quality of career steps against labelled transitions (see ``tests/data/README.md``)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Transition:
    origin: str
    target: str
    kind: str


def read_transitions(path: Path) -> list[Transition]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Transition(r["from_uri"], r["to_uri"], r["kind"]) for r in csv.DictReader(handle)]


@dataclass(frozen=True, slots=True)
class RankingScore:
    hits_at_10: float
    hits_at_20: float
    mean_reciprocal_rank: float


def ranking_score(
    transitions: Sequence[Transition], ranked: Callable[[str], list[str]]
) -> RankingScore:
    """Hits@10, hits@20 and MRR of the targets in each origin's ranked list (best first)."""
    ranks = []
    for transition in transitions:
        order = ranked(transition.origin)
        ranks.append(order.index(transition.target) + 1 if transition.target in order else None)
    count = len(ranks) or 1
    return RankingScore(
        hits_at_10=sum(1 for r in ranks if r is not None and r <= 10) / count,
        hits_at_20=sum(1 for r in ranks if r is not None and r <= 20) / count,
        mean_reciprocal_rank=sum(1 / r for r in ranks if r is not None) / count,
    )
