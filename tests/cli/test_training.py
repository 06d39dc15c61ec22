"""The command line of the training recommender and catalogue."""

from __future__ import annotations

import json

from koers.cli import app
from koers.training import get_demo_catalogue
from tests.cli import run_json, runner


def _gap(size: int) -> list[str]:
    """Skills the demo catalogue teaches, from one course onwards (stable: seeded data)."""
    catalogue = get_demo_catalogue()
    skills: list[str] = []
    for course in catalogue.courses:
        for uri in course.skills:
            if uri not in skills:
                skills.append(uri)
        if len(skills) >= size:
            return skills[:size]
    return skills


def test_recommend_training_json_contract():
    gap = _gap(6)
    result = run_json("recommend", "training", "--gap", ",".join(gap), "--json")
    assert isinstance(result, list) and result
    for row in result:
        assert {"course_id", "title", "covers", "cost", "cost_after_incentives", "why"} <= set(row)
        assert row["covers"] and set(row["covers"]) <= set(gap)
        assert row["cost_after_incentives"] <= row["cost"]
        assert row["why"].startswith("Leert ")
    covers = [len(row["covers"]) for row in result]
    assert covers == sorted(covers, reverse=True)


def test_recommend_training_with_region_profile_and_taken(tmp_path):
    gap = _gap(4)
    profile = tmp_path / "profile.json"
    profile.write_text(
        json.dumps({"status": "employee", "region": "flanders", "education_level": "low"})
    )
    first = run_json("recommend", "training", "--gap", ",".join(gap), "--json", "--lang", "en")
    taken = first[0]["course_id"]
    result = run_json(
        "recommend",
        "training",
        "--gap",
        ",".join(gap),
        "--region",
        "antwerpen",
        "--profile",
        str(profile),
        "--taken",
        taken,
        "--json",
        "--lang",
        "en",
    )
    assert taken not in {row["course_id"] for row in result}
    assert all(row["why"].startswith("Teaches ") for row in result)
    discounted = [r for r in result if r["incentive"]]
    assert all(r["cost_after_incentives"] < r["cost"] for r in discounted)


def test_unknown_skill_and_mode_are_refused():
    result = runner.invoke(app, ["recommend", "training", "--gap", "http://example.org/x"])
    assert result.exit_code == 2 and "http://example.org/x" in result.output
    result = runner.invoke(app, ["recommend", "training", "--gap", _gap(1)[0], "--mode", "tv"])
    assert result.exit_code == 2 and "Unknown mode “tv”" in result.output


def test_learning_path_json():
    gap = _gap(8)
    path = run_json("recommend", "learning-path", "--gap", ",".join(gap), "--json")
    assert path["method"] == "exact" and not path["uncovered"]
    assert path["weight"] <= path["greedy_weight"] + 1e-6


def test_training_import_validates_and_is_then_used(tmp_path, monkeypatch):
    monkeypatch.setenv("KOERS_VAR_DIR", str(tmp_path / "var"))
    gap = _gap(2)
    good = tmp_path / "courses.json"
    good.write_text(
        json.dumps(
            {
                "format": "koers-training/1",
                "courses": [
                    {
                        "course_id": "mine-1",
                        "provider": "Test provider",
                        "title": "Everything at once",
                        "skills": gap,
                        "level": "basic",
                        "duration_hours": 8,
                        "cost_eur": 100,
                        "mode": "online",
                        "language": "nl",
                    }
                ],
            }
        )
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("course_id,provider\nx,y\n")
    refused = runner.invoke(app, ["training", "import", str(bad)])
    assert refused.exit_code == 2 and "nothing was imported" in refused.output
    assert not (tmp_path / "var").exists()
    summary = run_json("training", "import", str(good), "--json")
    assert summary["courses"] == 1
    result = run_json("recommend", "training", "--gap", ",".join(gap), "--json")
    assert [row["course_id"] for row in result] == ["mine-1"]


def test_training_formats_and_demo(tmp_path):
    shown = runner.invoke(app, ["training", "formats"])
    assert shown.exit_code == 0 and "| `skills` |" in shown.output
    target = tmp_path / "demo.json"
    assert runner.invoke(app, ["training", "demo", str(target)]).exit_code == 0
    data = json.loads(target.read_text())
    assert data["synthetic"] is True and data["courses"][0]["provider"].startswith("SYNTHETIC")
