"""REST endpoints of the matching engine, including bad input."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.db, pytest.mark.django_db]

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def test_match_occupations_from_skills(client, taxonomy):
    skills = [s.uri for s in taxonomy.skills_of(NURSE).essential]
    response = post(client, "/api/matching/occupations", {"skills": skills, "top": 5, "lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert body[0]["occupation_uri"] == NURSE
    assert body[0]["missing_essential_skills"] == []
    assert body[0]["essential_coverage"] == 1.0
    assert body[0]["essential_covered"] == body[0]["essential_total"] > 0
    for match in body:
        missing = len(match["missing_essential_skills"])
        assert match["essential_covered"] + missing == match["essential_total"]


def test_match_occupations_from_portfolio_with_validation(client, taxonomy):
    claims = [
        {"skill_uri": s.uri, "validation": "formally_recognised", "last_used": "2025-06-30"}
        for s in taxonomy.skills_of(NURSE).essential
    ]
    body = post(client, "/api/matching/occupations", {"portfolio": {"claims": claims}}).json()
    assert NURSE in [m["occupation_uri"] for m in body]


def test_half_life_makes_old_skills_count_less(client, taxonomy):
    claims = [
        {"skill_uri": s.uri, "last_used": "2016-01-01"} for s in taxonomy.skills_of(NURSE).essential
    ]
    scores = {}
    for half_life in (2.5, 10):
        body = post(
            client,
            "/api/matching/occupations",
            {"portfolio": {"claims": claims}, "half_life_years": half_life},
        ).json()
        scores[half_life] = next(m["score"] for m in body if m["occupation_uri"] == NURSE)
    assert scores[2.5] < scores[10]
    assert (
        post(
            client, "/api/matching/occupations", {"skills": [PYTHON], "half_life_years": 0}
        ).status_code
        == 422
    )


def test_career_steps_get_and_post(client):
    response = client.get("/api/matching/career-steps", {"occupation": "verpleeghulp", "top": 4})
    assert response.status_code == 200
    steps = response.json()
    assert len(steps) == 4
    assert all(s["why"] for s in steps)
    body = post(client, "/api/matching/career-steps", {"skills": [PYTHON], "top": 3}).json()
    assert len(body) == 3


def test_pathways(client):
    response = post(
        client, "/api/matching/pathways", {"occupation": "keukenhulp", "goal": "chefkok"}
    )
    assert response.status_code == 200
    routes = response.json()
    assert routes and all(r["steps"][-1]["label"] == "chefkok" for r in routes)


@pytest.mark.parametrize(
    ("path", "body", "status", "code", "message"),
    [
        (
            "/api/matching/occupations",
            {},
            400,
            "request.no_skills_or_portfolio",
            "Give 'skills' or 'portfolio'.",
        ),
        (
            "/api/matching/occupations",
            {"skills": ["nope"]},
            404,
            "portfolio.skill_unknown",
            "Unknown ESCO skill: nope",
        ),
        (
            "/api/matching/occupations",
            {"skills": [PYTHON], "portfolio": {"claims": [{"skill_uri": PYTHON}]}},
            400,
            "request.skills_and_portfolio",
            "Give either 'skills' or 'portfolio', not both.",
        ),
        ("/api/matching/occupations", {"skills": [PYTHON], "top": 0}, 422, "invalid_input", "top"),
        (
            "/api/matching/occupations",
            {"portfolio": {"claims": [{"skill_uri": PYTHON, "validation": "sort of"}]}},
            422,
            "invalid_input",
            "portfolio.claims.0.validation",
        ),
        (
            "/api/matching/career-steps",
            {"top": 3},
            400,
            "matching.ambiguous_start",
            "Give either a current occupation or a portfolio.",
        ),
        (
            "/api/matching/career-steps",
            {"occupation": "qqqzzzxx"},
            404,
            "search.unresolved_occupation",
            "No ESCO occupation matches “qqqzzzxx”",
        ),
        (
            "/api/matching/pathways",
            {"occupation": "kok", "goal": "kok"},
            400,
            "pathway.goal_is_start",
            "The goal is the occupation you start from.",
        ),
        ("/api/matching/pathways", {"occupation": "kok"}, 422, "invalid_input", "goal"),
    ],
)
def test_bad_input_gets_a_clear_4xx(client, path, body, status, code, message):
    response = post(client, path, body)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert message in response.json()["message"]
