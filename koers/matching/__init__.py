"""Skills matching: sparse skill vectors; portfolio↔occupation, occupation↔occupation, routes.

:func:`get_engine` and :func:`get_planner` build their object once per process.
"""

from __future__ import annotations

from functools import cache

from koers.matching.engine import MatchingEngine
from koers.matching.pathways import PathwayPlanner
from koers.matching.relatedness import Meanings
from koers.taxonomy import get_taxonomy, occupation_vectors


@cache
def get_engine() -> MatchingEngine:
    return MatchingEngine(get_taxonomy(), meanings=Meanings(**occupation_vectors()))


@cache
def get_planner() -> PathwayPlanner:
    return PathwayPlanner(get_engine())
