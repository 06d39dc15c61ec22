"""The command line of matching, career steps and pathways."""

from __future__ import annotations

import json

import pytest

from koers.cli import app
from tests.cli import run_json, runner

# Career steps, market and forecast commands read imported data sets from the database.
pytestmark = [pytest.mark.db, pytest.mark.django_db]
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
PHYSIO = "http://data.europa.eu/esco/occupation/006cc1f9-2841-41c3-991a-dc3f2f3bd533"


def test_match_skills_json_shape():
    nurse_skills = run_json("career-steps", NURSE, "--json", "--top", "1")
    assert nurse_skills
    matches = run_json(
        "match",
        "--skills",
        "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
        "--json",
    )
    assert len(matches) == 10
    for m in matches:
        assert set(m) >= {"occupation_uri", "label", "score", "missing_essential_skills"}
        for skill in m["missing_essential_skills"]:
            assert set(skill) == {"skill_uri", "label"}


def test_match_portfolio_file(tmp_path, taxonomy):
    essentials = taxonomy.skills_of(NURSE).essential
    document = {"claims": [{"skill_uri": s.uri, "validation": "confirmed"} for s in essentials]}
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    matches = run_json("match", "--portfolio", str(path), "--json", "--top", "5")
    assert NURSE in [m["occupation_uri"] for m in matches]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["match", "--skills", "http://example.org/x"], "Unknown ESCO skill: http://example.org/x"),
        (["match"], "Give either --skills URI[,URI...] or --portfolio FILE."),
        (["career-steps", "qqqzzzxx"], "No ESCO occupation matches “qqqzzzxx”"),
        (["career-steps"], "Give an OCCUPATION (URI or label) or --batch FILE."),
    ],
)
def test_matching_bad_input(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_career_steps_by_label_and_batch(tmp_path):
    steps = run_json("career-steps", "verpleeghulp", "--top", "5", "--json")
    assert len(steps) == 5
    assert all(s["occupation_uri"] != NURSE or s["missing_essential_skills"] for s in steps)
    batch = tmp_path / "occupations.txt"
    batch.write_text("verpleeghulp\nqqqzzzxx\nkok\n", encoding="utf-8")
    result = runner.invoke(app, ["career-steps", "--batch", str(batch), "--top", "3"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["occupation"] for r in records] == ["verpleeghulp", "qqqzzzxx", "kok"]
    assert len(records[0]["steps"]) == 3 and records[1]["error"] and len(records[2]["steps"]) == 3


def test_pathway_json():
    routes = run_json("pathway", "kitchen assistant", "head chef", "--json")
    assert routes
    goal = routes[0]["steps"][-1]
    assert goal["label"] == "chefkok"
    assert all(r["steps"] for r in routes)
    assert all("missing_essential_skills" in step for r in routes for step in r["steps"])
