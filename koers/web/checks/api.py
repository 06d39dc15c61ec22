"""REST endpoint of the organisation check, for a logged-in employer (session and CSRF)."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from koers.errors import Forbidden
from koers.web.access import is_employer
from koers.web.checks.services import run_organisation_check
from koers.web.errors import Error
from koers.web.i18n import Language

router = Router(tags=["checks"], auth=django_auth)
ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error}
MAX_EMPLOYEES = 20_000
MAX_TARGETS = 1_000


class EmployersOnly(Forbidden):
    code = "checks.employers_only"
    message = "Only an employer runs the organisation check."


class OrganisationCheckIn(Schema):
    """The two files of the organisation check as rows (see the README for their columns)."""

    organisation: str = Field("", max_length=200)
    workforce: list[dict[str, str]] = Field(..., min_length=1, max_length=MAX_EMPLOYEES)
    strategy: list[dict[str, str]] = Field(default_factory=list, max_length=MAX_TARGETS)
    lang: Language = "nl"


@router.post("/checks/organisation", response={200: dict[str, Any], **ERRORS})
def organisation_check(request: HttpRequest, payload: OrganisationCheckIn) -> dict[str, Any]:
    """The employability plan: employees at risk and why, training needs per competence,
    internal candidates and recruitment per target role, and the vulnerability score."""
    if not is_employer(request.user):
        raise EmployersOnly()
    plan = run_organisation_check(
        employer=request.user,  # type: ignore[arg-type]
        organisation=payload.organisation,
        workforce=("workforce", payload.workforce),
        strategy=("strategy", payload.strategy),
        lang=payload.lang,
    )
    return dataclasses.asdict(plan)
