"""REST endpoints of the competence language: search, look-up and text → skills."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from koers.taxonomy import get_extractor, get_searcher, get_taxonomy
from koers.taxonomy.extract import (
    DEFAULT_LIMIT,
    DEFAULT_MIN_SCORE,
    MAX_TEXT_LENGTH,
    ExtractedSkill,
)
from koers.taxonomy.search import MAX_QUERY_LENGTH, OccupationHit, SkillHit
from koers.web.errors import Error
from koers.web.i18n import Language
from koers.web.schema import SEARCHABLE, Count, Number, Out

router = Router()
TAG = "competence language"


class SearchParams(Schema):
    q: str = Field(
        ...,
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        pattern=SEARCHABLE,
        description="free text with at least one letter or digit, typos allowed",
    )
    lang: Language = "nl"
    limit: int = Field(10, ge=1, le=100)


class SkillRef(Out):
    skill_uri: str
    label: str


class OccupationOut(Out):
    occupation_uri: str
    label: str
    labels: dict[str, str]
    alt_labels: dict[str, list[str]]
    isco_code: str
    isco_group: str
    description: str
    essential_skills: list[SkillRef]
    optional_skills: list[SkillRef]


class OccupationRef(Out):
    occupation_uri: str
    label: str


class SkillOut(Out):
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
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_LENGTH, pattern=SEARCHABLE)
    lang: Language = "nl"
    min_score: Number = Field(DEFAULT_MIN_SCORE, ge=0.0, le=1.0)
    limit: Count = Field(DEFAULT_LIMIT, ge=1, le=100, description="how many skills, best first")


@router.get("/occupations/search", response={200: list[OccupationHit], 400: Error}, tags=[TAG])
def occupation_search(request: HttpRequest, params: Query[SearchParams]) -> list[OccupationHit]:
    """Search occupations by free text in Dutch or English, best first."""
    return get_searcher().occupation_search(params.q, lang=params.lang, limit=params.limit)


@router.get("/skills/search", response={200: list[SkillHit], 400: Error}, tags=[TAG])
def skill_search(request: HttpRequest, params: Query[SearchParams]) -> list[SkillHit]:
    """Search skills and knowledge by free text in Dutch or English, best first."""
    return get_searcher().skill_search(params.q, lang=params.lang, limit=params.limit)


@router.get("/occupations/lookup", response={200: OccupationOut, 404: Error}, tags=[TAG])
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


@router.get("/skills/lookup", response={200: SkillOut, 404: Error}, tags=[TAG])
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


@router.post("/skills/extract", response={200: list[ExtractedSkill], 400: Error}, tags=[TAG])
def skill_extract(request: HttpRequest, payload: ExtractIn) -> list[ExtractedSkill]:
    """Find the ESCO skills a CV, vacancy or course text speaks of, with the matched span."""
    return get_extractor().extract(
        payload.text, lang=payload.lang, min_score=payload.min_score, limit=payload.limit
    )
