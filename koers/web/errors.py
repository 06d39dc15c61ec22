"""Errors at the web door: the API's uniform error body, the page text of a domain error, and
the few errors only a web request can make (parts of a request that do not fit together)."""

from __future__ import annotations

from typing import Any

from ninja import Field

from koers.errors import Forbidden, InvalidInput, KoersError, TooLarge, localised_message
from koers.web.i18n import active_language
from koers.web.schema import Out


class Error(Out):
    """The API's answer to every request it cannot serve."""

    code: str = Field(..., description="stable error code, e.g. search.empty_query")
    message: str
    detail: list[dict[str, Any]] = Field(default_factory=list)


class SkillsAndPortfolio(InvalidInput):
    code = "request.skills_and_portfolio"
    message = "Give either 'skills' or 'portfolio', not both."


class NoSkillsOrPortfolio(InvalidInput):
    code = "request.no_skills_or_portfolio"
    message = "Give 'skills' or 'portfolio'."


class BodyTooLarge(TooLarge):
    code = "request.too_large"
    message = "The request is too large (at most {limit_mb} MB)."


class NotJsonBody(InvalidInput):
    code = "request.not_json"
    message = "The request body is not valid JSON."


class CsrfFailed(Forbidden):
    code = "request.csrf_failed"
    message = "The request lacks a valid CSRF token: reload the page and try again."


class InvalidRequest(InvalidInput):
    """A request whose parameters do not fit the API's schema."""

    code = "invalid_input"
    message = "Invalid input: {summary}"

    def __init__(self, fields: list[dict[str, str]]) -> None:
        self.fields = fields
        super().__init__(
            summary="; ".join(f"{f['field'] or 'body'}: {f['message']}" for f in fields)
        )

    def details(self) -> list[dict[str, Any]]:
        return list(self.fields)


def error_body(error: KoersError) -> dict[str, Any]:
    return {"code": error.code, "message": str(error), "detail": error.details()}


def page_message(error: KoersError) -> str:
    """The error's message in the language of the page being served."""
    return localised_message(error, active_language())
