"""Competence-language pages: search, occupation and skill pages. Thin: the work is in
koers.taxonomy."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from koers.market.in_force import market_outlook
from koers.taxonomy import get_searcher, get_taxonomy
from koers.taxonomy.isco_nl import isco_names
from koers.taxonomy.model import OCCUPATION_PREFIX, SKILL_PREFIX
from koers.taxonomy.search import MAX_QUERY_LENGTH, SearchQueryError
from koers.web.errors import page_message
from koers.web.i18n import active_language

KINDS = ("occupations", "skills")


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"max_query_length": MAX_QUERY_LENGTH})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "occupations")
    if kind not in KINDS:
        kind = "occupations"
    context: dict[str, object] = {
        "query": query,
        "kind": kind,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if query:
        index = get_searcher().index(kind.removesuffix("s"))
        try:
            context["hits"] = index.search(query, lang=active_language(), limit=25)
        except SearchQueryError as error:
            context["error"] = page_message(error)
    return render(
        request, "taxonomy/search.html", context, status=400 if "error" in context else 200
    )


def occupation(request: HttpRequest, concept_id: str) -> HttpResponse:
    taxonomy = get_taxonomy()
    item = taxonomy.find_occupation(OCCUPATION_PREFIX + concept_id)
    if item is None:
        raise Http404
    lang = active_language()
    isco = taxonomy.isco_group(item)
    return render(
        request,
        "taxonomy/occupation.html",
        {
            "occupation": item,
            "label": item.label(lang),
            "description": item.description(lang),
            "description_lang": lang if lang in item.descriptions else "en",
            "isco": isco,
            "isco_group": isco_names(item.isco_code, isco.label_en if isco else item.isco_code),
            "outlook": market_outlook().outlook(item.uri),
            "skills": taxonomy.skills_of(item.uri),
            "lang": lang,
        },
    )


def skill(request: HttpRequest, concept_id: str) -> HttpResponse:
    taxonomy = get_taxonomy()
    item = taxonomy.find_skill(SKILL_PREFIX + concept_id)
    if item is None:
        raise Http404
    essential, optional = taxonomy.occupations_needing(item.uri)
    lang = active_language()
    return render(
        request,
        "taxonomy/skill.html",
        {
            "skill": item,
            "label": item.label(lang),
            "alternatives": item.alternatives(lang)[:8],
            "own_translation": lang in item.own_labels,
            "path": list(reversed(taxonomy.broader_path(item.uri))),
            "related": taxonomy.related_skills(item.uri),
            "essential_for": sorted(essential, key=lambda o: o.label(lang)),
            "optional_for": sorted(optional, key=lambda o: o.label(lang)),
            "lang": lang,
        },
    )
