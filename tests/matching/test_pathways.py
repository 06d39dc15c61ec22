from __future__ import annotations

import pytest

from koers.matching.pathways import MAX_STEPS, MIN_STEP_COVERAGE, GoalIsStart
from koers.portfolio.model import Portfolio


def test_routes_lead_from_start_to_goal_cheapest_first(planner, by_label):
    start, goal = by_label("kitchen assistant"), by_label("head chef")
    routes = planner.routes(occupation_uri=start, goal_uri=goal, count=3)
    assert 1 <= len(routes) <= 3
    assert [r.cost for r in routes] == sorted(r.cost for r in routes)
    for route in routes:
        assert route.steps[-1].occupation.uri == goal
        assert len(route.steps) <= MAX_STEPS
        assert start not in [s.occupation.uri for s in route.steps]
    assert len({tuple(s.occupation.uri for s in r.steps) for r in routes}) == len(routes)


def test_each_step_is_realistic_and_carries_its_gap(planner, by_label, taxonomy):
    start, goal = by_label("kitchen assistant"), by_label("head chef")
    engine = planner.engine
    for route in planner.routes(occupation_uri=start, goal_uri=goal):
        previous = taxonomy.occupation_index[start]
        for step in route.steps:
            index = taxonomy.occupation_index[step.occupation.uri]
            assert engine.transitions[previous, index] >= MIN_STEP_COVERAGE
            own = {s.uri for s in taxonomy.skills_of(taxonomy.occupations[previous].uri).essential}
            own |= {s.uri for s in taxonomy.skills_of(taxonomy.occupations[previous].uri).optional}
            needed = {s.uri for s in taxonomy.skills_of(step.occupation.uri).essential}
            assert {s.uri for s in step.missing_essential_skills} == needed - own
            previous = index


def test_routes_from_a_portfolio(planner, by_label, taxonomy):
    portfolio = Portfolio.from_skills(
        [s.uri for s in taxonomy.skills_of(by_label("kitchen assistant")).essential]
    )
    routes = planner.routes(portfolio=portfolio, goal_uri=by_label("head chef"))
    assert routes and routes[0].steps[-1].occupation.uri == by_label("head chef")


def test_same_start_and_goal_is_refused(planner, by_label):
    with pytest.raises(GoalIsStart, match=GoalIsStart.message):
        planner.routes(occupation_uri=by_label("cook"), goal_uri=by_label("cook"))
