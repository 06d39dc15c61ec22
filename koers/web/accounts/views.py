"""After logging in, each role lands on its own start page (``LOGIN_REDIRECT_URL``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from koers.web.accounts.models import Role

START_PAGES = {
    Role.CITIZEN: "portfolio",
    Role.COACH: "caseload",
    Role.EMPLOYER: "organisation_check",
    Role.ANALYST: "market_overview",
    Role.ADMIN: "market_import",
}
"""The page each role starts on; a role not listed gets the start page below, which says
what Koers offers it today and what is still to come."""


@login_required
def start(request: HttpRequest) -> HttpResponse:
    page = START_PAGES.get(getattr(request.user, "role", ""))
    if page is not None:
        return redirect(page)
    return render(request, "accounts/start.html")
