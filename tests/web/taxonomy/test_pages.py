"""Competence-language pages (search, occupation, skill), through HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.db, pytest.mark.django_db]

NURSE_ID = "8d3e8aaa-791b-4c75-a465-f3f827028f50"
PYTHON_ID = "ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_search_page_lists_occupations(client):
    html = client.get(reverse("search"), {"q": "verpleegkundige"}).content.decode()
    assert f"/esco/occupation/{NURSE_ID}/" in html
    assert "algemeen verpleegkundige" in html


def test_search_page_reports_bad_query(client):
    response = client.get(reverse("search"), {"q": "!!!"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_occupation_page_groups_essential_and_optional(client):
    html = client.get(reverse("occupation", args=[NURSE_ID])).content.decode()
    assert "algemeen verpleegkundige" in html
    assert "Essentiële vaardigheden en kennis" in html
    assert "Optionele vaardigheden en kennis" in html


def test_skill_page_lists_occupations_that_need_it(client):
    html = client.get(reverse("skill", args=[PYTHON_ID])).content.decode()
    assert "Python (computerprogrammering)" in html
    assert "Essentieel voor deze beroepen" in html
    assert "/esco/occupation/" in html


def test_unknown_concept_is_404(client):
    assert client.get(reverse("occupation", args=["no-such-id"])).status_code == 404
    assert client.get(reverse("skill", args=["no-such-id"])).status_code == 404
