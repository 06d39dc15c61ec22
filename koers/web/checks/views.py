"""Check pages: a citizen's risk signals and action plan, an employer's employability plan,
and the organisations flagged for outreach (analysts). Thin: the checks are koers.checks."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.checks.citizen import citizen_check
from koers.checks.organisation import (
    STRATEGY,
    WORKFORCE,
)
from koers.market.formats import ImportValidationError
from koers.market.in_force import market_outlook
from koers.matching import get_engine
from koers.web.access import (
    access_required,
    can_see_vulnerable_organisations,
    is_citizen,
    is_employer,
)
from koers.web.accounts.models import User
from koers.web.checks.models import OrganisationCheck
from koers.web.checks.services import run_organisation_check
from koers.web.i18n import active_language
from koers.web.portfolio import services
from koers.web.portfolio.models import ActionItem

MAX_UPLOAD_BYTES = 5_000_000


@access_required(is_citizen)
def citizen(request: HttpRequest) -> HttpResponse:
    """My competence check: signals with their reasons, and a plan I can share with my coach."""
    user: User = request.user  # type: ignore[assignment]
    portfolio = services.access_portfolio(citizen=user, viewer=user)
    check = citizen_check(
        portfolio, engine=get_engine(), outlook=market_outlook(), lang=active_language()
    )
    if request.method == "POST":
        share = request.POST.get("share") == "1"
        services.plan_save(citizen=user, actions=list(check.action_plan), share=share, by=user)
        messages.success(
            request,
            _("Your action plan is saved and shared with your coach.")
            if share
            else _("Your action plan is saved."),
        )
        return redirect("citizen_check")
    return render(
        request,
        "checks/citizen.html",
        {
            "check": check,
            "empty": not portfolio.claims,
            "saved": ActionItem.objects.filter(citizen=user),
        },
    )


def _upload(request: HttpRequest, name: str) -> list[dict[str, Any]]:
    upload = request.FILES[name]
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValueError(name)
    text = upload.read().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@access_required(is_employer)
def organisation(request: HttpRequest) -> HttpResponse:
    """Upload the workforce and the strategy; read the employability plan."""
    context: dict[str, Any] = {"formats": (WORKFORCE, STRATEGY)}
    if request.method == "POST":
        try:
            if "workforce" not in request.FILES or "strategy" not in request.FILES:
                raise KeyError("file")
            plan = run_organisation_check(
                employer=request.user,  # type: ignore[arg-type]
                organisation=request.POST.get("organisation", ""),
                workforce=(request.FILES["workforce"].name or "", _upload(request, "workforce")),
                strategy=(request.FILES["strategy"].name or "", _upload(request, "strategy")),
                lang=active_language(),
            )
        except ImportValidationError as error:
            context["problems"] = error.errors[:50]
            return render(request, "checks/organisation.html", context, status=400)
        except (KeyError, ValueError, UnicodeDecodeError):
            context["error"] = _(
                "Choose a workforce file and a strategy file: UTF-8 CSV, at most 5 MB each."
            )
            return render(request, "checks/organisation.html", context, status=400)
        context["plan"] = plan
    return render(request, "checks/organisation.html", context)


@access_required(can_see_vulnerable_organisations)
def vulnerable(request: HttpRequest) -> HttpResponse:
    """Organisations whose last check flagged them, for active outreach."""
    latest: dict[tuple[int, str], OrganisationCheck] = {}
    for row in OrganisationCheck.objects.order_by("checked_at"):
        latest[(row.employer_id, row.organisation)] = row
    rows = sorted((r for r in latest.values() if r.flagged), key=lambda r: -r.score)
    return render(request, "checks/vulnerable.html", {"rows": rows, "checked": len(latest)})
