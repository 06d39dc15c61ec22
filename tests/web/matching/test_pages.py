"""The citizen pages "which job fits me?" and "career steps"."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.db, pytest.mark.django_db]

NURSE_ID = "8d3e8aaa-791b-4c75-a465-f3f827028f50"
PYTHON_ID = "ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_match_page_searches_skills_to_add(client):
    html = client.get(reverse("match"), {"sq": "wonden verzorgen"}).content.decode()
    assert "add_skill" not in html
    assert "skill=" in html and "Vaardigheden gevonden" in html


def test_match_page_ranks_occupations_with_overlap_and_gap(client):
    html = client.get(reverse("match"), {"skill": PYTHON_ID}).content.decode()
    assert html.count('class="match"') == 6, "only occupations with Python as essential skill"
    assert 'class="related"' in html, "the others are listed apart, not as fitting"
    assert "<meter" in html
    assert "Python (computerprogrammering)" in html


def test_match_page_from_current_occupation(client):
    html = client.get(reverse("match"), {"from": NURSE_ID}).content.decode()
    assert "algemeen verpleegkundige" in html
    assert 'class="match"' in html


def test_steps_page_with_pathways(client):
    assistant = client.get("/api/occupations/search", {"q": "verpleeghulp"}).json()[0][
        "occupation_uri"
    ]
    response = client.get(
        reverse("career_steps"), {"from": assistant.rsplit("/", 1)[-1], "goal": NURSE_ID}
    )
    html = response.content.decode()
    assert "Routes naar algemeen verpleegkundige" in html
    assert html.count('class="match"') == 10
    assert "Waarom:" in html


def test_steps_page_same_start_and_goal(client):
    html = client.get(
        reverse("career_steps"), {"from": NURSE_ID, "goal": NURSE_ID}
    ).content.decode()
    assert "Het doel is het beroep waarmee je start." in html


def test_unknown_ids_are_ignored(client):
    response = client.get(reverse("match"), {"skill": "nope", "from": "nope"})
    assert response.status_code == 200
    assert 'class="match"' not in response.content.decode()
