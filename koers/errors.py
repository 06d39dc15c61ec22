"""One error language for every domain: a stable code, a message template and its parameters.

Every error a user can meet derives from :class:`KoersError`. The class states the ``code``
(stable, dotted: ``"<domain>.<what>"``), the English ``message`` template with ``{name}``
placeholders, and the ``status`` class of the problem (400 bad input, 401 not logged in, 403
not allowed, 404 unknown thing, 409 the data in force does not allow it, 413 too large,
429 too many requests). An instance carries
the parameters. The doorways translate at the door: :func:`localised_message` gives the text
in Dutch or English by code (Dutch templates in :mod:`koers.errors_nl`), the API answers
``{code, message, detail}`` and the CLI prints the message. This module depends on nothing in Koers.
"""

from __future__ import annotations

from typing import Any, ClassVar

ERRORS: dict[str, type[KoersError]] = {}
"""Every error class with a code, by code (filled as modules are imported)."""


class KoersError(Exception):
    """Base of every error that reaches a user. Subclasses set ``code`` and ``message``."""

    code: ClassVar[str] = ""
    message: ClassVar[str] = ""
    status: ClassVar[int] = 400

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:
            if cls.code in ERRORS:
                raise TypeError(f"Error code {cls.code!r} is used twice")
            ERRORS[cls.code] = cls

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.render(self.message))

    def render(self, template: str) -> str:
        """``template`` filled with this error's parameters."""
        return template.format(**self.params)

    def __str__(self) -> str:
        return self.render(self.message)

    def details(self) -> list[dict[str, Any]]:
        """Itemised problems (e.g. one per row of an import), each with code and message."""
        return []


class InvalidInput(KoersError):
    """The request cannot be answered as asked (answered 400)."""

    status = 400


class NotLoggedIn(KoersError):
    """The request needs a logged-in user (answered 401)."""

    code = "request.not_logged_in"
    message = "Log in first."
    status = 401


class Forbidden(KoersError):
    """The person asking may not see or do this (answered 403)."""

    status = 403


class TooLarge(KoersError):
    """The request or file is larger than Koers accepts (answered 413)."""

    status = 413


class TooManyRequests(KoersError):
    """The client sent more requests than its rate allows (answered 429)."""

    code = "request.too_many"
    message = "Too many requests; wait {seconds} seconds and try again."
    status = 429


class ServerBusy(KoersError):
    """Every worker is busy and the request waited too long for one (answered 429 at once,
    instead of after a long wait)."""

    code = "request.server_busy"
    message = "The server is busy; wait a moment and try again."
    status = 429


class NotFound(KoersError):
    """A thing named in the request does not exist (answered 404)."""

    status = 404


class DataConflict(KoersError):
    """The data in force does not allow the answer (answered 409), e.g. a broken series."""

    status = 409


def localised_message(error: KoersError, lang: str) -> str:
    """The error's message in ``lang`` ("nl" or "en"), by its code; English when unknown."""
    if lang == "nl":
        from koers.errors_nl import MESSAGES

        template = MESSAGES.get(error.code)
        if template is not None:
            return error.render(template)
    return str(error)
