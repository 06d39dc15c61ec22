"""REST endpoints of the matching engine: skills → occupations, career steps, pathways."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from koers.market.in_force import market_outlook
from koers.matching import get_engine, get_planner
from koers.matching.export import match_dict, route_dict
from koers.portfolio.io import MAX_CLAIMS, portfolio_from_dict, portfolio_from_skills
from koers.portfolio.model import ClaimSource, Portfolio, ValidationLevel
from koers.taxonomy import get_searcher
from koers.web.errors import Error, NoSkillsOrPortfolio, SkillsAndPortfolio
from koers.web.i18n import Language
from koers.web.schema import SEARCHABLE, Count, Flag, Number, Out

router = Router(tags=["matching"])
ERRORS: dict[int, Any] = {400: Error, 404: Error, 409: Error}


class SkillRef(Out):
    skill_uri: str
    label: str


class OutlookOut(Out):
    score: float
    summary: str


class OccupationMatchOut(Out):
    occupation_uri: str
    label: str
    score: float
    essential_total: int = Field(..., description="essential skills the occupation asks")
    essential_covered: int = Field(..., description="of those, the ones the person has")
    essential_coverage: float
    coverage: float
    reuse: float
    essential_count: int
    matched_skills: list[SkillRef]
    matched_skill_count: int
    missing_essential_skills: list[SkillRef]
    outlook: OutlookOut
    why: str


class RouteOut(Out):
    cost: float
    total_missing_essential_skills: int
    steps: list[OccupationMatchOut]


class PortfolioClaimIn(Schema):
    skill_uri: str = Field(..., min_length=1, max_length=200)
    validation: ValidationLevel = ValidationLevel.SELF_DECLARED
    last_used: date | None = None
    source: ClaimSource = ClaimSource.SELF
    evidence: str = Field("", max_length=1000)


class PortfolioIn(Schema):
    """At most 2,000 claims with 1,000 characters of evidence each: always under the API's
    5 MB body limit, so every portfolio the schema allows can be accepted."""

    owner: str = Field("", max_length=200)
    claims: list[PortfolioClaimIn] = Field(..., min_length=1, max_length=MAX_CLAIMS)


def _one_of(*names: str) -> ConfigDict:
    """The JSON schema says what the server checks: exactly one of ``names`` is given."""
    return ConfigDict(json_schema_extra={"oneOf": [{"required": [n]} for n in names]})


class StartIn(Schema):
    """Where a person starts: a list of skills, a portfolio, or (career steps) an occupation.
    Absent and null are the same; the schema lists them without null so that "exactly one"
    can be said in it."""

    skills: list[str] = Field(  # type: ignore[assignment]
        None, min_length=1, max_length=500, description="ESCO skill URIs"
    )
    portfolio: PortfolioIn = None  # type: ignore[assignment]
    lang: Language = "nl"


class MatchIn(StartIn):
    model_config = _one_of("skills", "portfolio")

    top: Count = Field(20, ge=1, le=200)
    half_life_years: Number = Field(
        5.0, ge=0.5, le=50.0, description="years after which an unused skill counts half"
    )


class CareerStepsIn(StartIn):
    model_config = _one_of("occupation", "skills", "portfolio")

    occupation: str = Field(  # type: ignore[assignment]
        None, max_length=200, pattern=SEARCHABLE, description="ESCO URI or label"
    )
    top: Count = Field(10, ge=1, le=200)
    same_or_higher_level: Flag = False
    exclude_near_duplicates: Flag = True


class PathwayIn(StartIn):
    model_config = _one_of("occupation", "skills", "portfolio")

    occupation: str = Field(  # type: ignore[assignment]
        None, max_length=200, pattern=SEARCHABLE, description="ESCO URI or label"
    )
    goal: str = Field(
        ..., min_length=1, max_length=200, pattern=SEARCHABLE, description="ESCO URI or label"
    )
    routes: Count = Field(3, ge=1, le=5)


class CareerStepsQuery(Schema):
    occupation: str = Field(
        ..., min_length=1, max_length=200, pattern=SEARCHABLE, description="ESCO URI or label"
    )
    top: int = Field(10, ge=1, le=200)
    same_or_higher_level: bool = False
    exclude_near_duplicates: bool = True
    lang: Language = "nl"


def _portfolio(start: StartIn) -> Portfolio | None:
    """The portfolio described by ``skills`` or ``portfolio``; None if neither is given."""
    if start.skills is not None and start.portfolio is not None:
        raise SkillsAndPortfolio()
    known = get_engine().taxonomy.skill_index
    if start.skills is not None:
        return portfolio_from_skills(start.skills, known_skills=known)
    if start.portfolio is not None:
        return portfolio_from_dict(start.portfolio.model_dump(mode="json"), known_skills=known)
    return None


def _occupation_uri(text: str) -> str:
    return get_searcher().occupations.resolve(text).uri


@router.post("/occupations", response={200: list[OccupationMatchOut], **ERRORS})
def match_occupations(request: HttpRequest, payload: MatchIn) -> list[dict[str, Any]]:
    """Score every occupation against skills or a portfolio: coverage, matched skills, gap."""
    portfolio = _portfolio(payload)
    if portfolio is None:
        raise NoSkillsOrPortfolio()
    matches = get_engine().match_portfolio(
        portfolio, top=payload.top, half_life_years=payload.half_life_years
    )
    return [match_dict(m, lang=payload.lang) for m in matches]


def _steps(
    *,
    occupation: str | None,
    portfolio: Portfolio | None,
    top: int,
    same_or_higher_level: bool,
    exclude_near_duplicates: bool,
    lang: str,
) -> list[dict[str, Any]]:
    steps = get_engine().career_steps(
        occupation_uri=_occupation_uri(occupation) if occupation else None,
        portfolio=portfolio,
        top=top,
        same_or_higher_level=same_or_higher_level,
        exclude_near_duplicates=exclude_near_duplicates,
        outlook=market_outlook(),
    )
    return [match_dict(s, lang=lang) for s in steps]


@router.get("/career-steps", response={200: list[OccupationMatchOut], **ERRORS})
def career_steps_from_occupation(
    request: HttpRequest, params: Query[CareerStepsQuery]
) -> list[dict[str, Any]]:
    """Career steps from a current occupation (ESCO URI or label), with gap and reasons."""
    return _steps(portfolio=None, **params.dict())


@router.post("/career-steps", response={200: list[OccupationMatchOut], **ERRORS})
def career_steps(request: HttpRequest, payload: CareerStepsIn) -> list[dict[str, Any]]:
    """Career steps from a current occupation, a list of skills or a portfolio."""
    return _steps(
        occupation=payload.occupation,
        portfolio=_portfolio(payload),
        top=payload.top,
        same_or_higher_level=payload.same_or_higher_level,
        exclude_near_duplicates=payload.exclude_near_duplicates,
        lang=payload.lang,
    )


@router.post("/pathways", response={200: list[RouteOut], **ERRORS})
def pathways(request: HttpRequest, payload: PathwayIn) -> list[dict[str, Any]]:
    """The few shortest realistic routes to a goal occupation, each step with its gap."""
    routes = get_planner().routes(
        goal_uri=_occupation_uri(payload.goal),
        occupation_uri=_occupation_uri(payload.occupation) if payload.occupation else None,
        portfolio=_portfolio(payload),
        count=payload.routes,
    )
    return [route_dict(r, lang=payload.lang) for r in routes]
