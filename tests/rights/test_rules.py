"""The rights rules are data: dated, versioned files decide, and change without code."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from koers.rights.model import EducationLevel, Profile, Status
from koers.rights.profile import ProfileInvalid, course_cost_shares, profile_from_dict
from koers.rights.rules import (
    DATA_DIR,
    RuleFileInvalid,
    RulesFolderMissing,
    RuleVersionsOverlap,
    current_rules,
    evaluate,
    load_rules,
)

EMPLOYEE = Profile(
    status=Status.EMPLOYEE,
    region="flanders",
    age=40,
    education_level=EducationLevel.MEDIUM,
    employer_size=30,
    sector="C25",
)
TODAY = date(2026, 11, 26)

NEW_RULE = """
id = "sector_premium"
version = "2027"
valid_from = 2027-01-01
valid_until = 2027-12-31
[title]
en = "Sector training premium"
nl = "Sectorale opleidingspremie"
[summary]
en = "A sector fund pays part of a course."
nl = "Een sectorfonds betaalt een deel van een opleiding."
[source]
title = "Illustrative test rule"
url = "https://example.org/sector-premium"
[conditions]
status = ["employee"]
sectors = ["C"]
[benefit]
kind = "course_cost"
share = 0.25
to_verify = true
"""


def _ids(decisions, eligible=True):
    return {d.rule_id for d in decisions if d.eligible == eligible}


def test_shipped_rules_cover_the_five_incentives_with_sources():
    rules = load_rules(DATA_DIR)
    ids = {r.rule_id for r in rules}
    assert ids == {
        "vlaams_opleidingsverlof",
        "opleidingscheques",
        "kmo_portefeuille",
        "loopbaancheques",
        "leer_en_loopbaanrekening",
    }
    assert all(r.source_url.startswith("https://") and r.source_title for r in rules)
    assert all(r.benefit.to_verify for r in rules)  # none checked against the legal text yet


def test_an_employee_and_a_job_seeker_get_different_rights():
    employee = evaluate(EMPLOYEE, on=TODAY, rules=load_rules(DATA_DIR), lang="en")
    assert _ids(employee) == {
        "vlaams_opleidingsverlof",
        "opleidingscheques",
        "kmo_portefeuille",
        "loopbaancheques",
        "leer_en_loopbaanrekening",
    }
    seeker = Profile(status=Status.JOB_SEEKER, region="flanders", age=30)
    decisions = evaluate(seeker, on=TODAY, rules=load_rules(DATA_DIR), lang="en")
    assert _ids(decisions) == {"leer_en_loopbaanrekening"}
    cheques = next(d for d in decisions if d.rule_id == "opleidingscheques")
    assert "status job_seeker is not one of employee" in [c.reason for c in cheques.checks]


def test_versions_are_chosen_by_date():
    rules = load_rules(DATA_DIR)
    high = Profile(status=Status.EMPLOYEE, region="flanders", education_level=EducationLevel.HIGH)
    old = next(
        d
        for d in evaluate(high, on=date(2021, 5, 1), rules=rules)
        if d.rule_id == "opleidingscheques"
    )
    new = next(d for d in evaluate(high, on=TODAY, rules=rules) if d.rule_id == "opleidingscheques")
    assert old.eligible and old.benefit.cap_eur == 250 and old.version == "2019"
    assert not new.eligible and new.version == "2022-07"


def test_course_recognition_is_a_condition_when_a_course_is_in_view():
    rules = load_rules(DATA_DIR)
    course = Profile(**{**_fields(EMPLOYEE), "course_recognised_for": ("opleidingscheques",)})
    decisions = evaluate(course, on=TODAY, rules=rules)
    assert "opleidingscheques" in _ids(decisions)
    assert {"kmo_portefeuille", "vlaams_opleidingsverlof"} <= _ids(decisions, eligible=False)
    shares = course_cost_shares(decisions)
    assert [(s.incentive_id, s.share, s.cap_eur) for s in shares] == [
        ("opleidingscheques", 0.5, 125.0)
    ]


def _fields(profile):
    return {name: getattr(profile, name) for name in profile.__slots__}


def test_a_new_rule_file_changes_eligibility_without_code_and_ends_on_its_date(
    tmp_path, monkeypatch
):
    folder = tmp_path / "rules"
    shutil.copytree(DATA_DIR, folder)
    monkeypatch.setenv("KOERS_RIGHTS_DIR", str(folder))
    in_2027 = date(2027, 6, 1)
    assert "sector_premium" not in _ids(evaluate(EMPLOYEE, on=in_2027))
    (folder / "sector-premium-2027.toml").write_text(NEW_RULE, encoding="utf-8")
    assert "sector_premium" in _ids(evaluate(EMPLOYEE, on=in_2027))
    assert "sector_premium" not in _ids(evaluate(EMPLOYEE, on=in_2027.replace(year=2028)))
    assert all(d.rule_id != "sector_premium" for d in evaluate(EMPLOYEE, on=date(2028, 1, 1)))
    other_sector = Profile(**{**_fields(EMPLOYEE), "sector": "G47"})
    assert "sector_premium" in _ids(evaluate(other_sector, on=in_2027), eligible=False)


def test_an_ended_version_no_longer_applies(tmp_path):
    (tmp_path / "a.toml").write_text(NEW_RULE, encoding="utf-8")
    rules = current_rules(tmp_path)
    assert evaluate(EMPLOYEE, on=date(2027, 12, 31), rules=rules)
    assert evaluate(EMPLOYEE, on=date(2028, 1, 1), rules=rules) == []
    assert evaluate(EMPLOYEE, on=date(2026, 12, 31), rules=rules) == []


def test_broken_or_overlapping_rule_files_are_refused(tmp_path):
    with pytest.raises(RulesFolderMissing):
        load_rules(tmp_path / "nowhere")
    (tmp_path / "a.toml").write_text(NEW_RULE, encoding="utf-8")
    (tmp_path / "b.toml").write_text(NEW_RULE.replace('"2027"', '"2027b"'), encoding="utf-8")
    with pytest.raises(RuleVersionsOverlap):
        load_rules(tmp_path)
    (tmp_path / "b.toml").write_text(NEW_RULE.replace("sectors", "colours"), encoding="utf-8")
    with pytest.raises(RuleFileInvalid, match=r"b\.toml: unknown condition"):
        load_rules(tmp_path)
    (tmp_path / "b.toml").write_text(NEW_RULE.replace("https://", "http://"), encoding="utf-8")
    with pytest.raises(RuleFileInvalid, match="https"):
        load_rules(tmp_path)
    (tmp_path / "b.toml").write_text("id = ", encoding="utf-8")
    with pytest.raises(RuleFileInvalid):
        load_rules(tmp_path)


def test_profile_from_json_fields():
    profile = profile_from_dict({"status": "self_employed", "region": "flanders", "age": 50})
    assert profile.status is Status.SELF_EMPLOYED and profile.age == 50
    with pytest.raises(ProfileInvalid, match="'status'"):
        profile_from_dict({"status": "retired", "region": "flanders"})
    with pytest.raises(ProfileInvalid, match="'age'"):
        profile_from_dict({"status": "employee", "region": "flanders", "age": "old"})
    with pytest.raises(ProfileInvalid, match="'hobby'"):
        profile_from_dict({"status": "employee", "region": "flanders", "hobby": "x"})
