"""The portfolio, check and organisation-check API: session login, CSRF, consent and audit,
the uniform error body."""

from __future__ import annotations

import pytest
from django.test import Client

from koers.web.accounts.models import User
from koers.web.checks.models import OrganisationCheck
from koers.web.portfolio.models import AccessLog, Claim, ClaimEvent, Consent

pytestmark = [pytest.mark.db, pytest.mark.django_db]
SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
WOUND_CARE = SKILL + "1c6736c2-77de-419c-9b84-8932e15abc21"
NURSE_ASSISTANT = OCCUPATION + "87d0795a-d41f-47ee-979f-0ab7d73836e7"
NURSE = OCCUPATION + "8d3e8aaa-791b-4c75-a465-f3f827028f50"


@pytest.fixture
def people():
    return {
        role: User.objects.create_user(f"{role}1", password="pw-123456789", role=role)
        for role in ("citizen", "coach", "employer")
    }


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_citizen_adds_lists_removes_and_imports_claims(people):
    citizen = _as(people["citizen"])
    added = citizen.post(
        "/api/me/portfolio/claims",
        {"skill_uri": WOUND_CARE, "validation": "confirmed", "source": "employer"},
        content_type="application/json",
    )
    assert added.status_code == 200, added.content
    body = added.json()
    assert body["validation"] == "confirmed" and body["label"] and body["label"] != WOUND_CARE
    assert [c["id"] for c in citizen.get("/api/me/portfolio/claims").json()] == [body["id"]]

    assert citizen.delete(f"/api/me/portfolio/claims/{body['id']}").status_code == 204
    assert citizen.get("/api/me/portfolio").json()["claims"] == []
    assert [e.action for e in ClaimEvent.objects.order_by("pk")] == ["added", "removed"]
    gone = citizen.delete(f"/api/me/portfolio/claims/{body['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == "portfolio.unknown_claim"

    document = {
        "format": "koers-portfolio/2",
        "occupation": NURSE_ASSISTANT,
        "aspirations": [NURSE],
        "claims": [{"skill_uri": WOUND_CARE, "last_used": "2025-01-01"}],
    }
    imported = citizen.post("/api/me/portfolio/import", document, content_type="application/json")
    assert imported.json() == {"added": 1}
    mine = citizen.get("/api/me/portfolio").json()
    assert mine["occupation"] == NURSE_ASSISTANT and mine["aspirations"] == [NURSE]


def test_bad_claims_are_refused_whole_with_the_uniform_error(people):
    citizen = _as(people["citizen"])
    unknown = citizen.post(
        "/api/me/portfolio/claims",
        {"skill_uri": SKILL + "no-such-skill"},
        content_type="application/json",
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "portfolio.claim_skill_unknown"
    wrong_level = citizen.post(
        "/api/me/portfolio/claims",
        {"skill_uri": WOUND_CARE, "validation": "very sure"},
        content_type="application/json",
    )
    assert wrong_level.status_code == 422 and wrong_level.json()["code"] == "invalid_input"
    half_bad = {"claims": [{"skill_uri": WOUND_CARE}, {"skill_uri": "javascript:alert(1)"}]}
    refused = citizen.post("/api/me/portfolio/import", half_bad, content_type="application/json")
    assert refused.status_code == 404
    assert not Claim.objects.exists()


def test_login_and_csrf_are_required():
    anonymous = Client().get("/api/me/portfolio")
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "request.not_logged_in"


def test_csrf_token_is_required_for_changes(people):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["citizen"])
    response = strict.post(
        "/api/me/portfolio/claims", {"skill_uri": WOUND_CARE}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Claim.objects.exists()


def test_coach_reads_only_with_consent_and_every_read_is_logged(people):
    citizen, coach = people["citizen"], people["coach"]
    _as(citizen).post(
        "/api/me/portfolio/claims", {"skill_uri": WOUND_CARE}, content_type="application/json"
    )
    _as(citizen).post(
        "/api/me/portfolio/claims",
        {"skill_uri": SKILL + "e17f37de-1e5a-4c25-8e7a-6a1d0d2a1d8b", "visibility": "private"},
        content_type="application/json",
    )
    as_coach = _as(coach)
    refused = as_coach.get(f"/api/citizens/{citizen.pk}/portfolio")
    assert refused.status_code == 403 and refused.json()["code"] == "portfolio.no_consent"
    assert not AccessLog.objects.exists()

    Consent.objects.create(citizen=citizen, grantee=coach)
    assert as_coach.get("/api/citizens").json() == [{"id": citizen.pk, "name": "citizen1"}]
    shared = as_coach.get(f"/api/citizens/{citizen.pk}/portfolio").json()
    assert [c["skill_uri"] for c in shared["claims"]] == [WOUND_CARE]
    check = as_coach.get(f"/api/citizens/{citizen.pk}/check")
    assert check.status_code == 200 and "risk_signals" in check.json()
    reads = _as(citizen).get("/api/me/reads").json()
    assert sorted(r["what"] for r in reads) == ["check", "portfolio"]
    assert {r["viewer"] for r in reads} == {"coach1"}

    Consent.objects.filter(citizen=citizen).update(revoked_at="2026-01-01T00:00:00Z")
    assert as_coach.get(f"/api/citizens/{citizen.pk}/check").status_code == 403
    assert _as(citizen).get(f"/api/citizens/{citizen.pk}/portfolio").status_code == 403


def test_citizen_check_gives_signals_with_reasons(people):
    citizen = _as(people["citizen"])
    citizen.post(
        "/api/me/portfolio/import",
        {"occupation": NURSE_ASSISTANT, "claims": [{"skill_uri": WOUND_CARE}]},
        content_type="application/json",
    )
    check = citizen.get("/api/me/check?lang=en").json()
    codes = {s["code"] for s in check["risk_signals"]}
    assert {"essential_gap", "missing_future_competences"} <= codes
    assert all(s["reason"] for s in check["risk_signals"]) and check["action_plan"]
    fit = check["fits"][0]
    assert fit["occupation_uri"] == NURSE_ASSISTANT
    assert fit["essential_covered"] < fit["essential_total"]


def test_organisation_check_for_employers_only(people):
    payload = {
        "organisation": "WZC De Linde",
        "workforce": [
            {
                "employee_ref": f"E{i}",
                "occupation": NURSE_ASSISTANT,
                "age_band": "60+",
                "education_level": "low",
            }
            for i in range(4)
        ],
        "strategy": [
            {
                "target_kind": "occupation",
                "target_uri": NURSE,
                "needed": "2",
                "horizon_year": "2028",
            }
        ],
    }
    refused = _as(people["citizen"]).post(
        "/api/checks/organisation", payload, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "checks.employers_only"
    plan = _as(people["employer"]).post(
        "/api/checks/organisation", payload, content_type="application/json"
    )
    assert plan.status_code == 200, plan.content
    body = plan.json()
    assert body["employees"] == 4 and len(body["at_risk"]) == 4
    assert body["targets"][0]["needed"] == 2
    assert OrganisationCheck.objects.get().organisation == "WZC De Linde"

    payload["workforce"][0]["occupation"] = "x"
    bad = _as(people["employer"]).post(
        "/api/checks/organisation", payload, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "occupation"
    assert OrganisationCheck.objects.count() == 1
