"""Slow, obvious reference implementations: the baselines that benchmarks and the quality
evaluation run beside the engine, and that tests compare the engine with."""

from __future__ import annotations

from collections.abc import Sequence

from koers.matching.weights import ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT
from koers.taxonomy.taxonomy import Taxonomy


def skill_sets(taxonomy: Taxonomy, *, essential_only: bool = False) -> list[set[str]]:
    """Each occupation's skill URIs as a Python set, in occupation order."""
    sets: list[set[str]] = [set() for _ in taxonomy.occupations]
    for o, s, essential in zip(
        taxonomy.link_occupation.tolist(),
        taxonomy.link_skill.tolist(),
        taxonomy.link_essential.tolist(),
        strict=True,
    ):
        if essential or not essential_only:
            sets[o].add(taxonomy.skills[s].uri)
    return sets


def set_overlap_scores(held: set[str], occupations: list[set[str]]) -> list[float]:
    """Pure-Python baseline: share of each occupation's skills found in ``held``."""
    return [len(held & skills) / len(skills) if skills else 0.0 for skills in occupations]


def jaccard_steps(origin: int, occupations: list[set[str]], top: int) -> list[int]:
    """Baseline recommender: occupations ranked by Jaccard overlap of skill sets."""
    mine = occupations[origin]
    scored = [
        (len(mine & other) / len(mine | other) if mine | other else 0.0, index)
        for index, other in enumerate(occupations)
        if index != origin
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [index for _, index in scored[:top]]


def weighted_requirements(
    taxonomy: Taxonomy, specificity: Sequence[float]
) -> list[list[tuple[str, float]]]:
    """Each occupation's (skill URI, requirement weight) pairs, as plain Python lists."""
    requirements: list[list[tuple[str, float]]] = [[] for _ in taxonomy.occupations]
    for o, s, essential in zip(
        taxonomy.link_occupation.tolist(),
        taxonomy.link_skill.tolist(),
        taxonomy.link_essential.tolist(),
        strict=True,
    ):
        relation = ESSENTIAL_WEIGHT if essential else OPTIONAL_WEIGHT
        requirements[o].append((taxonomy.skills[s].uri, relation * float(specificity[s])))
    return requirements


def weighted_coverage(
    held: dict[str, float], requirements: list[list[tuple[str, float]]]
) -> list[float]:
    """Pure-Python baseline of the engine's score: the same weighted coverage, in loops."""
    scores = []
    for needs in requirements:
        total = sum(weight for _, weight in needs)
        covered = sum(weight * held.get(uri, 0.0) for uri, weight in needs)
        scores.append(covered / total if total else 0.0)
    return scores
