"""Quality measures of search and skill extraction against hand-labelled sets.

The sets live in ``tests/data/`` (``search_queries.csv``, ``extraction_texts.jsonl``); their
format is documented in ``tests/data/README.md``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    query: str
    lang: str
    kind: str  # "occupation" or "skill"
    expected: frozenset[str]
    note: str


@dataclass(frozen=True, slots=True)
class LabelledText:
    id: str
    lang: str
    text: str
    gold: tuple[frozenset[str], ...]  # each group: equally acceptable URIs for one competence


def read_queries(path: Path) -> list[LabelledQuery]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            LabelledQuery(
                query=row["query"],
                lang=row["lang"],
                kind=row["kind"],
                expected=frozenset(row["expected_uris"].split()),
                note=row.get("note", ""),
            )
            for row in csv.DictReader(handle)
        ]


def read_texts(path: Path) -> list[LabelledText]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                texts.append(
                    LabelledText(
                        id=record["id"],
                        lang=record["lang"],
                        text=record["text"],
                        gold=tuple(frozenset(group) for group in record["gold"]),
                    )
                )
    return texts


def precision_at(
    queries: Sequence[LabelledQuery], ranked: Callable[[LabelledQuery], list[str]], k: int
) -> float:
    """Share of queries with an expected URI among the first ``k`` results."""
    if not queries:
        return 0.0
    hits = sum(1 for q in queries if q.expected & set(ranked(q)[:k]))
    return hits / len(queries)


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    precision: float
    recall: float
    predicted: int
    gold: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def extraction_score(
    texts: Sequence[LabelledText], predict: Callable[[LabelledText], list[str]]
) -> ExtractionScore:
    """Micro precision and recall: a prediction is right if it lies in any gold group of its
    text; a gold group is found if any of its URIs was predicted."""
    right = predicted = found = groups = 0
    for text in texts:
        uris = set(predict(text))
        acceptable = set().union(*text.gold) if text.gold else set()
        predicted += len(uris)
        right += len(uris & acceptable)
        groups += len(text.gold)
        found += sum(1 for group in text.gold if group & uris)
    return ExtractionScore(
        precision=right / predicted if predicted else 0.0,
        recall=found / groups if groups else 0.0,
        predicted=predicted,
        gold=groups,
    )


@dataclass(frozen=True, slots=True)
class BenchmarkText:
    """A public human-labelled text (``../shared/data/benchmarks/``) and its ESCO skills."""

    text: str
    gold: frozenset[str]


def read_benchmark_texts(path: Path) -> list[BenchmarkText]:
    """The labelled texts of a skill-extraction benchmark file (JSON lines with ``text`` and
    ``esco_skill_uris``); texts without a label are left out."""
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record.get("esco_skill_uris"):
                    texts.append(
                        BenchmarkText(record["text"], frozenset(record["esco_skill_uris"]))
                    )
    return texts


def r_precision(
    texts: Sequence[BenchmarkText], ranked: Callable[[BenchmarkText], list[str]], k: int
) -> float:
    """R-Precision@k: |top-k ∩ gold| / min(k, |gold|), averaged over texts."""
    if not texts:
        return 0.0
    total = 0.0
    for text in texts:
        total += len(set(ranked(text)[:k]) & text.gold) / min(k, len(text.gold))
    return total / len(texts)
