"""REST endpoints of training and rights: courses for a gap (public; a logged-in citizen's
incentives count), the rights a profile is entitled to (public, nothing kept), and the
logged-in citizen's learning account (session and CSRF as on the site)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from koers.errors import Forbidden
from koers.rights.model import EducationLevel, Status
from koers.rights.profile import profile_from_dict
from koers.taxonomy import get_taxonomy
from koers.training.model import REGIONS, Mode
from koers.training.recommend import MAX_LIMIT, Preferences, recommend
from koers.web.access import is_citizen
from koers.web.errors import Error
from koers.web.i18n import Language
from koers.web.schema import Count, Out
from koers.web.training import services

router = Router(tags=["training"])


class CitizensOnlyAccount(Forbidden):
    code = "training.citizens_only"
    message = "Only a citizen has a learning account."


class RecommendQuery(Schema):
    gap: str = Field(
        ...,
        min_length=1,
        max_length=100_000,
        description="missing ESCO skill URIs, comma-separated",
    )
    region: str = Field("", max_length=40, description="preferred region: " + ", ".join(REGIONS))
    mode: str = Field(
        "", max_length=200, description="preferred modes, comma-separated: " + ", ".join(Mode)
    )
    limit: int = Field(10, ge=1, le=MAX_LIMIT)
    lang: Language = "nl"


class ProfileIn(Schema):
    status: Status = Field(..., description="labour-market status")
    region: Literal["flanders", "brussels", "wallonia"]
    age: Count = Field(None, ge=0, le=120, description="years (leave out if unknown)")
    education_level: EducationLevel | None = Field(
        None, description="low: at most lower secondary; medium: secondary; high: higher"
    )
    employer_size: Count = Field(
        None, ge=0, le=10_000_000, description="how many people work for the employer"
    )
    sector: str = Field("", max_length=10, description="NACE code, e.g. C25")
    course_recognised_for: list[str] | None = Field(
        None, max_length=20, description="incentive ids a course in view is recognised for"
    )


class CourseOut(Out):
    course_id: str
    title: str
    provider: str
    covers: list[str] = Field(..., description="the gap skill URIs the course teaches")
    cost: float = Field(..., description="price in euro before incentives")
    cost_after_incentives: float = Field(
        ..., description="price after the best incentive the logged-in citizen is entitled to"
    )
    incentive: str = Field(..., description="the incentive id applied, or empty")
    duration_hours: float
    mode: str
    region: str
    synthetic: bool = Field(..., description="true for a made-up course of the demo catalogue")
    why: str


class CheckOut(Out):
    field: str
    met: bool
    reason: str


class BenefitOut(Out):
    kind: str
    share: float | None
    cap_eur: float | None
    yearly_cap_eur: float | None
    hours: float | None
    deposit_eur: float | None


class DecisionOut(Out):
    rule_id: str
    version: str
    title: str
    summary: str
    eligible: bool
    checks: list[CheckOut]
    benefit: BenefitOut
    source_title: str
    source_url: str
    valid_from: str
    valid_until: str | None
    to_verify: bool = Field(..., description="the figures are illustrative: check the source")


class EntryOut(Out):
    sequence: int
    kind: str
    amount_cents: int
    funder: str
    reference: str
    at: str
    available_after_cents: int
    reserved_after_cents: int


class AccountOut(Out):
    available_cents: int
    reserved_cents: int
    entries: list[EntryOut] = Field(..., description="oldest first")


@router.get(
    "/training/recommend",
    response={200: list[CourseOut], 400: Error},
)
def recommend_training(request: HttpRequest, params: Query[RecommendQuery]) -> list[dict[str, Any]]:
    """Courses for the missing skills, best first: gap skills covered, fit with mode and region,
    cost after incentives, duration. Each with the gap skills it covers and why."""
    lang, region = params.lang, params.region
    uris = [u.strip() for u in params.gap.split(",") if u.strip()]
    wanted = (p.strip() for p in params.mode.split(","))
    modes = tuple(Mode(m) for m in wanted if m in tuple(Mode))
    taxonomy = get_taxonomy()
    labels = {}
    for uri in uris[:500]:
        skill = taxonomy.find_skill(uri)
        if skill is not None:
            labels[uri] = skill.label(lang)
    index = services.catalogue_index()
    user = request.user
    rows = recommend(
        index,
        uris,
        incentives=services.incentives_for(user, lang=lang) if is_citizen(user) else [],
        preferences=Preferences(modes=modes, region=region if region in REGIONS else ""),
        limit=params.limit,
        lang=lang,
        labels=labels,
    )
    by_id = index.catalogue.by_id
    return [
        {
            "course_id": r.course_id,
            "title": r.title,
            "provider": r.provider,
            "covers": list(r.covers),
            "cost": r.cost,
            "cost_after_incentives": r.cost_after_incentives,
            "incentive": r.incentive,
            "duration_hours": r.duration_hours,
            "mode": r.mode,
            "region": r.region,
            "synthetic": by_id[r.course_id].synthetic,
            "why": r.why,
        }
        for r in rows
    ]


@router.post("/rights", response={200: list[DecisionOut], 400: Error})
def rights(request: HttpRequest, payload: ProfileIn, lang: Language = "nl") -> list[Any]:
    """Every incentive in force today for the profile (``status`` and ``region`` required;
    ``age``, ``education_level``, ``employer_size``, ``sector``, ``course_recognised_for``
    optional): eligible ones first, each condition with its reason, the legal source, and
    whether the figures are still to verify. Nothing is kept."""
    data = payload.model_dump(mode="json", exclude_none=True)
    return services.decisions(profile_from_dict(data), lang=lang)


@router.get("/me/account", response={200: AccountOut, 401: Error, 403: Error}, auth=django_auth)
def my_account(request: HttpRequest) -> dict[str, Any]:
    """My learning-and-career account: balance (available and reserved, in cents) and every
    entry of its ledger."""
    user = request.user
    if not is_citizen(user):
        raise CitizensOnlyAccount()
    account = services.account_of(user)  # type: ignore[arg-type]
    return {
        "available_cents": account.available_cents,
        "reserved_cents": account.reserved_cents,
        "entries": [
            {
                "sequence": e.sequence,
                "kind": e.kind,
                "amount_cents": e.amount_cents,
                "funder": e.funder,
                "reference": e.reference,
                "at": e.created_at.isoformat(),
                "available_after_cents": e.available_after_cents,
                "reserved_after_cents": e.reserved_after_cents,
            }
            for e in account.entries.order_by("sequence")
        ],
    }
