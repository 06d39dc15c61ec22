"""The training, rights and learning-account API: public recommendations best first, rights
for a profile, the citizen's own account only (401 anonymous, 403 other roles)."""

from __future__ import annotations

import pytest

from koers.ledger.model import Funder
from koers.web.accounts.models import User
from koers.web.learning.services import account_deposit
from koers.web.training.services import account_of

pytestmark = [pytest.mark.db, pytest.mark.django_db]
SKILL = "http://data.europa.eu/esco/skill/"
WOUND_CARE = SKILL + "1c6736c2-77de-419c-9b84-8932e15abc21"


def _a_gap():
    from koers.web.training.services import catalogue_index

    index = catalogue_index()
    return [u for u in list(index.skill_index)[:6]]


def test_recommend_is_public_and_best_first(client):
    gap = _a_gap()
    response = client.get("/api/training/recommend", {"gap": ",".join(gap), "region": "limburg"})
    assert response.status_code == 200
    courses = response.json()
    assert courses and len(courses) <= 10
    fields = {"course_id", "title", "covers", "cost", "cost_after_incentives", "why"}
    assert all(fields <= set(c) for c in courses)
    counts = [len(c["covers"]) for c in courses]
    assert counts == sorted(counts, reverse=True)
    assert all(set(c["covers"]) <= set(gap) and c["synthetic"] for c in courses)
    assert courses[0]["why"].startswith("Leert ")
    english = client.get("/api/training/recommend", {"gap": gap[0], "lang": "en"}).json()
    assert english[0]["why"].startswith("Teaches ")


def test_recommend_refuses_an_empty_gap(client):
    response = client.get("/api/training/recommend", {"gap": " , "})
    assert response.status_code == 400 and response.json()["code"] == "training.empty_gap"
    assert client.get("/api/training/recommend").status_code == 422


def test_rights_for_a_profile(client):
    profile = {"status": "employee", "region": "flanders", "age": 30, "education_level": "low"}
    response = client.post("/api/rights", profile, content_type="application/json")
    assert response.status_code == 200
    decisions = response.json()
    eligible = [d for d in decisions if d["eligible"]]
    assert "opleidingscheques" in {d["rule_id"] for d in eligible}
    assert all(d["source_url"].startswith("https://") for d in decisions)
    assert any(d["to_verify"] for d in decisions)
    assert [d["eligible"] for d in decisions] == sorted(
        (d["eligible"] for d in decisions), reverse=True
    )
    bad = client.post("/api/rights", {"status": "pilot"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_input"


def test_my_account_for_the_citizen_only(client):
    assert client.get("/api/me/account").status_code == 401
    citizen = User.objects.create_user("an", role="citizen")
    account_deposit(
        account_id=account_of(citizen).pk, amount_cents=12_345, funder=Funder.GOVERNMENT, actor="t"
    )
    client.force_login(citizen)
    body = client.get("/api/me/account").json()
    assert body["available_cents"] == 12_345 and body["reserved_cents"] == 0
    assert [(e["kind"], e["amount_cents"], e["funder"]) for e in body["entries"]] == [
        ("deposit", 12_345, "government")
    ]
    for role in ("coach", "employer", "provider", "analyst", "admin"):
        client.force_login(User.objects.create_user(f"{role}9", role=role))
        response = client.get("/api/me/account")
        assert response.status_code == 403 and response.json()["code"] == "training.citizens_only"
