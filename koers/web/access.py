"""Who may do what: one helper per rule, used by views, templates and the API alike."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from koers.web.accounts.models import Role

MARKET_IMPORT_ROLES = (Role.ANALYST, Role.ADMIN)


def can_import_market_data(user: Any) -> bool:
    """Analysts and administrators may import, and see the imports of, market data."""
    return bool(user.is_authenticated) and getattr(user, "role", "") in MARKET_IMPORT_ROLES


def access_required(
    rule: Callable[[Any], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let a view run only for a logged-in user that ``rule`` admits (else 403)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorate


def _role(user: Any, *roles: str) -> bool:
    return bool(user.is_authenticated) and getattr(user, "role", "") in roles


def is_citizen(user: Any) -> bool:
    """Citizens keep a portfolio and run their own check."""
    return _role(user, Role.CITIZEN)


def is_coach(user: Any) -> bool:
    """Career coaches work a caseload of citizens who gave consent."""
    return _role(user, Role.COACH)


def is_employer(user: Any) -> bool:
    """Employers run the organisation check."""
    return _role(user, Role.EMPLOYER)


def can_monitor_policy(user: Any) -> bool:
    """Analysts and administrators see the policy monitoring of the platform's data."""
    return _role(user, Role.ANALYST, Role.ADMIN)


def can_see_vulnerable_organisations(user: Any) -> bool:
    """Analysts and administrators see the organisations flagged for outreach."""
    return _role(user, Role.ANALYST, Role.ADMIN)


def is_provider(user: Any) -> bool:
    """Training providers publish courses and mark enrolments completed."""
    return _role(user, Role.PROVIDER)


def can_import_training(user: Any) -> bool:
    """Training providers and administrators import a course catalogue file."""
    return _role(user, Role.PROVIDER, Role.ADMIN)
