"""Pathways to a goal: the few shortest routes of intermediate occupations.

The transition graph has an edge a → b for each of a's ``NEIGHBOURS`` best transitions (by
coverage, see engine.py) that covers at least ``MIN_STEP_COVERAGE`` of b: a realistic single
step. Its weight is the size of the gap, ``1 - transitions[a, b]``, plus a small cost per step.
A goal that is too far for one step is then reached through intermediate occupations. Routes
are found with Yen's k-shortest-simple-paths (networkx).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import networkx as nx
import numpy as np

from koers.matching.engine import (
    AmbiguousStart,
    EmptyPortfolio,
    MatchingEngine,
    MatchingInputError,
    OccupationMatch,
)
from koers.portfolio.model import Portfolio
from koers.taxonomy.model import Occupation

NEIGHBOURS = 25
CAREER_STEP_EDGES = 200
"""From an occupation, the best career steps (by relatedness) are first steps too: as many as
career steps can list (its ``MAX_TOP``)."""
CLOSEST = 3
STEP_COST = 0.15
MIN_STEP_COVERAGE = 0.25
MAX_STEPS = 4
ORIGIN = -1  # the virtual node standing for a portfolio


class GoalIsStart(MatchingInputError):
    code = "pathway.goal_is_start"
    message = "The goal is the occupation you start from."


@dataclass(frozen=True, slots=True)
class ClosestApproach:
    """An occupation reachable in ``steps`` steps, and the gap to the goal from there."""

    occupation: Occupation
    steps: int
    gap: OccupationMatch  # the goal, with the essential skills still missing from here


class NoRoute(MatchingInputError):
    code = "pathway.no_route"
    message = "No route of at most {steps} steps leads to this goal."

    def __init__(self, *, steps: int, closest: list[ClosestApproach]) -> None:
        self.closest = closest
        super().__init__(steps=steps)

    def details(self) -> list[dict[str, Any]]:
        return [
            {
                "occupation_uri": c.occupation.uri,
                "label": c.occupation.label("en"),
                "steps": c.steps,
                "essential_total": c.gap.essential_count,
                "essential_covered": c.gap.matched_essential_count,
                "missing_essential_skills": [s.uri for s in c.gap.missing_essential_skills],
            }
            for c in self.closest
        ]


@dataclass(frozen=True, slots=True)
class Route:
    steps: tuple[OccupationMatch, ...]  # each with the gap from the step before it
    cost: float

    @property
    def total_missing(self) -> int:
        return sum(len(step.missing_essential_skills) for step in self.steps)


class PathwayPlanner:
    """Finds routes over the engine's transition graph; build once, it holds the graph."""

    def __init__(self, engine: MatchingEngine, *, neighbours: int = NEIGHBOURS) -> None:
        self.engine = engine
        self.neighbours = neighbours
        self.graph = nx.DiGraph()
        transitions = engine.transitions
        count = transitions.shape[0]
        self.graph.add_nodes_from(range(count))
        for origin in range(count):
            row = transitions[origin].copy()
            row[origin] = -1
            best = np.argpartition(-row, neighbours)[:neighbours]
            self.graph.add_weighted_edges_from(
                (origin, int(b), float(1 - row[b]) + STEP_COST)
                for b in best
                if row[b] >= MIN_STEP_COVERAGE
            )
        self.reverse = self.graph.reverse(copy=False)

    def routes(
        self,
        *,
        goal_uri: str,
        occupation_uri: str | None = None,
        portfolio: Portfolio | None = None,
        count: int = 3,
    ) -> list[Route]:
        """Return up to ``count`` cheapest routes to the goal, cheapest first, each through a
        different first step.

        The first step may be any realistic step from the graph and, from an occupation, any
        career step the engine would show (so every step career steps lists is reachable).
        Each step carries the gap (missing essential skills) from the step before it. Raises
        :class:`GoalIsStart`, or :class:`NoRoute` (with the reachable occupations closest to
        the goal) when no route of at most ``MAX_STEPS`` steps exists.
        """
        taxonomy = self.engine.taxonomy
        goal = taxonomy.occupation_index[taxonomy.occupation(goal_uri).uri]
        if (occupation_uri is None) == (portfolio is None):
            raise AmbiguousStart()
        if occupation_uri is not None:
            source = taxonomy.occupation_index[taxonomy.occupation(occupation_uri).uri]
            if source == goal:
                raise GoalIsStart()
            strengths = self.engine.profile(source)
            first = self._first_steps_from_occupation(source)
        else:
            assert portfolio is not None
            strengths = self.engine.strengths(portfolio)
            if not strengths.any():
                raise EmptyPortfolio()
            source = ORIGIN
            first = self._first_steps_from_portfolio(strengths)
        distance, paths = nx.single_source_dijkstra(self.reverse, goal, weight="weight")
        ranked = sorted((cost + distance[b], b) for b, cost in first.items() if b in distance)
        routes: list[Route] = []
        for _, step in ranked:
            path = [source, *reversed(paths[step])]
            if len(path) - 1 > MAX_STEPS or source in path[1:]:
                continue
            routes.append(self._route(path, first, strengths))
            if len(routes) == count:
                break
        if not routes:
            raise NoRoute(steps=MAX_STEPS, closest=self._closest(first, goal))
        return routes

    def _first_steps_from_occupation(self, source: int) -> dict[int, float]:
        """Step costs from an occupation: its graph edges and its best career steps."""
        transitions = self.engine.transitions
        first = {b: float(d["weight"]) for b, d in self.graph[source].items()}
        related = self.engine.relatedness.similarity(source)
        related[source] = -1
        for b in np.argpartition(-related, CAREER_STEP_EDGES)[:CAREER_STEP_EDGES].tolist():
            first.setdefault(int(b), float(1 - transitions[source, b]) + STEP_COST)
        return first

    def _first_steps_from_portfolio(self, strengths: np.ndarray) -> dict[int, float]:
        coverage = self.engine.coverage(strengths)
        best = np.argpartition(-coverage, self.neighbours)[: self.neighbours]
        return {
            int(b): float(1 - coverage[b]) + STEP_COST
            for b in best
            if coverage[b] >= MIN_STEP_COVERAGE
        }

    def _closest(self, first: dict[int, float], goal: int) -> list[ClosestApproach]:
        """The occupations reachable in at most ``MAX_STEPS`` steps whose people cover most of
        the goal's requirements, with the goal's essential skills they would still miss."""
        steps = dict.fromkeys(first, 1)
        frontier = list(first)
        for depth in range(2, MAX_STEPS + 1):
            frontier = [b for a in frontier for b in self.graph[a] if b not in steps]
            steps.update(dict.fromkeys(frontier, depth))
        transitions = self.engine.transitions
        nearest = sorted(steps, key=lambda node: -transitions[node, goal])[:CLOSEST]
        return [
            ClosestApproach(
                self.engine.taxonomy.occupations[node],
                steps[node],
                self.engine.match_at(
                    goal, float(transitions[node, goal]), self.engine.profile(node)
                ),
            )
            for node in nearest
        ]

    def _route(self, path: list[int], first: dict[int, float], strengths: np.ndarray) -> Route:
        steps = []
        previous = strengths
        for node in path[1:]:
            coverage = float(self.engine.coverage(previous)[node])
            steps.append(self.engine.match_at(node, coverage, previous))
            previous = self.engine.profile(node)
        cost = first[path[1]] + sum(self.graph[a][b]["weight"] for a, b in pairwise(path[1:]))
        return Route(steps=tuple(steps), cost=round(float(cost), 4))
