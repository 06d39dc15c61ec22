"""A learning path: the cheapest set of courses that together teach every skill of a gap.

This is weighted set cover. The weight of a course is its cost after incentives plus
``eur_per_hour`` × its duration (time has a price too; the default only breaks ties). Courses
that teach the same gap skills are collapsed to the cheapest, then:

- when at most ``exact_limit`` candidate courses remain, the problem is solved exactly as a
  0/1 integer program with ``scipy.optimize.milp`` (HiGHS), minimise ``w·x`` subject to
  ``A x ≥ 1`` for every coverable gap skill;
- otherwise, or when the solver gives no proven optimum within ``time_limit_s``, the greedy
  rule (take the course with the lowest weight per newly covered skill) is used, which is
  within a factor H(k) = 1 + 1/2 + … + 1/k of the optimum, k being the most gap skills one
  course covers (Chvátal, 1979). The path says which method gave it, and the greedy weight is
  always reported beside it.

Gap skills no course teaches are reported as ``uncovered``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from koers.training.recommend import CatalogueIndex, Incentive, check_gap

EXACT_LIMIT = 3000
TIME_LIMIT_S = 2.0
TIE_BREAK_EUR_PER_HOUR = 0.01


@dataclass(frozen=True, slots=True)
class LearningPath:
    """The chosen courses, what they cost and take, and how the answer was found."""

    course_ids: tuple[str, ...]
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    cost: float  # after incentives
    hours: float
    weight: float  # the objective: cost + eur_per_hour × hours
    method: str  # "exact" or "greedy"
    greedy_weight: float
    greedy_course_ids: tuple[str, ...]
    bound: float  # the proven ratio to the optimum: 1.0 when exact, H(k) when greedy


def harmonic(k: int) -> float:
    return float(sum(1.0 / i for i in range(1, k + 1)))


def greedy_cover(matrix: npt.NDArray[np.bool_], weights: npt.NDArray[np.float64]) -> list[int]:
    """Greedy weighted set cover. ``matrix`` is (n_sets, n_elements), every element covered by
    some set; return the chosen set numbers in the order they were taken."""
    uncovered = np.ones(matrix.shape[1], dtype=bool)
    chosen: list[int] = []
    while uncovered.any():
        gains = matrix[:, uncovered].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(gains > 0, weights / np.maximum(gains, 1), np.inf)
        best = int(np.argmin(ratio))
        chosen.append(best)
        uncovered &= ~matrix[best]
    return chosen


def exact_cover(
    matrix: npt.NDArray[np.bool_], weights: npt.NDArray[np.float64], *, time_limit_s: float
) -> list[int] | None:
    """Minimum-weight set cover by integer programming; ``None`` when no proven optimum was
    found within ``time_limit_s``."""
    constraint = LinearConstraint(sparse.csr_array(matrix.T.astype(np.float64)), lb=1, ub=np.inf)
    result = milp(
        c=weights,
        constraints=[constraint],
        integrality=np.ones(len(weights), dtype=np.int64),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit_s, "disp": False},
    )
    if result.status != 0 or result.x is None:
        return None
    return [int(i) for i in np.flatnonzero(result.x > 0.5)]


def learning_path(
    index: CatalogueIndex,
    gap: Sequence[str],
    *,
    incentives: Sequence[Incentive] = (),
    taken: Collection[str] = (),
    eur_per_hour: float = TIE_BREAK_EUR_PER_HOUR,
    exact_limit: int = EXACT_LIMIT,
    time_limit_s: float = TIME_LIMIT_S,
) -> LearningPath:
    """The cheapest set of courses covering ``gap`` (see the module docstring).

    Raises :class:`~koers.training.recommend.EmptyGap` or ``GapTooLarge`` on bad input.
    """
    gap = check_gap(gap, 1)
    coverable = [u for u in gap if u in index.skill_index]
    rows = [index.skill_index[u] for u in coverable]
    counts = index.coverage(rows)
    for course_id in taken:
        number = index.id_index.get(course_id)
        if number is not None:
            counts[number] = 0
    numbers = np.flatnonzero(counts)
    sub = index.skill_courses[rows][:, numbers].toarray().T.astype(bool) if len(numbers) else None
    if sub is None:
        return LearningPath((), (), tuple(gap), 0.0, 0.0, 0.0, "exact", 0.0, (), 1.0)
    teachable: npt.NDArray[np.bool_] = np.asarray(sub.any(axis=0), dtype=bool)
    sub = sub[:, teachable]
    covered = tuple(u for u, t in zip(coverable, map(bool, teachable), strict=True) if t)
    uncovered = tuple(u for u in gap if u not in set(covered))
    after, _ = index.cost_after(numbers, incentives)
    weights = after + eur_per_hour * index.hours[numbers]
    # collapse courses teaching the same gap skills to the lightest of them
    keys = np.packbits(sub, axis=1)
    order = np.lexsort((index.ids[numbers], weights))
    seen: dict[bytes, int] = {}
    for position in order:
        seen.setdefault(keys[position].tobytes(), int(position))
    keep = np.array(sorted(seen.values()), dtype=np.int64)
    matrix, kept_weights, kept_numbers = sub[keep], weights[keep], numbers[keep]

    greedy = greedy_cover(matrix, kept_weights)
    greedy_weight = float(kept_weights[greedy].sum())
    chosen: list[int] | None = None
    if len(keep) <= exact_limit:
        chosen = exact_cover(matrix, kept_weights, time_limit_s=time_limit_s)
    method, bound = "exact", 1.0
    if chosen is None or float(kept_weights[chosen].sum()) > greedy_weight + 1e-6:
        chosen = greedy
        method, bound = "greedy", harmonic(int(matrix.sum(axis=1).max()))
    picked = kept_numbers[chosen]
    after_picked = after[keep][chosen]
    return LearningPath(
        course_ids=tuple(str(index.ids[n]) for n in picked),
        covered=covered,
        uncovered=uncovered,
        cost=round(float(after_picked.sum()), 2),
        hours=float(index.hours[picked].sum()),
        weight=round(float(kept_weights[chosen].sum()), 4),
        method=method,
        greedy_weight=round(greedy_weight, 4),
        greedy_course_ids=tuple(str(index.ids[n]) for n in kept_numbers[greedy]),
        bound=bound,
    )
