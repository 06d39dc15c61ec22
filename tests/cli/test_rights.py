"""The command line of the rights engine: `koers rights PROFILE.json`."""

from __future__ import annotations

import json
import shutil

from koers.cli import app
from koers.rights.rules import DATA_DIR
from tests.cli import run_json, runner


def _profile(tmp_path, **fields):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(fields), encoding="utf-8")
    return str(path)


def test_rights_json(tmp_path):
    profile = _profile(
        tmp_path, status="employee", region="flanders", age=35, education_level="medium"
    )
    result = run_json("rights", profile, "--date", "2026-11-26", "--json", "--lang", "en")
    assert result["date"] == "2026-11-26"
    decisions = {d["rule_id"]: d for d in result["decisions"]}
    assert decisions["opleidingscheques"]["eligible"] is True
    assert decisions["opleidingscheques"]["source_url"].startswith("https://")
    assert decisions["opleidingscheques"]["to_verify"] is True
    assert all(c["reason"] for d in decisions.values() for c in d["checks"])


def test_rights_from_another_rules_folder(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(DATA_DIR / "loopbaancheques-2013.toml", folder)
    profile = _profile(tmp_path, status="self_employed", region="brussels")
    result = run_json("rights", profile, "--rules", str(folder), "--json")
    assert [(d["rule_id"], d["eligible"]) for d in result["decisions"]] == [
        ("loopbaancheques", True)
    ]


def test_rights_text_and_errors(tmp_path):
    profile = _profile(tmp_path, status="job_seeker", region="flanders")
    shown = runner.invoke(app, ["rights", profile, "--lang", "en"])
    assert shown.exit_code == 0 and "source:" in shown.output
    bad = _profile(tmp_path, status="astronaut", region="flanders")
    refused = runner.invoke(app, ["rights", bad])
    assert refused.exit_code == 2 and "Profile field 'status'" in refused.output
    refused = runner.invoke(app, ["rights", profile, "--date", "tomorrow"])
    assert refused.exit_code == 2 and "not a date" in refused.output
