"""The organisation check: validation names row and field; the plan follows the workforce."""

from __future__ import annotations

from datetime import date

import pytest

from koers.checks.organisation import organisation_check, read_strategy, read_workforce
from koers.market.formats import ImportValidationError

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"
TODAY = date(2026, 11, 25)


def staff(n_assistants=6):
    rows = [
        {
            "employee_ref": f"E{i}",
            "occupation": NURSE_ASSISTANT,
            "age_band": "50-59" if i % 2 else "30-39",
            "education_level": "low" if i % 2 else "medium",
            "last_training": "" if i % 2 else "2026-03-01",
        }
        for i in range(n_assistants)
    ]
    rows.append(
        {
            "employee_ref": "N1",
            "occupation": NURSE,
            "age_band": "40-49",
            "education_level": "high",
            "last_training": "2026-06-01",
        }
    )
    return rows


def test_bad_rows_are_named(engine):
    rows = staff()
    rows[2]["occupation"] = "http://example.org/x"
    rows[3]["age_band"] = "old"
    with pytest.raises(ImportValidationError) as raised:
        read_workforce(rows, file="w.csv", engine=engine)
    assert {(e.row, e.field) for e in raised.value.errors} == {(4, "age_band")}
    rows[3]["age_band"] = "60+"
    with pytest.raises(ImportValidationError) as raised:
        read_workforce(rows, file="w.csv", engine=engine)
    assert [(e.row, e.field, e.problem.code) for e in raised.value.errors] == [
        (3, "occupation", "organisation.unknown_occupation")
    ]


def test_plan_finds_risks_mobility_recruitment_and_vulnerability(engine):
    workforce = read_workforce(staff(), file="w.csv", engine=engine)
    strategy = read_strategy(
        [{"target_kind": "occupation", "target_uri": NURSE, "needed": "4", "horizon_year": "2028"}],
        file="s.csv",
        engine=engine,
    )
    plan = organisation_check(workforce, strategy, engine=engine, today=TODAY)
    assert plan.employees == 7
    risky = {e.employee_ref for e in plan.at_risk}
    assert risky == {"E1", "E3", "E5"}  # 50+, low education, no training: two reasons each
    target = plan.targets[0]
    assert target.already_in_role == 1 and target.needed == 4
    assert target.to_recruit + min(3, len(target.candidates)) >= 3
    assert all(c.employee_ref.startswith("E") for c in target.candidates)
    assert plan.training_needs and plan.training_needs[0].employees >= 1
    v = plan.vulnerability
    assert v.parts["ageing"] == pytest.approx(3 / 7, abs=1e-3)
    assert v.parts["small"] == 1.0 and 0 <= v.score <= 1
    assert "%" in v.explanation


def test_vulnerability_level_puts_the_score_in_a_word():
    from koers.checks.organisation import VULNERABLE, Vulnerability

    def level(score: float) -> str:
        return Vulnerability(score, score >= VULNERABLE, {}, "").level

    assert [level(0.0), level(VULNERABLE / 2), level(VULNERABLE), level(1.0)] == [
        "low",
        "medium",
        "high",
        "high",
    ]
