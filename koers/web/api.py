"""The REST API (django-ninja): one router per domain, one error answer for all of them.

Each router parses, calls the domain and returns its rows; every domain error becomes the
uniform ``{code, message, detail}`` body with the error's status. OpenAPI docs at /api/docs.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from koers.errors import KoersError, NotLoggedIn
from koers.web.checks.api import router as checks_router
from koers.web.errors import InvalidRequest, error_body
from koers.web.market.api import router as market_router
from koers.web.matching.api import router as matching_router
from koers.web.portfolio.api import router as portfolio_router
from koers.web.taxonomy.api import router as taxonomy_router

api = NinjaAPI(
    title="Koers API",
    version="1.0",
    description="The Koers competence language (ESCO v1.2.0, © European Union) and its services.",
    urls_namespace="api",
)
api.add_router("", taxonomy_router)
api.add_router("/matching", matching_router)
api.add_router("/market", market_router)
api.add_router("", portfolio_router)
api.add_router("", checks_router)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return api.create_response(request, error_body(InvalidRequest(fields)), status=422)


@api.exception_handler(KoersError)
def on_koers_error(request: HttpRequest, exc: KoersError) -> HttpResponse:
    return api.create_response(request, error_body(exc), status=exc.status)


@api.exception_handler(AuthenticationError)
def on_not_logged_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return on_koers_error(request, NotLoggedIn())
