"""Citizen pages: "which job fits me?" (skills → occupations) and career steps with pathways.

Thin: the choices travel in the query string (ESCO concept ids), the work is done by
koers.matching; nothing personal is stored by these pages.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koers.market.in_force import market_outlook
from koers.matching import get_engine, get_planner
from koers.matching.engine import MatchingInputError, OccupationMatch
from koers.matching.pathways import NoRoute
from koers.portfolio.model import Portfolio
from koers.taxonomy import get_searcher, get_taxonomy
from koers.taxonomy.model import OCCUPATION_PREFIX, SKILL_PREFIX, Occupation, Skill, concept_id
from koers.taxonomy.search import SearchQueryError
from koers.web.errors import page_message
from koers.web.i18n import active_language

MAX_PICKED_SKILLS = 60
MIN_ESSENTIAL_HELD = 1
"""An occupation is listed under "Occupations that fit" only when the person has at least
this many of its essential skills. Occupations that share only optional skills with the
person (none of the essential ones) are listed apart, as "using some of your skills", and
occupations that share nothing are not shown."""


def fits(match: OccupationMatch) -> bool:
    return match.matched_essential_count >= MIN_ESSENTIAL_HELD


def _picked_skills(request: HttpRequest) -> list[Skill]:
    taxonomy = get_taxonomy()
    picked: dict[str, Skill] = {}
    for picked_id in request.GET.getlist("skill")[:MAX_PICKED_SKILLS]:
        skill = taxonomy.find_skill(SKILL_PREFIX + picked_id)
        if skill is not None:
            picked[skill.uri] = skill
    return list(picked.values())


def _occupation_param(request: HttpRequest, name: str) -> Occupation | None:
    chosen_id = request.GET.get(name, "")
    return get_taxonomy().find_occupation(OCCUPATION_PREFIX + chosen_id) if chosen_id else None


def _search(kind: str, query: str) -> tuple[list[object], str]:
    if not query:
        return [], ""
    index = get_searcher().index(kind)
    try:
        return list(index.search(query, lang=active_language(), limit=8)), ""
    except SearchQueryError as error:
        return [], page_message(error)


def match(request: HttpRequest) -> HttpResponse:
    """Pick skills (or a current occupation) and see occupations ranked by fit."""
    picked = _picked_skills(request)
    current = _occupation_param(request, "from")
    skill_query = request.GET.get("sq", "").strip()
    occupation_query = request.GET.get("oq", "").strip()
    skill_hits, skill_error = _search("skill", skill_query)
    occupation_hits, occupation_error = _search("occupation", occupation_query)
    engine = get_engine()
    uris = [s.uri for s in picked]
    if current is not None:
        uris += [s.uri for s in get_taxonomy().skills_of(current.uri).essential]
    ranked = engine.match_portfolio(Portfolio.from_skills(uris), top=20) if uris else []
    matches = [m for m in ranked if fits(m)]
    picked_ids = [concept_id(s.uri) for s in picked]
    return render(
        request,
        "matching/match.html",
        {
            "picked": picked,
            "picked_ids": picked_ids,
            "current": current,
            "skill_query": skill_query,
            "skill_hits": skill_hits,
            "skill_error": skill_error,
            "occupation_query": occupation_query,
            "occupation_hits": occupation_hits,
            "occupation_error": occupation_error,
            "matches": matches,
            "related": [m for m in ranked if not fits(m) and m.matched_skills],
        },
    )


def steps(request: HttpRequest) -> HttpResponse:
    """Career steps from a current occupation, and routes to a chosen goal."""
    current = _occupation_param(request, "from")
    goal = _occupation_param(request, "goal")
    occupation_query = request.GET.get("oq", "").strip()
    goal_query = request.GET.get("gq", "").strip()
    occupation_hits, occupation_error = _search("occupation", occupation_query)
    goal_hits, goal_error = _search("occupation", goal_query)
    higher = request.GET.get("higher") == "1"
    current_id = concept_id(current.uri) if current else ""
    goal_id = concept_id(goal.uri) if goal else ""
    context: dict[str, object] = {
        "current": current,
        "goal": goal,
        "higher": higher,
        "occupation_query": occupation_query,
        "occupation_hits": occupation_hits,
        "occupation_error": occupation_error,
        "goal_query": goal_query,
        "goal_hits": goal_hits,
        "goal_error": goal_error,
        # what each picker's form carries along, so a search never drops the other choice
        "keep_for_current": [("goal", goal_id), ("higher", "1" if higher else "")],
        "keep_for_goal": [("from", current_id), ("higher", "1" if higher else "")],
    }
    if goal is not None:
        context["goal_outlook"] = market_outlook().outlook(goal.uri)
        if current is not None:
            context["goal_gap"] = _gap(current, goal)
    if current is not None:
        context["steps"] = get_engine().career_steps(
            occupation_uri=current.uri,
            top=10,
            same_or_higher_level=higher,
            outlook=market_outlook(),
        )
        if goal is not None:
            try:
                context["routes"] = get_planner().routes(
                    occupation_uri=current.uri, goal_uri=goal.uri, count=3
                )
            except NoRoute as error:
                context["route_error"] = page_message(error)
                context["closest"] = error.closest
            except MatchingInputError as error:
                context["route_error"] = page_message(error)
    return render(request, "matching/steps.html", context)


def _gap(current: Occupation, goal: Occupation) -> list[Skill]:
    """The goal's essential skills that the current occupation does not ask (essential or
    optional): what someone in the current job would still learn."""
    taxonomy = get_taxonomy()
    now = taxonomy.skills_of(current.uri)
    held = {s.uri for s in (*now.essential, *now.optional)}
    return [s for s in taxonomy.skills_of(goal.uri).essential if s.uri not in held]
