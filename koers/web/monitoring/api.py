"""REST endpoints of issue 14: the policy KPIs (analysts and administrators), a citizen's
vacancies (synthetic) and an employer's candidates for a vacancy (among citizens who gave
consent; every portfolio read is logged). Session and CSRF as on the site."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from koers.batch.personal import MAX_REQUIRED, MAX_RESULTS, VacancyFit
from koers.monitoring import KpiRow, Target
from koers.web.access import can_monitor_policy, is_citizen, is_employer
from koers.web.accounts.models import User
from koers.web.errors import Error
from koers.web.monitoring import services
from koers.web.schema import Out

router = Router(tags=["monitoring and vacancies"], auth=django_auth)
ERRORS: dict[int, Any] = {401: Error, 403: Error}
Region = Literal["Flanders", "Wallonia", "Brussels"]
CitizenId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class KpisOut(Out):
    period: str = Field(..., description="YYYY-MM: the platform figures cover the 12 months before")
    population_source: str = Field(..., description="the synthetic population behind them")
    platform: list[KpiRow] = Field(..., description="platform figures (provenance synthetic)")
    real: list[KpiRow] = Field(..., description="published indicators (provenance real)")
    targets: list[Target]


class VacanciesQuery(Schema):
    top: int = Field(10, ge=1, le=MAX_RESULTS)
    region: Region | None = None


class CandidatesIn(Schema):
    skills: list[Annotated[str, Field(max_length=200)]] = Field(
        ..., min_length=1, max_length=MAX_REQUIRED, description="ESCO URIs of required skills"
    )
    region: Region | None = Field(None, description="where the vacancy is (for the record)")
    top: int = Field(10, ge=1, le=MAX_RESULTS)
    citizen_ids: list[CitizenId] | None = Field(
        None,
        max_length=500,
        description="only these citizens (each must have given consent); default: all who did",
    )


class CandidateOut(Out):
    citizen_id: int
    name: str
    rank: int
    required_count: int
    matched_count: int
    fit: str = Field(..., description="strong, partial or weak")
    matched_skills: list[str]
    missing_skills: list[str]


class CandidatesOut(Out):
    read: int = Field(..., description="portfolios read (and logged) for this search")
    region: Region | None
    candidates: list[CandidateOut]


def _user(request: HttpRequest) -> User:
    user: User = request.user
    return user


@router.get("/monitoring/kpis", response={200: KpisOut, **ERRORS})
def kpis(request: HttpRequest) -> dict[str, Any]:
    """Policy KPIs against their targets: platform figures (synthetic) and, apart, the
    published indicators (real, with their source). Analysts and administrators."""
    if not can_monitor_policy(_user(request)):
        raise services.AnalystsOnly()
    figures = services.policy_figures()
    return {
        "period": figures.period,
        "population_source": figures.population.source,
        "platform": list(figures.report.platform),
        "real": list(figures.report.real),
        "targets": list(figures.report.targets),
    }


@router.get("/me/vacancies", response={200: list[VacancyFit], **ERRORS})
def my_vacancies(request: HttpRequest, params: Query[VacanciesQuery]) -> list[VacancyFit]:
    """The synthetic vacancies that fit my portfolio best, with matched and missing skills."""
    user = _user(request)
    if not is_citizen(user):
        raise services.CitizensOnly()
    return services.my_vacancies(user, top=params.top, region=params.region)


@router.post("/vacancies/candidates", response={200: CandidatesOut, 400: Error, **ERRORS})
def vacancy_candidates(request: HttpRequest, payload: CandidatesIn) -> dict[str, Any]:
    """The best candidates for a vacancy among the citizens who gave me (an employer) consent;
    a named citizen without consent: 403. Each portfolio read is logged for its owner."""
    user = _user(request)
    if not is_employer(user):
        raise services.EmployersOnly()
    found, read = services.candidates(
        user, payload.skills, top=payload.top, citizen_ids=payload.citizen_ids
    )
    return {
        "read": read,
        "region": payload.region,
        "candidates": [
            {
                "citizen_id": c.citizen.pk,
                "name": c.citizen.get_full_name() or c.citizen.username,
                "rank": c.fit.rank,
                "required_count": c.fit.required_count,
                "matched_count": c.fit.matched_count,
                "fit": c.fit.fit,
                "matched_skills": list(c.fit.matched_skills),
                "missing_skills": list(c.fit.missing_skills),
            }
            for c in found
        ],
    }
