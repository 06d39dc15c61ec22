"""REST API: every endpoint, including bad input (always a 4xx with a clear message)."""

from __future__ import annotations

import pytest

from tests.web.pages import CDN

pytestmark = [pytest.mark.db, pytest.mark.django_db]

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_occupation_search_finds_nurse_in_dutch(client):
    response = client.get(
        "/api/occupations/search", {"q": "algemeen verpleegkundige", "lang": "nl"}
    )
    assert response.status_code == 200
    hits = response.json()
    assert hits[0]["occupation_uri"] == NURSE
    assert hits[0]["label"] == "algemeen verpleegkundige"
    assert hits[0]["isco_code"] == "2221"
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_occupation_search_labels_follow_lang(client):
    hits = client.get(
        "/api/occupations/search", {"q": "algemeen verpleegkundige", "lang": "en"}
    ).json()
    assert hits[0]["label"] == "nurse responsible for general care"


def test_skill_search_with_typo(client):
    hits = client.get("/api/skills/search", {"q": "pyhton", "limit": 3}).json()
    assert PYTHON in [h["skill_uri"] for h in hits]
    assert len(hits) <= 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "kok", "lang": "fr"}, "lang"),
        ({"q": "kok", "limit": 0}, "limit"),
        ({"q": "kok", "limit": "many"}, "limit"),
    ],
)
def test_search_rejects_bad_parameters(client, params, field):
    response = client.get("/api/occupations/search", params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert field in body["message"]


def test_search_rejects_punctuation_only_query(client):
    response = client.get("/api/skills/search", {"q": "?!"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["detail"][0]["field"] == "q"


def test_occupation_lookup(client):
    body = client.get("/api/occupations/lookup", {"uri": NURSE, "lang": "nl"}).json()
    assert body["label"] == "algemeen verpleegkundige"
    assert body["labels"]["en"] == "nurse responsible for general care"
    assert len(body["essential_skills"]) > 20
    assert body["isco_group"] == "Nursing professionals"


def test_skill_lookup(client):
    body = client.get("/api/skills/lookup", {"uri": PYTHON, "lang": "nl"}).json()
    assert body["label"] == "Python (computerprogrammering)"
    assert body["digital"] is True
    assert body["skill_type"] == "knowledge"
    assert body["essential_for"] or body["optional_for"]


def test_lookup_of_unknown_uri_is_404_with_message(client):
    response = client.get("/api/occupations/lookup", {"uri": "http://example.org/x"})
    assert response.status_code == 404
    assert response.json()["code"] == "taxonomy.unknown_occupation"
    assert response.json()["message"] == "Unknown ESCO occupation: http://example.org/x"
    response = client.get("/api/skills/lookup", {"uri": NURSE})
    assert response.status_code == 404
    assert response.json() == {
        "code": "taxonomy.unknown_skill",
        "message": f"Unknown ESCO skill: {NURSE}",
        "detail": [],
    }


def test_extract_skills_from_dutch_text(client):
    text = "Je verzorgt wonden bij patiënten en werkt graag in team."
    response = client.post(
        "/api/skills/extract", {"text": text, "lang": "nl"}, content_type="application/json"
    )
    assert response.status_code == 200
    found = response.json()
    assert found
    for skill in found:
        assert 0 <= skill["start"] < skill["end"] <= len(text)
        assert text[skill["start"] : skill["end"]] == skill["matched_text"]
        assert 0 < skill["score"] <= 1


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({}, 422),
        ({"text": ""}, 422),
        ({"text": "x" * 20001}, 422),
        ({"text": "ok", "min_score": 2}, 422),
        ({"text": "…  !!"}, 422),
        ({"text": "ok", "limit": True}, 422),
    ],
)
def test_extract_rejects_bad_input(client, payload, status):
    response = client.post("/api/skills/extract", payload, content_type="application/json")
    assert response.status_code == status
    assert response.json()["code"] == "invalid_input" and response.json()["message"]


def test_extract_rejects_malformed_json(client):
    response = client.post("/api/skills/extract", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "request.not_json"


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/occupations/search",
        "/api/skills/search",
        "/api/occupations/lookup",
        "/api/skills/lookup",
        "/api/skills/extract",
    } <= paths
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert not CDN.search(docs.content.decode())
