"""Skills matching: sparse skill vectors; portfolio↔occupation, occupation↔occupation, routes.

:func:`get_engine` and :func:`get_planner` build their object once per process.
"""

from __future__ import annotations

from functools import cache

from koers.matching.engine import MatchingEngine
from koers.matching.pathways import PathwayPlanner
from koers.taxonomy import get_taxonomy, occupation_descriptions


@cache
def get_engine() -> MatchingEngine:
    return MatchingEngine(get_taxonomy(), description_vectors=occupation_descriptions())


@cache
def get_planner() -> PathwayPlanner:
    return PathwayPlanner(get_engine())
