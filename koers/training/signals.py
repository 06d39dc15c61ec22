"""Demand signals for providers: skills many people miss that no course (or too few) teaches.

Gaps come from the checks and career steps of many people; the catalogue index says which
courses teach each skill. A skill missed by many and taught by few is a signal to providers
(and to whoever funds training) of where the offer falls short.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from koers.training.recommend import CatalogueIndex


@dataclass(frozen=True, slots=True)
class DemandSignal:
    """A skill missing for ``people`` people that ``courses`` courses of the catalogue teach."""

    skill_uri: str
    label: str
    people: int
    courses: int


def demand_signals(
    gaps: Iterable[Sequence[str]],
    index: CatalogueIndex,
    *,
    min_people: int = 5,
    max_courses: int = 0,
    labels: Mapping[str, str] | None = None,
    limit: int = 50,
) -> list[DemandSignal]:
    """Skills missing in at least ``min_people`` of the ``gaps`` (one per person) and taught by
    at most ``max_courses`` courses; most-missed first, then by URI."""
    missing = Counter(uri for gap in gaps for uri in set(gap))
    indptr = index.skill_courses.indptr
    signals = []
    for uri, people in missing.items():
        if people < min_people:
            continue
        row = index.skill_index.get(uri)
        courses = 0 if row is None else int(indptr[row + 1] - indptr[row])
        if courses <= max_courses:
            label = (labels or {}).get(uri) or uri.rsplit("/", 1)[-1]
            signals.append(DemandSignal(uri, label, people, courses))
    signals.sort(key=lambda s: (-s.people, s.skill_uri))
    return signals[:limit]
