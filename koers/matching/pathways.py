"""Pathways to a goal: the few shortest routes of intermediate occupations.

The transition graph has an edge a → b for each of a's ``NEIGHBOURS`` best transitions (by
coverage, see engine.py) that covers at least ``MIN_STEP_COVERAGE`` of b: a realistic single
step. Its weight is the size of the gap, ``1 - transitions[a, b]``, plus a small cost per step.
A goal that is too far for one step is then reached through intermediate occupations. Routes
are found with Yen's k-shortest-simple-paths (networkx).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

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

NEIGHBOURS = 25
STEP_COST = 0.15
MIN_STEP_COVERAGE = 0.25
MAX_STEPS = 4
ORIGIN = -1  # the virtual node standing for a portfolio


class GoalIsStart(MatchingInputError):
    code = "pathway.goal_is_start"
    message = "The goal is the occupation you start from."


class NoRoute(MatchingInputError):
    code = "pathway.no_route"
    message = "No route of at most {steps} steps leads to this goal."


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

    def _graph_from_portfolio(self, strengths: np.ndarray) -> nx.DiGraph:
        graph = self.graph.copy(as_view=False)
        coverage = self.engine.coverage(strengths)
        best = np.argpartition(-coverage, self.neighbours)[: self.neighbours]
        graph.add_weighted_edges_from(
            (ORIGIN, int(b), float(1 - coverage[b]) + STEP_COST)
            for b in best
            if coverage[b] >= MIN_STEP_COVERAGE
        )
        return graph

    def routes(
        self,
        *,
        goal_uri: str,
        occupation_uri: str | None = None,
        portfolio: Portfolio | None = None,
        count: int = 3,
    ) -> list[Route]:
        """Return up to ``count`` cheapest routes to the goal, cheapest first.

        Each step carries the gap (missing essential skills) from the step before it. Raises
        :class:`MatchingInputError` when start and goal coincide or no route exists.
        """
        taxonomy = self.engine.taxonomy
        goal = taxonomy.occupation_index[taxonomy.occupation(goal_uri).uri]
        if (occupation_uri is None) == (portfolio is None):
            raise AmbiguousStart()
        graph = self.graph
        if occupation_uri is not None:
            source = taxonomy.occupation_index[taxonomy.occupation(occupation_uri).uri]
            if source == goal:
                raise GoalIsStart()
            strengths = self.engine.profile(source)
        else:
            assert portfolio is not None
            strengths = self.engine.strengths(portfolio)
            if not strengths.any():
                raise EmptyPortfolio()
            graph = self._graph_from_portfolio(strengths)
            source = ORIGIN
        routes: list[Route] = []
        try:
            paths = list(islice(nx.shortest_simple_paths(graph, source, goal, "weight"), count * 4))
        except nx.NetworkXNoPath:
            paths = []
        for path in paths:
            if len(path) - 1 > MAX_STEPS:
                continue
            routes.append(self._route(path, graph, strengths))
            if len(routes) == count:
                break
        if not routes:
            raise NoRoute(steps=MAX_STEPS)
        return routes

    def _route(self, path: list[int], graph: nx.DiGraph, strengths: np.ndarray) -> Route:
        steps = []
        previous = strengths
        for node in path[1:]:
            coverage = float(self.engine.coverage(previous)[node])
            steps.append(self.engine.match_at(node, coverage, previous))
            previous = self.engine.profile(node)
        cost = sum(graph[a][b]["weight"] for a, b in pairwise(path))
        return Route(steps=tuple(steps), cost=round(float(cost), 4))
