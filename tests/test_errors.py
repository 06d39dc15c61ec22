"""One error language: every error a user can meet has a stable code and a Dutch and English
message with the same parameters."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import koers
from koers.errors import ERRORS, KoersError, localised_message
from koers.errors_nl import MESSAGES


@pytest.fixture(scope="module")
def every_error() -> dict[str, type[KoersError]]:
    """Import every module of Koers (web included), so every error class is registered."""
    for module in pkgutil.walk_packages(koers.__path__, "koers."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    return dict(ERRORS)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.django_db
def test_every_error_has_a_code_and_both_languages(every_error):
    assert len(every_error) >= 50
    for code, error in every_error.items():
        assert code.replace(".", "").replace("_", "").isalnum(), code
        assert error.message, code
        assert code in MESSAGES, f"no Dutch message for {code}"
        assert _fields(MESSAGES[code]) == _fields(error.message), code
        assert error.status in (400, 401, 403, 404, 409, 413, 429), code
    assert not set(MESSAGES) - set(every_error), "Dutch messages of errors that do not exist"


def test_message_is_rendered_in_either_language():
    from koers.taxonomy.search import QueryTooLong

    error = QueryTooLong(limit=200)
    assert str(error) == "The search text is too long (at most 200 characters)."
    assert localised_message(error, "en") == str(error)
    assert localised_message(error, "nl") == "De zoektekst is te lang (hoogstens 200 tekens)."
    assert error.code == "search.query_too_long" and error.status == 400


def test_a_code_can_be_declared_once_only():
    with pytest.raises(TypeError, match="used twice"):

        class Again(KoersError):
            code = "search.empty_query"
            message = "again"
