"""REST endpoints of the portfolio and the citizen check, for the logged-in user (session and
CSRF as on the site). A citizen reads and changes their own portfolio and check; a coach or an
employer reads the portfolio and check of a citizen who gave consent, and each such read is
logged for the citizen to see."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema, Status
from ninja.security import django_auth

from koers.checks.citizen import check_to_dict, citizen_check
from koers.errors import Forbidden, NotFound
from koers.market.in_force import market_outlook
from koers.matching import get_engine
from koers.portfolio.io import portfolio_from_dict, portfolio_to_dict
from koers.portfolio.model import ClaimSource, Portfolio, ValidationLevel, Visibility
from koers.web.access import is_citizen, is_coach, is_employer
from koers.web.accounts.models import User
from koers.web.errors import Error
from koers.web.i18n import Language
from koers.web.portfolio import services
from koers.web.portfolio.models import AccessLog, Claim
from koers.web.schema import Out

router = Router(tags=["portfolio"], auth=django_auth)
ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error}


class CitizensOnly(Forbidden):
    code = "portfolio.citizens_only"
    message = "Only a citizen keeps a portfolio and runs this check."


class GranteesOnly(Forbidden):
    code = "portfolio.grantees_only"
    message = "Only career coaches and employers read the portfolios of others."


class UnknownCitizen(NotFound):
    code = "portfolio.unknown_citizen"
    message = "There is no citizen with id {citizen_id}."


class UnknownClaim(NotFound):
    code = "portfolio.unknown_claim"
    message = "Your portfolio has no skill claim with id {claim_id}."


class ClaimIn(Schema):
    skill_uri: str = Field(..., max_length=200)
    validation: ValidationLevel = ValidationLevel.SELF_DECLARED
    source: ClaimSource = ClaimSource.SELF
    issuer: str = Field("", max_length=500)
    identified_on: date | None = None
    last_used: date | None = None
    evidence: str = Field("", max_length=2000)
    visibility: Visibility = Visibility.SHARED


class ClaimOut(Out):
    id: int
    skill_uri: str
    label: str
    validation: str
    source: str
    issuer: str
    identified_on: date | None
    last_used: date | None
    evidence: str
    visibility: str
    to_confirm: bool


class ImportOut(Out):
    added: int


class CitizenOut(Out):
    id: int
    name: str


class ReadOut(Out):
    viewer: str
    what: str
    at: str


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _citizen(request: HttpRequest) -> User:
    user = _user(request)
    if not is_citizen(user):
        raise CitizensOnly()
    return user


def _claim_out(claim: Claim, lang: str) -> dict[str, Any]:
    skill = get_engine().taxonomy.find_skill(claim.skill_uri)
    return {
        "id": claim.pk,
        **services.claim_fields(claim),
        "label": skill.label(lang) if skill else claim.skill_uri,
    }


def _check(portfolio: Portfolio, lang: str) -> dict[str, Any]:
    result = citizen_check(portfolio, engine=get_engine(), outlook=market_outlook(), lang=lang)
    return check_to_dict(result, lang=lang)


def _consenting_citizen(request: HttpRequest, citizen_id: int) -> tuple[User, User]:
    viewer = _user(request)
    if not (is_coach(viewer) or is_employer(viewer)):
        raise GranteesOnly()
    citizen = User.objects.filter(pk=citizen_id, role="citizen").first()
    if citizen is None:
        raise UnknownCitizen(citizen_id=citizen_id)
    return citizen, viewer


@router.get("/me/portfolio", response={200: dict[str, Any], **ERRORS})
def my_portfolio(request: HttpRequest) -> dict[str, Any]:
    """My whole portfolio as a ``koers-portfolio/2`` document."""
    user = _citizen(request)
    return portfolio_to_dict(services.access_portfolio(citizen=user, viewer=user))


@router.get("/me/portfolio/claims", response={200: list[ClaimOut], **ERRORS})
def my_claims(request: HttpRequest, lang: Language = "nl") -> list[dict[str, Any]]:
    """My skill claims with their ids (to change or remove them) and Dutch or English labels."""
    user = _citizen(request)
    return [_claim_out(c, lang) for c in services.active_claims(user)]


@router.post("/me/portfolio/claims", response={200: ClaimOut, **ERRORS})
def add_claim(request: HttpRequest, payload: ClaimIn, lang: Language = "nl") -> dict[str, Any]:
    """Add a skill claim; a skill already in the portfolio is returned as it is."""
    user = _citizen(request)
    document = {"claims": [payload.model_dump(mode="json")]}
    taxonomy = get_engine().taxonomy
    (claim,) = portfolio_from_dict(document, known_skills=taxonomy.skill_index).claims
    return _claim_out(services.claim_add(owner=user, claim=claim, by=user), lang)


@router.delete("/me/portfolio/claims/{claim_id}", response={204: None, **ERRORS})
def remove_claim(request: HttpRequest, claim_id: int) -> Status:
    """Remove a claim from the portfolio; its history stays."""
    user = _citizen(request)
    if not Claim.objects.filter(pk=claim_id, owner=user, removed_at__isnull=True).exists():
        raise UnknownClaim(claim_id=claim_id)
    services.claim_remove(owner=user, claim_id=claim_id, by=user)
    return Status(204, None)


@router.post("/me/portfolio/import", response={200: ImportOut, **ERRORS})
def import_portfolio(request: HttpRequest, payload: Body[dict[str, Any]]) -> dict[str, int]:
    """Add the claims, occupation and aspirations of a ``koers-portfolio/1`` or ``/2``
    document; skills already held stay as they are. All or nothing."""
    user = _citizen(request)
    taxonomy = get_engine().taxonomy
    portfolio = portfolio_from_dict(
        payload,
        known_skills=taxonomy.skill_index,
        known_occupations=taxonomy.occupation_index,
    )
    return {"added": services.portfolio_import(owner=user, portfolio=portfolio, by=user)}


@router.get("/me/reads", response={200: list[ReadOut], **ERRORS})
def reads_of_my_portfolio(request: HttpRequest) -> list[dict[str, str]]:
    """Who read my data, what and when (newest first)."""
    user = _citizen(request)
    return [
        {"viewer": str(r.viewer or "?"), "what": r.what, "at": r.at.isoformat()}
        for r in AccessLog.objects.filter(citizen=user).select_related("viewer")
    ]


@router.get("/me/check", response={200: dict[str, Any], **ERRORS})
def my_check(request: HttpRequest, lang: Language = "nl") -> dict[str, Any]:
    """My competence check: risk signals with reasons, the action plan, the fits behind them."""
    user = _citizen(request)
    return _check(services.access_portfolio(citizen=user, viewer=user), lang)


@router.get("/citizens", response={200: list[CitizenOut], **ERRORS})
def my_caseload(request: HttpRequest) -> list[dict[str, Any]]:
    """The citizens who gave me (a coach or an employer) access."""
    viewer = _user(request)
    if not (is_coach(viewer) or is_employer(viewer)):
        raise GranteesOnly()
    return [
        {"id": c.pk, "name": c.get_full_name() or c.username} for c in services.caseload(viewer)
    ]


@router.get("/citizens/{citizen_id}/portfolio", response={200: dict[str, Any], **ERRORS})
def citizen_portfolio(request: HttpRequest, citizen_id: int) -> dict[str, Any]:
    """A consenting citizen's shared claims (the read is logged; without consent: 403)."""
    citizen, viewer = _consenting_citizen(request, citizen_id)
    return portfolio_to_dict(services.access_portfolio(citizen=citizen, viewer=viewer))


@router.get("/citizens/{citizen_id}/check", response={200: dict[str, Any], **ERRORS})
def citizen_check_of(
    request: HttpRequest, citizen_id: int, lang: Language = "nl"
) -> dict[str, Any]:
    """A consenting citizen's check on their shared claims (logged; without consent: 403)."""
    citizen, viewer = _consenting_citizen(request, citizen_id)
    portfolio = services.access_portfolio(citizen=citizen, viewer=viewer, what="check")
    return _check(portfolio, lang)
