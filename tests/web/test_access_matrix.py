"""Who may open what: every named page and every API operation, for an anonymous visitor and
each role. Labour-market pages are public (they show aggregate, published figures); personal
data needs the owner or their consent; imports and flagged organisations need an analyst."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from koers.web import urls
from koers.web.accounts.models import User
from koers.web.api import api

pytestmark = [pytest.mark.db, pytest.mark.django_db]
ROLES = ("citizen", "coach", "employer", "provider", "analyst", "admin")
NURSE_ASSISTANT = "87d0795a-d41f-47ee-979f-0ab7d73836e7"
WOUND_CARE = "1c6736c2-77de-419c-9b84-8932e15abc21"
PUBLIC = {
    "home",
    "search",
    "occupation",
    "skill",
    "match",
    "career_steps",
    "market_overview",
    "market_tension",
    "market_forecast",
    "market_barometer",
    "market_backtest",
    "market_entrepreneurs",
    "rights",
    "login",
}
ONLY = {
    "portfolio": {"citizen"},
    "portfolio_from_text": {"citizen"},
    "soft_skills": {"citizen"},
    "portfolio_export": {"citizen"},
    "portfolio_print": {"citizen"},
    "sharing": {"citizen"},
    "citizen_check": {"citizen"},
    "caseload": {"coach"},
    "organisation_check": {"employer"},
    "market_import": {"analyst", "admin"},
    "vulnerable_organisations": {"analyst", "admin"},
    "policy_monitoring": {"analyst", "admin"},
    "vacancy_candidates": {"employer"},
    "my_vacancies": {"citizen"},
    "training": {"citizen"},
    "learning_account": {"citizen"},
    "employer_training": {"employer"},
    "provider_training": {"provider"},
    "provider_course": {"provider"},
    "training_import": {"provider", "admin"},
    "my_data": set(ROLES),
    "my_data_download": set(ROLES),
}
NOT_PAGES = {
    "logout",
    "portfolio_import",
    "start",
    "citizen_file",
    "training_enrol",  # POST; redirects
    "training_cancel",  # POST; redirects
}  # POST-only or tested below
ARGUMENTS = {"occupation": [NURSE_ASSISTANT], "skill": [WOUND_CARE]}


def _named_patterns() -> set[str]:
    return {p.name for p in urls.urlpatterns if isinstance(p, URLPattern) and p.name is not None}


@pytest.fixture
def clients() -> dict[str, Client]:
    result = {"anonymous": Client()}
    for role in ROLES:
        client = Client()
        client.force_login(User.objects.create_user(f"{role}1", password="pw-12345678", role=role))
        result[role] = client
    return result


def test_every_named_page_is_in_the_matrix():
    assert _named_patterns() - NOT_PAGES == PUBLIC | set(ONLY)


def test_every_page_for_every_role(clients):
    for name in sorted(PUBLIC | set(ONLY)):
        url = reverse(name, args=ARGUMENTS.get(name, []))
        for who, client in clients.items():
            status = client.get(url).status_code
            if name in PUBLIC or who in ONLY.get(name, set()):
                assert status == 200, (name, who, status)
            elif who == "anonymous":
                assert status == 302, (name, who, status)
            else:
                assert status == 403, (name, who, status)


def test_a_coach_opens_a_citizen_file_only_with_consent(clients):
    citizen = User.objects.get(username="citizen1")
    url = reverse("citizen_file", args=[citizen.pk])
    expected = {"anonymous": 302, "coach": 403, "citizen": 403, "employer": 403}
    for who, status in expected.items():
        assert clients[who].get(url).status_code == status, who


def _operations() -> list[tuple[str, str, bool]]:
    """(method, path, needs a login) of every API operation, from the OpenAPI schema."""
    schema = api.get_openapi_schema()
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            found.append((method, path, bool(operation.get("security"))))
    return found


def test_every_api_operation_refuses_anonymous_visitors_where_it_needs_a_login(clients):
    operations = _operations()
    assert len(operations) >= 25
    protected = [(m, p) for m, p, secured in operations if secured]
    assert len(protected) >= 9
    for method, path in protected:
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = getattr(clients["anonymous"], method)(url, content_type="application/json")
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.json()["code"] == "request.not_logged_in"


def test_personal_api_operations_refuse_the_wrong_role(clients):
    mine = ["/api/me/portfolio", "/api/me/portfolio/claims", "/api/me/check", "/api/me/reads"]
    for who in ROLES:
        for url in mine:
            status = clients[who].get(url).status_code
            assert status == (200 if who == "citizen" else 403), (url, who, status)
    citizen = User.objects.get(username="citizen1")
    for who in ("coach", "employer"):
        response = clients[who].get(f"/api/citizens/{citizen.pk}/portfolio")
        assert response.status_code == 403 and response.json()["code"] == "portfolio.no_consent"
    for who in ("citizen", "provider", "analyst", "admin"):
        assert clients[who].get("/api/citizens").status_code == 403, who
