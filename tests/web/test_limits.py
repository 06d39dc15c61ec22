"""Limits answer in the uniform error: 413 for oversized bodies, 429 with Retry-After."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from koers.web.api import api

pytestmark = [pytest.mark.db, pytest.mark.django_db]


def test_oversized_api_body_gets_the_uniform_413(client):
    body = b'{"text": "' + b"a" * (6 * 1024 * 1024) + b'"}'
    response = client.post("/api/skills/extract", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "request.too_large"


def test_oversized_upload_page_gets_a_page_not_a_crash(client):
    response = client.generic(
        "POST",
        "/market/import/",
        b"x" * (21 * 1024 * 1024),
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert "te groot" in response.content.decode()


def test_api_rate_limit_answers_429_with_retry_after(client, monkeypatch):
    for throttle in api.throttle:  # type: ignore[union-attr]
        monkeypatch.setattr(throttle, "num_requests", 3)
    cache.clear()
    statuses = [client.get("/api/occupations/search?q=kok").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429
    limited = client.get("/api/occupations/search?q=kok")
    assert limited.json()["code"] == "request.too_many"
    assert int(limited["Retry-After"]) >= 1
    cache.clear()


def test_malformed_json_gets_the_uniform_error(client):
    response = client.post("/api/skills/extract", b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "request.not_json"


def test_the_largest_portfolio_the_schema_allows_fits_under_the_body_limit(client):
    from django.conf import settings

    from koers.portfolio.io import MAX_CLAIMS

    claim = {
        "skill_uri": "http://data.europa.eu/esco/skill/" + "f" * 36,
        "validation": "formally_recognised",
        "last_used": "2025-01-01",
        "source": "training_provider",
        "evidence": "e" * 1000,
    }
    body = json.dumps({"portfolio": {"owner": "o" * 200, "claims": [claim] * MAX_CLAIMS}})
    assert len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post("/api/matching/occupations", body, content_type="application/json")
    assert response.status_code not in (413, 500)
