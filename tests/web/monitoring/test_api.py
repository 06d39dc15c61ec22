"""The monitoring and vacancy API: per role, consent refused, errors in the uniform body."""

from __future__ import annotations

import pytest

from koers.web.portfolio.models import AccessLog
from tests.web.monitoring.conftest import NURSE_ASSISTANT, essential_skills, login

pytestmark = [pytest.mark.db, pytest.mark.django_db]


def test_kpis_for_analysts_with_real_and_synthetic_apart(people, client):
    body = login(people["analyst"]).get("/api/monitoring/kpis").json()
    assert {r["provenance"] for r in body["platform"]} <= {"synthetic", "platform"}
    assert {r["provenance"] for r in body["real"]} == {"real"}
    assert all(r["source"] for r in body["real"])
    kpis = {r["kpi"] for r in body["platform"]}
    assert {"training_participation_12m", "career_guidance_use"} <= kpis
    assert {"demand_driven_budget_share", "bottleneck_occupations"} <= kpis
    training = next(r for r in body["platform"] if r["population"] == "adults 25-64")
    assert training["target"] == 60.0 and training["target_year"] == "2030"
    assert "synthetic" in body["population_source"]
    assert client.get("/api/monitoring/kpis").status_code == 401
    refused = login(people["an"]).get("/api/monitoring/kpis")
    assert refused.status_code == 403 and refused.json()["code"] == "monitoring.analysts_only"


def test_my_vacancies_for_a_citizen(people):
    citizen = login(people["an"])
    rows = citizen.get("/api/me/vacancies", {"top": 5}).json()
    assert len(rows) == 5
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    for row in rows:
        assert row["synthetic"] is True
        assert row["matched_count"] == len(row["matched_skills"]) >= 1
        assert row["required_count"] == row["matched_count"] + len(row["missing_skills"])
        assert row["fit"] in ("strong", "partial", "weak")
        assert "score" not in row
    walloon = citizen.get("/api/me/vacancies", {"region": "Wallonia"}).json()
    assert walloon and {r["region"] for r in walloon} == {"Wallonia"}
    refused = login(people["employer"]).get("/api/me/vacancies")
    assert refused.status_code == 403 and refused.json()["code"] == "vacancy.citizens_only"


def test_candidates_among_consenting_citizens_only(people):
    skills = essential_skills(NURSE_ASSISTANT)[:8]
    employer = login(people["employer"])
    response = employer.post(
        "/api/vacancies/candidates",
        {"skills": skills, "region": "Flanders", "top": 5},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["read"] == 2
    assert [c["name"] for c in body["candidates"]] == ["an", "bert"]
    first = body["candidates"][0]
    assert first["matched_count"] == 8 and first["missing_skills"] == []
    assert first["fit"] == "strong"
    assert body["candidates"][1]["matched_count"] == 3
    assert AccessLog.objects.filter(viewer=people["employer"]).count() == 2


def test_a_named_citizen_without_consent_is_refused_and_nothing_is_read(people):
    employer = login(people["employer"])
    response = employer.post(
        "/api/vacancies/candidates",
        {"skills": essential_skills(NURSE_ASSISTANT)[:3], "citizen_ids": [people["cis"].pk]},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["code"] == "portfolio.no_consent"
    assert not AccessLog.objects.exists()


def test_candidate_errors(people):
    employer = login(people["employer"])
    unknown = employer.post(
        "/api/vacancies/candidates",
        {"skills": ["http://data.europa.eu/esco/skill/nope"]},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == "vacancy.skill_unknown"
    empty = employer.post(
        "/api/vacancies/candidates", {"skills": []}, content_type="application/json"
    )
    assert empty.status_code == 422
    citizen = login(people["an"]).post(
        "/api/vacancies/candidates",
        {"skills": essential_skills(NURSE_ASSISTANT)[:3]},
        content_type="application/json",
    )
    assert citizen.status_code == 403 and citizen.json()["code"] == "vacancy.employers_only"
    assert not AccessLog.objects.exists()
