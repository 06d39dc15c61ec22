"""Request guards of the whole site.

* Dutch first: the interface language is the one the person chose, else Dutch. Django's
  LocaleMiddleware would follow the browser's Accept-Language; Koers serves Flemish citizens
  first, so only an explicit choice (the language switch's cookie) changes it.
* Body size: a request announcing a body above the limit (the API's JSON limit for ``/api/``,
  the largest file upload elsewhere) is answered 413 before it is read, in the API's uniform
  JSON error or as a page.
* Domain errors a page did not handle itself (say, market data in force that no longer make a
  forecast) become a page that says what is wrong, with the error's status, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class BodySizeLimitMiddleware:
    """Refuse bodies over the upload limit (413) without reading them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if api else settings.KOERS_MAX_UPLOAD_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= limit:
            return self.get_response(request)
        from koers.web.errors import BodyTooLarge, error_body, page_message

        error = BodyTooLarge(limit_mb=limit // (1024 * 1024))
        if api:
            return JsonResponse(error_body(error), status=413)
        return render(request, "413.html", {"message": page_message(error)}, status=413)


class KoersErrorPageMiddleware:
    """Turn a :class:`koers.errors.KoersError` raised by a page into a page saying what is
    wrong (the API answers its own errors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from koers.errors import KoersError
        from koers.web.errors import page_message

        if not isinstance(exception, KoersError) or request.path.startswith("/api/"):
            return None
        context = {"message": page_message(exception), "code": exception.code}
        return render(request, "problem.html", context, status=exception.status)
