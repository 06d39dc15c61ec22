"""The command line of search and text → skills."""

from __future__ import annotations

import json

import pytest

from koers.cli import app
from tests.cli import run_json, runner

# Career steps, market and forecast commands read imported data sets from the database.
pytestmark = [pytest.mark.db, pytest.mark.django_db]
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
PHYSIO = "http://data.europa.eu/esco/occupation/006cc1f9-2841-41c3-991a-dc3f2f3bd533"


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
    assert "error: No such file: /no/such/file.txt" in result.output


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
