"""Citizen pages: "which job fits me?" (skills → occupations) and career steps with pathways.

Thin: the choices travel in the query string (ESCO concept ids), the work is done by
koers.matching; nothing personal is stored by these pages.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from koers.matching import get_engine, get_planner
from koers.matching.engine import MatchingInputError
from koers.matching.pathways import ERR_NO_ROUTE, ERR_SAME, MAX_STEPS
from koers.portfolio.model import Portfolio
from koers.taxonomy import get_searcher, get_taxonomy
from koers.taxonomy.model import Occupation, Skill
from koers.taxonomy.search import SearchQueryError
from koers.web.explorer.views import OCCUPATION_PREFIX, SKILL_PREFIX
from koers.web.i18n import active_language
from koers.web.market.selectors import market_outlook

MAX_PICKED_SKILLS = 60
ROUTE_ERRORS = {
    ERR_SAME: _("The goal is the occupation you start from."),
    ERR_NO_ROUTE.format(steps=MAX_STEPS): _("No route of at most four steps leads to this goal."),
}


def _picked_skills(request: HttpRequest) -> list[Skill]:
    taxonomy = get_taxonomy()
    picked: dict[str, Skill] = {}
    for concept_id in request.GET.getlist("skill")[:MAX_PICKED_SKILLS]:
        uri = SKILL_PREFIX + concept_id
        if uri in taxonomy.skill_index:
            picked[uri] = taxonomy.skill(uri)
    return list(picked.values())


def _occupation_param(request: HttpRequest, name: str) -> Occupation | None:
    concept_id = request.GET.get(name, "")
    uri = OCCUPATION_PREFIX + concept_id
    taxonomy = get_taxonomy()
    return taxonomy.occupation(uri) if concept_id and uri in taxonomy.occupation_index else None


def _search(kind: str, query: str) -> tuple[list[object], str]:
    if not query:
        return [], ""
    index = get_searcher().index(kind)
    try:
        return list(index.search(query, lang=active_language(), limit=8)), ""
    except SearchQueryError as error:
        return [], str(error)


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
    matches = engine.match_portfolio(Portfolio.from_skills(uris), top=20) if uris else []
    picked_ids = [s.uri.rsplit("/", 1)[-1] for s in picked]
    return render(
        request,
        "careers/match.html",
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
    }
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
            except MatchingInputError as error:
                context["route_error"] = ROUTE_ERRORS.get(str(error), str(error))
    return render(request, "careers/steps.html", context)
