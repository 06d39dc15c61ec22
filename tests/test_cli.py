"""The koers command line, through Typer's runner (the real commands, real data)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from koers.cli import app

# Career steps, market and forecast commands read imported data sets from the database.
pytestmark = [pytest.mark.db, pytest.mark.django_db]
runner = CliRunner()
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
PHYSIO = "http://data.europa.eu/esco/occupation/006cc1f9-2841-41c3-991a-dc3f2f3bd533"


def run_json(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_search_occupations_json_flemish():
    hits = run_json("search", "occupations", "kinesitherapeut", "--json")
    assert hits[0]["occupation_uri"] == PHYSIO
    assert set(hits[0]) >= {"occupation_uri", "label", "score"}
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_skills_json_english_labels():
    hits = run_json("search", "skills", "teamwork principles", "--json", "--lang", "en")
    assert hits[0]["label"] == "teamwork principles"
    assert "skill_uri" in hits[0]


def test_search_rejects_empty_query():
    result = runner.invoke(app, ["search", "skills", "  "])
    assert result.exit_code == 2
    assert "empty" in result.output


def test_extract_skills_file_json(tmp_path):
    text = "Wij zoeken een lasser. Je last met MIG en TIG en leest technische tekeningen."
    path = tmp_path / "vacature.txt"
    path.write_text(text, encoding="utf-8")
    found = run_json("extract-skills", str(path), "--json")
    assert found
    for skill in found:
        assert text[skill["start"] : skill["end"]] == skill["matched_text"]
        assert set(skill) >= {"skill_uri", "label", "score", "start", "end"}


def test_extract_skills_missing_file():
    result = runner.invoke(app, ["extract-skills", "/no/such/file.txt"])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_extract_skills_batch_keeps_order_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": "You will cook meals and keep the kitchen clean."}),
        "not json",
        json.dumps({"body": "no text field"}),
        json.dumps({"text": "Je verzorgt wonden en dient medicatie toe."}),
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract-skills", "--batch", str(batch), "-o", str(output)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3, 4]
    assert records[0]["skills"] and records[3]["skills"]
    assert "not valid JSON" in records[1]["error"]
    assert "'text'" in records[2]["error"]


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
        (["match", "--skills", "http://example.org/x"], "unknown ESCO skill"),
        (["match"], "either"),
        (["career-steps", "qqqzzzxx"], "No ESCO occupation"),
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
    assert all("missing_essential_skills" in step for r in routes for step in r["steps"])


def test_market_bottlenecks_json_real_period():
    rows = run_json("market", "bottlenecks", "--period", "2021-04", "--json")
    assert rows[0]["occupation_nl"] == "Hoofdverpleegkundige"
    assert set(rows[0]) >= {
        "occupation_nl",
        "esco_uri",
        "job_seekers",
        "vacancies",
        "tension_ratio",
    }


def test_market_bottlenecks_bad_period():
    result = runner.invoke(app, ["market", "bottlenecks", "--period", "April"])
    assert result.exit_code == 2 and "YYYY-MM" in result.output


def test_forecast_json_shape():
    rows = run_json("forecast", "--scenario", "growth", "--horizon", "2", "--json")
    assert {r["year"] for r in rows} == {2026, 2027}
    keys = {
        "occupation_uri",
        "year",
        "expansion_demand",
        "replacement_demand",
        "total_demand",
        "new_supply",
        "gap",
    }
    assert keys <= set(rows[0])


def test_synthetic_files_drop_in_through_import(tmp_path):
    """A data set in the documented formats replaces the synthetic one without code changes."""
    before = run_json("forecast", "--horizon", "1", "--json")
    result = runner.invoke(app, ["market", "synthetic", str(tmp_path), "--seed", "11"])
    assert result.exit_code == 0, result.output
    for kind in (
        "employment",
        "age_structure",
        "sector_occupation_key",
        "school_leavers",
        "field_occupation_key",
        "unemployment_forecast",
        "migration_inflow",
    ):
        result = runner.invoke(
            app,
            ["market", "import", kind, str(tmp_path / f"{kind}.csv"), "--source", "test import"],
        )
        assert result.exit_code == 0, result.output
    after = run_json("forecast", "--horizon", "1", "--json")
    assert len(before) > 0 and before != after


def test_market_import_reports_problems(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("nace,year,employed\nF,2024,-5\n", encoding="utf-8")
    result = runner.invoke(app, ["market", "import", "employment", str(path)])
    assert result.exit_code == 2
    assert "row 1, field 'employed'" in result.output


def test_suggest_mapping_for_a_new_name():
    result = run_json("market", "suggest-mapping", "Installateur zonnepanelen op daken", "--json")
    assert result["suggestions"] and result["mapped_to"] is None
    known = run_json("market", "suggest-mapping", "Verpleegkundige", "--json")
    assert known["mapped_to"].endswith("8d3e8aaa-791b-4c75-a465-f3f827028f50")
