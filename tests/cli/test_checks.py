"""The command line of the competence checks."""

from __future__ import annotations

import csv
import json

import pytest

from koers.cli import app
from tests.cli import run_json, runner

pytestmark = [pytest.mark.db, pytest.mark.django_db]
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"
WOUND_CARE = "http://data.europa.eu/esco/skill/1c6736c2-77de-419c-9b84-8932e15abc21"


def test_citizen_check_json_contract(tmp_path):
    path = tmp_path / "portfolio.json"
    path.write_text(
        json.dumps(
            {
                "format": "koers-portfolio/2",
                "occupation": NURSE_ASSISTANT,
                "aspirations": [NURSE],
                "claims": [{"skill_uri": WOUND_CARE, "last_used": "2012-05-01"}],
            }
        ),
        encoding="utf-8",
    )
    result = run_json("check", "citizen", str(path), "--json")
    codes = {s["code"] for s in result["risk_signals"]}
    assert {"essential_gap", "outdated_competences", "missing_future_competences"} <= codes
    assert all(s["reason"] for s in result["risk_signals"])
    assert result["action_plan"] and all("action" in a for a in result["action_plan"])
    assert any(a["skill_uri"] for a in result["action_plan"])


def test_citizen_check_reads_version_1_and_refuses_unknown_occupations(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(
        json.dumps({"format": "koers-portfolio/1", "claims": [{"skill_uri": WOUND_CARE}]})
    )
    assert "risk_signals" in run_json("check", "citizen", str(old), "--json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"occupation": "http://example.org/x", "claims": []}))
    result = runner.invoke(app, ["check", "citizen", str(bad)])
    assert result.exit_code == 2 and "is not an ESCO occupation" in result.output


def test_organisation_check_json(tmp_path):
    workforce = tmp_path / "workforce.csv"
    with workforce.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["employee_ref", "occupation", "skills", "age_band", "education_level", "last_training"]
        )
        writer.writerow(["A", NURSE_ASSISTANT, "", "50-59", "low", ""])
        writer.writerow(["B", NURSE, WOUND_CARE, "30-39", "high", "2026-01-10"])
    strategy = tmp_path / "strategy.csv"
    strategy.write_text(f"target_kind,target_uri,needed,horizon_year\noccupation,{NURSE},2,2028\n")
    plan = run_json("check", "organisation", str(workforce), "--strategy", str(strategy), "--json")
    assert plan["employees"] == 2
    assert plan["targets"][0]["needed"] == 2
    assert set(plan["vulnerability"]) >= {"score", "flagged", "parts", "explanation"}
    strategy.write_text("target_kind,target_uri,needed,horizon_year\nsomething,x,2,2028\n")
    result = runner.invoke(
        app, ["check", "organisation", str(workforce), "--strategy", str(strategy)]
    )
    assert result.exit_code == 2 and "strategy.csv: row 1, field 'target_kind'" in result.output
