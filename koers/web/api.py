"""The REST API (django-ninja): one router per domain, one error answer for all of them.

Each router parses, calls the domain and returns its rows; every domain error becomes the
uniform ``{code, message, detail}`` body with the error's status. OpenAPI docs at /api/docs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from koers.errors import KoersError, NotLoggedIn, TooManyRequests
from koers.web.checks.api import router as checks_router
from koers.web.errors import CsrfFailed, InvalidRequest, NotJsonBody, error_body
from koers.web.market.api import router as market_router
from koers.web.matching.api import router as matching_router
from koers.web.monitoring.api import router as monitoring_router
from koers.web.portfolio.api import router as portfolio_router
from koers.web.taxonomy.api import router as taxonomy_router
from koers.web.training.api import router as training_router


def _finite(data: Any) -> Any:
    """``data`` with every float that is not finite (NaN, ±inf) replaced by None."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    return data


class StrictJSONRenderer(JSONRenderer):
    """JSON as the standard allows it: never NaN or Infinity (they become null)."""

    json_dumps_params: Mapping[str, Any] = {"allow_nan": False}

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        try:  # nearly always finite: serialising is cheaper than walking the data first
            return super().render(request, data, response_status=response_status)
        except ValueError:  # "Out of range float values are not JSON compliant"
            return super().render(request, _finite(data), response_status=response_status)


ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
EVERY_OPERATION = {
    422: "The request does not fit the schema (code `invalid_input`, one detail per field).",
    429: "Too many requests from this client; wait the seconds in Retry-After.",
}
WITH_A_BODY = {
    400: "The body is not JSON, or its content cannot be used.",
    413: "The body is larger than the API accepts (5 MB).",
}
WITH_A_LOGIN = {
    401: "Not logged in.",
    403: "Not allowed for this role, no consent, or no valid CSRF token.",
}


class KoersAPI(NinjaAPI):
    """The API whose schema documents the errors every operation can answer, beside the
    ones each operation declares."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for methods in schema["paths"].values():
            for operation in methods.values():
                common = dict(EVERY_OPERATION)
                if "requestBody" in operation:
                    common |= WITH_A_BODY
                if operation.get("security"):
                    common |= WITH_A_LOGIN
                responses = operation["responses"]
                for status, description in common.items():
                    if status not in responses and str(status) not in responses:
                        responses[status] = {"description": description, "content": ERROR_BODY}
        return schema


api = KoersAPI(
    renderer=StrictJSONRenderer(),
    title="Koers API",
    version="1.0",
    description="The Koers competence language (ESCO v1.2.0, © European Union) and its services.",
    urls_namespace="api",
    throttle=[AnonRateThrottle(settings.KOERS_API_RATE), AuthRateThrottle(settings.KOERS_API_RATE)],
)
api.add_router("", taxonomy_router)
api.add_router("/matching", matching_router)
api.add_router("/market", market_router)
api.add_router("", portfolio_router)
api.add_router("", checks_router)
api.add_router("", monitoring_router)
api.add_router("", training_router)


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


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    seconds = max(1, math.ceil(exc.wait or 1))
    response = on_koers_error(request, TooManyRequests(seconds=seconds))
    response["Retry-After"] = str(seconds)
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals (a body that is not JSON, a missing CSRF token) in the uniform
    error body."""
    if exc.status_code == 403:
        return on_koers_error(request, CsrfFailed())
    if exc.status_code == 400:
        return on_koers_error(request, NotJsonBody())
    body = {"code": f"http.{exc.status_code}", "message": str(exc), "detail": []}
    return api.create_response(request, body, status=exc.status_code)
