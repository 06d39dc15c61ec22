from __future__ import annotations

import pytest

from koers.matching.pathways import MAX_STEPS, MIN_STEP_COVERAGE, GoalIsStart, NoRoute
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
        shown = {m.occupation.uri for m in engine.career_steps(occupation_uri=start, top=200)}
        for number, step in enumerate(route.steps):
            index = taxonomy.occupation_index[step.occupation.uri]
            realistic = engine.transitions[previous, index] >= MIN_STEP_COVERAGE
            assert realistic or (number == 0 and step.occupation.uri in shown)
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


def test_every_career_step_can_be_reached_by_a_route(engine, planner, by_label):
    origin = by_label("factory hand")
    steps = engine.career_steps(occupation_uri=origin, top=10)
    assert len(steps) == 10
    for step in steps:
        routes = planner.routes(occupation_uri=origin, goal_uri=step.occupation.uri)
        assert routes and all(r.steps[-1].occupation.uri == step.occupation.uri for r in routes)
        assert len(routes[0].steps) == 1, "a career step is itself a one-step route"


def test_an_unreachable_goal_names_the_closest_occupations_and_the_gap(planner, taxonomy):
    origin = "http://data.europa.eu/esco/occupation/245be6d1-fe9a-4ac8-9f81-122a687e4724"
    unreachable = None
    for occupation in taxonomy.occupations[::7]:
        try:
            planner.routes(occupation_uri=origin, goal_uri=occupation.uri)
        except NoRoute as error:
            unreachable = error
            break
    assert unreachable is not None
    assert unreachable.code == "pathway.no_route"
    assert 1 <= len(unreachable.closest) <= 3
    for closest in unreachable.closest:
        assert 1 <= closest.steps <= MAX_STEPS
        gap = closest.gap
        assert (
            gap.matched_essential_count + len(gap.missing_essential_skills) == gap.essential_count
        )
    detail = unreachable.details()[0]
    assert {"occupation_uri", "steps", "essential_total", "essential_covered"} <= set(detail)
