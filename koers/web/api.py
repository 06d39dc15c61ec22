"""REST API (django-ninja): parse, call the domain, serialise. OpenAPI docs at /api/docs."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError

from koers.market.tension import TensionInputError
from koers.matching.engine import MatchingInputError
from koers.portfolio.io import PortfolioFormatError
from koers.taxonomy import get_extractor, get_searcher, get_taxonomy
from koers.taxonomy.extract import DEFAULT_MIN_SCORE, MAX_TEXT_LENGTH, ExtractionInputError
from koers.taxonomy.search import MAX_QUERY_LENGTH, SearchQueryError
from koers.taxonomy.taxonomy import UnknownConceptError
from koers.web.errors import BadRequest
from koers.web.market_api import router as market_router
from koers.web.matching_api import router as matching_router

api = NinjaAPI(
    title="Koers API",
    version="1.0",
    description="The Koers competence language (ESCO v1.2.0, © European Union) and its services.",
    urls_namespace="api",
)

Language = Literal["nl", "en"]
api.add_router("/matching", matching_router)
api.add_router("/market", market_router)


class Error(Schema):
    code: str
    message: str
    detail: list[dict[str, object]] = Field(default_factory=list)


def _error(
    request: HttpRequest, status: int, code: str, message: str, detail: list | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "message": message, "detail": detail or []}, status=status
    )


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    summary = "; ".join(f"{f['field'] or 'body'}: {f['message']}" for f in fields)
    return _error(request, 422, "invalid_input", f"Invalid input: {summary}", fields)


@api.exception_handler(TensionInputError)
def on_missing_period(request: HttpRequest, exc: TensionInputError) -> HttpResponse:
    return _error(request, 404, "not_found", str(exc))


@api.exception_handler(UnknownConceptError)
def on_unknown_concept(request: HttpRequest, exc: UnknownConceptError) -> HttpResponse:
    return _error(request, 404, "not_found", str(exc))


@api.exception_handler(SearchQueryError)
@api.exception_handler(ExtractionInputError)
@api.exception_handler(MatchingInputError)
@api.exception_handler(PortfolioFormatError)
@api.exception_handler(BadRequest)
def on_bad_text(request: HttpRequest, exc: ValueError) -> HttpResponse:
    return _error(request, 400, "bad_request", str(exc))


class SearchParams(Schema):
    q: str = Field(
        ..., min_length=1, max_length=MAX_QUERY_LENGTH, description="free text, typos allowed"
    )
    lang: Language = "nl"
    limit: int = Field(10, ge=1, le=100)


class OccupationHit(Schema):
    occupation_uri: str
    label: str
    score: float
    isco_code: str


class SkillHit(Schema):
    skill_uri: str
    label: str
    score: float
    skill_type: str


class SkillRef(Schema):
    skill_uri: str
    label: str


class OccupationOut(Schema):
    occupation_uri: str
    label: str
    labels: dict[str, str]
    alt_labels: dict[str, list[str]]
    isco_code: str
    isco_group: str
    description: str
    essential_skills: list[SkillRef]
    optional_skills: list[SkillRef]


class OccupationRef(Schema):
    occupation_uri: str
    label: str


class SkillOut(Schema):
    skill_uri: str
    label: str
    labels: dict[str, str]
    skill_type: str
    reuse_level: str
    transversal: bool
    digital: bool
    green: bool
    language: bool
    description: str
    broader: list[SkillRef]
    related_skills: list[SkillRef]
    essential_for: list[OccupationRef]
    optional_for: list[OccupationRef]


class LookupParams(Schema):
    uri: str = Field(..., min_length=1, max_length=200, description="the ESCO concept URI")
    lang: Language = "nl"


class ExtractIn(Schema):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_LENGTH)
    lang: Language = "nl"
    min_score: float = Field(DEFAULT_MIN_SCORE, ge=0.0, le=1.0)
    limit: int = Field(25, ge=1, le=100)


class ExtractedSkillOut(Schema):
    skill_uri: str
    label: str
    score: float
    start: int
    end: int
    matched_text: str
    method: str


@api.get("/occupations/search", response=list[OccupationHit], tags=["competence language"])
def occupation_search(request: HttpRequest, params: Query[SearchParams]) -> list[dict[str, object]]:
    """Search occupations by free text in Dutch or English, best first."""
    taxonomy = get_taxonomy()
    hits = get_searcher().occupations.search(params.q, lang=params.lang, limit=params.limit)
    return [
        {
            "occupation_uri": h.uri,
            "label": h.label,
            "score": h.score,
            "isco_code": taxonomy.occupation(h.uri).isco_code,
        }
        for h in hits
    ]


@api.get("/skills/search", response=list[SkillHit], tags=["competence language"])
def skill_search(request: HttpRequest, params: Query[SearchParams]) -> list[dict[str, object]]:
    """Search skills and knowledge by free text in Dutch or English, best first."""
    taxonomy = get_taxonomy()
    hits = get_searcher().skills.search(params.q, lang=params.lang, limit=params.limit)
    return [
        {
            "skill_uri": h.uri,
            "label": h.label,
            "score": h.score,
            "skill_type": taxonomy.skill(h.uri).skill_type.value,
        }
        for h in hits
    ]


@api.get(
    "/occupations/lookup",
    response={200: OccupationOut, 404: Error},
    tags=["competence language"],
)
def occupation_lookup(request: HttpRequest, params: Query[LookupParams]) -> dict[str, object]:
    """Return one occupation with its essential and optional skills."""
    taxonomy = get_taxonomy()
    occupation = taxonomy.occupation(params.uri)
    skills = taxonomy.skills_of(occupation.uri)
    group = taxonomy.isco_group(occupation)
    return {
        "occupation_uri": occupation.uri,
        "label": occupation.label(params.lang),
        "labels": occupation.labels,
        "alt_labels": {k: list(v) for k, v in occupation.alt_labels.items()},
        "isco_code": occupation.isco_code,
        "isco_group": group.label_en if group else "",
        "description": occupation.description(params.lang),
        "essential_skills": [
            {"skill_uri": s.uri, "label": s.label(params.lang)} for s in skills.essential
        ],
        "optional_skills": [
            {"skill_uri": s.uri, "label": s.label(params.lang)} for s in skills.optional
        ],
    }


@api.get("/skills/lookup", response={200: SkillOut, 404: Error}, tags=["competence language"])
def skill_lookup(request: HttpRequest, params: Query[LookupParams]) -> dict[str, object]:
    """Return one skill with its hierarchy, related skills and the occupations that need it."""
    taxonomy = get_taxonomy()
    skill = taxonomy.skill(params.uri)
    essential, optional = taxonomy.occupations_needing(skill.uri)
    lang = params.lang
    return {
        "skill_uri": skill.uri,
        "label": skill.label(lang),
        "labels": skill.labels,
        "skill_type": skill.skill_type.value,
        "reuse_level": skill.reuse_level,
        "transversal": skill.transversal,
        "digital": skill.digital,
        "green": skill.green,
        "language": skill.language,
        "description": skill.description_en,
        "broader": [
            {"skill_uri": g.uri, "label": g.label(lang)} for g in taxonomy.broader_groups(skill.uri)
        ],
        "related_skills": [
            {"skill_uri": s.uri, "label": s.label(lang)}
            for s, _ in taxonomy.related_skills(skill.uri)
        ],
        "essential_for": [{"occupation_uri": o.uri, "label": o.label(lang)} for o in essential],
        "optional_for": [{"occupation_uri": o.uri, "label": o.label(lang)} for o in optional],
    }


@api.post(
    "/skills/extract",
    response={200: list[ExtractedSkillOut], 400: Error},
    tags=["competence language"],
)
def skill_extract(request: HttpRequest, payload: ExtractIn) -> list[dict[str, object]]:
    """Find the ESCO skills a CV, vacancy or course text speaks of, with the matched span."""
    found = get_extractor().extract(
        payload.text, lang=payload.lang, min_score=payload.min_score, limit=payload.limit
    )
    return [s.as_dict() for s in found]
