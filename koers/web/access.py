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
